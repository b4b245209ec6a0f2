"""Calendar files (RFC 5545) for confirmed bookings, so both people add them to their phone.

Written by hand (the ``icalendar`` package is not a dependency): one VEVENT, times in UTC,
text escaped (section 3.3.11), lines ended by CRLF and folded at 75 octets (section 3.1)
without cutting a UTF-8 character in two.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Booking, MeetingMode

PRODUCT_ID = "-//AcroJump//Discovery talks//FR"
CONTENT_TYPE = "text/calendar; charset=utf-8; method=PUBLISH"
LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped, new lines as ``\\n``."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, continuations starting with a
    space (which counts in their 75)."""
    chunks: list[str] = []
    current = ""
    limit = LINE_OCTETS
    for character in line:
        if len((current + character).encode()) > limit:
            chunks.append(current)
            current = ""
            limit = LINE_OCTETS - 1
        current += character
    chunks.append(current)
    return "\r\n ".join(chunks)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def uid(booking: Booking) -> str:
    """Stable per booking: a calendar updates the same event when the file comes again."""
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0].split(":")[0]
    return f"booking-{booking.pk}@{host or 'acrojump'}"


def booking_calendar(booking: Booking, *, now: datetime.datetime | None = None) -> str:
    """The VCALENDAR of a booking (``slot``, ``slot.host``, ``youth`` loaded), in the active
    language."""
    slot = booking.slot
    ends = slot.starts_at + datetime.timedelta(minutes=slot.duration_minutes)
    if slot.kind == slot.Kind.APPOINTMENT:
        summary = _("Appointment with %(name)s") % {"name": slot.host.display_name}
    else:
        summary = _("Discovery talk: %(host)s and %(youth)s") % {
            "host": slot.host.display_name,
            "youth": booking.youth.display_name,
        }
    description_lines = [
        slot.topic or (slot.occupation.label() if slot.occupation else ""),
        str(MeetingMode(slot.mode).label),
        booking.message,
    ]
    cancelled = booking.status == Booking.Status.CANCELLED or slot.cancelled_at is not None
    properties = [
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", PRODUCT_ID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("BEGIN", "VEVENT"),
        ("UID", uid(booking)),
        ("DTSTAMP", _utc(now or timezone.now())),
        ("DTSTART", _utc(slot.starts_at)),
        ("DTEND", _utc(ends)),
        ("SUMMARY", escape_text(summary)),
        ("LOCATION", escape_text(slot.where)),
        ("DESCRIPTION", escape_text("\n".join(line for line in description_lines if line))),
        ("STATUS", "CANCELLED" if cancelled else "CONFIRMED"),
        ("END", "VEVENT"),
        ("END", "VCALENDAR"),
    ]
    return "".join(fold(f"{name}:{value}") + "\r\n" for name, value in properties)


def filename(booking: Booking) -> str:
    return f"acrojump-{booking.pk}.ics"
