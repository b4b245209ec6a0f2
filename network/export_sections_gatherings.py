"""The personal-data export of workshops and job datings (see ``skills.export``).

A youth gets their workshop registrations and their job-dating schedule, without the
recruiters' notes (those are the recruiter's); a recruiter gets their seats and the
meetings they held, with their own notes; an organiser gets the gatherings they created.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _lazy

from skills.export import export_section

from .models import (
    JobDating,
    JobDatingCandidate,
    JobDatingRecruiter,
    User,
    Workshop,
    WorkshopRegistration,
)


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@export_section("workshops", title=_lazy("Workshops"))
def _workshops(user: User) -> dict[str, Any]:
    registrations = WorkshopRegistration.objects.filter(youth=user).select_related(
        "workshop", "workshop__organisation"
    )
    organised = Workshop.objects.filter(created_by=user).select_related("organisation")
    return {
        "registrations": [
            {
                "workshop": registration.workshop.title,
                "organisation": registration.workshop.organisation.name,
                "starts_at": _iso(registration.workshop.starts_at),
                "status": registration.status,
                "registered_at": _iso(registration.created_at),
            }
            for registration in registrations
        ],
        "organised": [
            {
                "title": workshop.title,
                "organisation": workshop.organisation.name,
                "starts_at": _iso(workshop.starts_at),
                "place": workshop.place,
                "capacity": workshop.capacity,
                "cancelled_at": _iso(workshop.cancelled_at),
            }
            for workshop in organised
        ],
    }


@export_section("job_datings", title=_lazy("Job datings"))
def _job_datings(user: User) -> dict[str, Any]:
    candidacies = (
        JobDatingCandidate.objects.filter(youth=user)
        .select_related("job_dating", "job_dating__organisation")
        .prefetch_related("meetings")
    )
    seats = (
        JobDatingRecruiter.objects.filter(recruiter=user)
        .select_related("job_dating", "opportunity")
        .prefetch_related("meetings")
    )
    organised = JobDating.objects.filter(created_by=user).select_related("organisation")
    return {
        "as_candidate": [
            {
                "job_dating": candidacy.job_dating.title,
                "organisation": candidacy.job_dating.organisation.name,
                "checked_in_at": _iso(candidacy.checked_in_at),
                "meetings": [_iso(meeting.starts_at) for meeting in candidacy.meetings.all()],
            }
            for candidacy in candidacies
        ],
        "as_recruiter": [
            {
                "job_dating": seat.job_dating.title,
                "opportunity": seat.opportunity.title if seat.opportunity else None,
                "meetings": [
                    {
                        "starts_at": _iso(meeting.starts_at),
                        "outcome": meeting.outcome,
                        "notes": meeting.notes,
                    }
                    for meeting in seat.meetings.all()
                ],
            }
            for seat in seats
        ],
        "organised": [
            {
                "title": job_dating.title,
                "organisation": job_dating.organisation.name,
                "starts_at": _iso(job_dating.starts_at),
            }
            for job_dating in organised
        ],
    }
