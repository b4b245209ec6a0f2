"""Discovery talks and appointments in the personal-data export (see ``skills.export``):
the slots the person offered and the bookings they made or received.

Imported by ``NetworkConfig.ready()``, which registers the sections.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _lazy

from skills.export import export_section

from .models import Booking, Slot, User


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@export_section("time_slots", title=_lazy("Time slots offered"))
def _slots(user: User) -> list[dict[str, Any]]:
    return [
        {
            "kind": slot.kind,
            "starts_at": _iso(slot.starts_at),
            "duration_minutes": slot.duration_minutes,
            "mode": slot.mode,
            "where": slot.where,
            "topic": slot.topic,
            "occupation": slot.occupation.uri if slot.occupation else None,
            "cancelled_at": _iso(slot.cancelled_at),
        }
        for slot in Slot.objects.filter(host=user).select_related("occupation").order_by("id")
    ]


@export_section("bookings", title=_lazy("Bookings"))
def _bookings(user: User) -> list[dict[str, Any]]:
    bookings = (
        Booking.objects.filter(youth=user).select_related("slot", "slot__host").order_by("id")
    )
    return [
        {
            "with": booking.slot.host.display_name,
            "kind": booking.slot.kind,
            "starts_at": _iso(booking.slot.starts_at),
            "message": booking.message,
            "status": booking.status,
            "confirmed_at": _iso(booking.confirmed_at),
            "cancelled_at": _iso(booking.cancelled_at),
        }
        for booking in bookings
    ]
