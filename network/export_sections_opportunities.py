"""The opportunities' sections of the personal-data export (``skills.export``).

A youth gets their applications (with the recruiter's messages and any recommendation a
counsellor wrote about them); a recruiter or mentor gets the opportunities they posted.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _lazy

from skills.export import export_section

from .models import Application, Opportunity, User


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@export_section("applications", title=_lazy("Applications"))
def _applications(user: User) -> list[dict[str, Any]]:
    rows = (
        Application.objects.filter(youth=user)
        .select_related("opportunity__organisation")
        .order_by("id")
    )
    return [
        {
            "opportunity": application.opportunity.title,
            "organisation": application.opportunity.organisation.name,
            "message": application.message,
            "named": application.named,
            "status": application.status,
            "status_label": str(application.get_status_display()),
            "decision_message": application.decision_message,
            "decided_at": _iso(application.decided_at),
            "recommendation": application.recommendation,
            "recommended_at": _iso(application.recommended_at),
            "created_at": _iso(application.created_at),
        }
        for application in rows
    ]


@export_section("opportunities_posted", title=_lazy("Opportunities I posted"))
def _opportunities_posted(user: User) -> list[dict[str, Any]]:
    rows = (
        Opportunity.objects.filter(posted_by=user)
        .select_related("organisation")
        .prefetch_related("skills")
        .order_by("id")
    )
    return [
        {
            "title": opportunity.title,
            "organisation": opportunity.organisation.name,
            "kind": opportunity.kind,
            "description": opportunity.description,
            "skills": [concept.label() for concept in opportunity.skills.all()],
            "town": opportunity.town,
            "remote": opportunity.remote,
            "contract": opportunity.contract,
            "hours_per_week": opportunity.hours_per_week,
            "starts_on": _iso(opportunity.starts_on),
            "status": opportunity.status,
            "created_at": _iso(opportunity.created_at),
        }
        for opportunity in rows
    ]
