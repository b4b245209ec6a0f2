"""Notification kinds of talks, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# network/talks.py: each step of a booking tells the other side.
TALK_BOOKED = "talk_booked"
TALK_BOOKED_BY_MINOR = "talk_booked_by_minor"
BOOKING_CONFIRMED = "booking_confirmed"
BOOKING_DECLINED = "booking_declined"
BOOKING_CANCELLED = "booking_cancelled"
SLOT_CANCELLED = "slot_cancelled"
BOOKING_REMINDER = "booking_reminder"
TALK_DONE = "talk_done"


def _when(params: dict[str, Any]) -> str:
    moment = parse_datetime(params.get("when", "") or "")
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _values(params: dict[str, Any]) -> dict[str, str]:
    return {
        "name": params.get("name", ""),
        "host": params.get("host", ""),
        "when": _when(params),
    }


def _talk_booked(params: dict[str, Any]) -> str:
    return _("%(name)s booked your time slot of %(when)s. Confirm it or decline it.") % _values(
        params
    )


def _talk_booked_by_minor(params: dict[str, Any]) -> str:
    return _("%(name)s booked a discovery talk with %(host)s on %(when)s.") % _values(params)


def _booking_confirmed(params: dict[str, Any]) -> str:
    return _("%(name)s confirmed your meeting of %(when)s.") % _values(params)


def _booking_declined(params: dict[str, Any]) -> str:
    return _("%(name)s cannot meet you on %(when)s. Pick another time slot.") % _values(params)


def _booking_cancelled(params: dict[str, Any]) -> str:
    return _("%(name)s cancelled the meeting of %(when)s.") % _values(params)


def _slot_cancelled(params: dict[str, Any]) -> str:
    return _("%(name)s cancelled the time slot of %(when)s you had booked.") % _values(params)


def _booking_reminder(params: dict[str, Any]) -> str:
    return _("Reminder: you meet %(name)s on %(when)s.") % _values(params)


def _talk_done(params: dict[str, Any]) -> str:
    return _("%(name)s marked your discovery talk as done: it is now in your path.") % _values(
        params
    )


TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    TALK_BOOKED: _talk_booked,
    TALK_BOOKED_BY_MINOR: _talk_booked_by_minor,
    BOOKING_CONFIRMED: _booking_confirmed,
    BOOKING_DECLINED: _booking_declined,
    BOOKING_CANCELLED: _booking_cancelled,
    SLOT_CANCELLED: _slot_cancelled,
    BOOKING_REMINDER: _booking_reminder,
    TALK_DONE: _talk_done,
}
