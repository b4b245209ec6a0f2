"""Notification kinds of opportunities, bookings, workshops and job datings, one module each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import (
    notification_kinds_gatherings,
    notification_kinds_opportunities,
    notification_kinds_talks,
)

TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    **notification_kinds_opportunities.TEXTS,
    **notification_kinds_talks.TEXTS,
    **notification_kinds_gatherings.TEXTS,
}
