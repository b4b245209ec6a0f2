"""The one way the code pushes events to people's open tabs.

Actions call :func:`send_event`; the push happens after the surrounding transaction
commits, so nobody sees an event about data that was rolled back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from . import events

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def send_event(event_type: str, user_ids: Iterable[int], payload: dict[str, Any]) -> None:
    """Push ``event_type`` with ``payload`` to every open socket of ``user_ids`` on commit."""
    if event_type not in events.SERVER_EVENTS:
        raise ValueError(f"Unknown event type {event_type!r}; document it in network/events.py")
    recipients = sorted(set(user_ids))
    message = {"type": "push.event", "event": {"type": event_type, **payload}}

    def push() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        for user_id in recipients:
            try:
                async_to_sync(layer.group_send)(user_group(user_id), message)
            except Exception:
                # The data is committed and the client catches up over HTTP when it
                # reconnects: a failed push must not turn a successful write into an error.
                logger.exception("Could not push %s to user %s", event_type, user_id)

    transaction.on_commit(push)
