"""Notification kinds of the connections and the feed: what each says, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

CONNECTION_REQUESTED = "connection_requested"
CONNECTION_ACCEPTED = "connection_accepted"
FEED_COMMENT = "feed_comment"
FEED_BRAVO = "feed_bravo"


def _connection_requested(params: dict[str, Any]) -> str:
    return _("%(name)s wants to connect with you.") % {"name": params.get("name", "")}


def _connection_accepted(params: dict[str, Any]) -> str:
    return _("%(name)s accepted your request: you are now connected.") % {
        "name": params.get("name", "")
    }


def _feed_comment(params: dict[str, Any]) -> str:
    return _("%(name)s commented on your news.") % {"name": params.get("name", "")}


def _feed_bravo(params: dict[str, Any]) -> str:
    return _("%(name)s said bravo to your news.") % {"name": params.get("name", "")}


TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    CONNECTION_REQUESTED: _connection_requested,
    CONNECTION_ACCEPTED: _connection_accepted,
    FEED_COMMENT: _feed_comment,
    FEED_BRAVO: _feed_bravo,
}
