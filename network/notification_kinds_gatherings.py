"""Notification kinds of gatherings, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

WORKSHOP_PLACE_FREED = "workshop_place_freed"
WORKSHOP_CANCELLED = "workshop_cancelled"
JOB_DATING_INVITED = "job_dating_invited"
JOB_DATING_SCHEDULE = "job_dating_schedule"


def _when(iso: str) -> str:
    """A stored ISO date and time, written the reader's way when shown."""
    moment = parse_datetime(iso) if iso else None
    if moment is None:
        return iso
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _params(params: dict[str, Any]) -> dict[str, str]:
    return {
        "title": params.get("title", ""),
        "organisation": params.get("organisation", ""),
        "when": _when(params.get("when", "")),
    }


def _workshop_place_freed(params: dict[str, Any]) -> str:
    return _("A place is free: you are now registered for the workshop “%(title)s” (%(when)s).") % (
        _params(params)
    )


def _workshop_cancelled(params: dict[str, Any]) -> str:
    return _("The workshop “%(title)s” (%(when)s) is cancelled.") % _params(params)


def _job_dating_invited(params: dict[str, Any]) -> str:
    return _("%(organisation)s invites you to the job dating “%(title)s” (%(when)s).") % (
        _params(params)
    )


def _job_dating_schedule(params: dict[str, Any]) -> str:
    return _("The schedule of the job dating “%(title)s” (%(when)s) is ready: see your times.") % (
        _params(params)
    )


TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    WORKSHOP_PLACE_FREED: _workshop_place_freed,
    WORKSHOP_CANCELLED: _workshop_cancelled,
    JOB_DATING_INVITED: _job_dating_invited,
    JOB_DATING_SCHEDULE: _job_dating_schedule,
}
