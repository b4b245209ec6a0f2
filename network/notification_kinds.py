"""What each kind of notification says, written in the reader's language when shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from .models import Notification

WELCOME = "welcome"
EMAIL_CONFIRMED = "email_confirmed"


def _welcome(params: dict[str, Any]) -> str:
    return _(
        "Welcome to AcroJump, %(first_name)s! Your e-mail is confirmed: "
        "you can now build your profile."
    ) % {"first_name": params.get("first_name", "")}


def _email_confirmed(params: dict[str, Any]) -> str:
    return _("Your e-mail address %(email)s is confirmed.") % {"email": params.get("email", "")}


TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    WELCOME: _welcome,
    EMAIL_CONFIRMED: _email_confirmed,
}


def notification_text(notification: Notification) -> str:
    render = TEXTS.get(notification.kind)
    if render is None:
        return _("You have a new notification.")
    return render(notification.params)
