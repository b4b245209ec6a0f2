"""The one way actions send e-mail: after commit, and never failing a committed request."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)


def send_after_commit(subject: str, body: str, to: str) -> None:
    """Send once the surrounding transaction commits.

    The data is already stored and the live notification sent: a mail server that fails is
    logged, it must not turn the person's request into an error page.
    """

    def send() -> None:
        try:
            send_mail(subject, body, None, [to])
        except Exception:
            logger.exception("E-mail %r to %s not sent", subject, to)

    transaction.on_commit(send)
