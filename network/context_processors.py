from __future__ import annotations

from django.http import HttpRequest

from . import selectors


def navigation(request: HttpRequest) -> dict:
    """The unread counter shown in the header of every page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    summary = selectors.notification_summary(user)
    return {
        "unread_notification_count": summary.unread_count,
        "last_notification_id": summary.last_id,
    }
