"""A person's agenda: their meetings from a month ago on, whatever kind.

Bookings as the youth or the host, workshop registrations, job datings they are invited to or
sit at as a recruiter, and their timed job-dating meetings. Five queries, whatever the number
of items: each kind is fetched once with its joins.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Booking,
    JobDating,
    JobDatingCandidate,
    JobDatingMeeting,
    JobDatingRecruiter,
    MeetingMode,
    Slot,
    User,
    WorkshopRegistration,
)

#: How far back the agenda still shows past meetings.
RECENT = datetime.timedelta(days=30)


@dataclass
class AgendaItem:
    kind: str  # talk | appointment | workshop | job_dating | job_dating_meeting
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title: str
    with_whom: str = ""
    where: str = ""
    mode: str = ""
    status: str = ""
    status_label: str = ""
    booking: Booking | None = None
    is_host: bool = False

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def mode_label(self) -> str:
        return str(MeetingMode(self.mode).label) if self.mode else ""

    @property
    def ics_url(self) -> str:
        if self.booking is None or self.booking.status not in (
            Booking.Status.CONFIRMED,
            Booking.Status.DONE,
        ):
            return ""
        return reverse("network:booking_ics", args=[self.booking.pk])

    @property
    def dom_id(self) -> str:
        return f"{self.kind}-{self.booking.pk if self.booking else id(self)}"


def _booking_items(user: User, since: datetime.datetime) -> list[AgendaItem]:
    bookings = (
        Booking.objects.filter(Q(youth=user) | Q(slot__host=user))
        .filter(slot__starts_at__gte=since)
        .exclude(youth__is_active=False)
        .exclude(slot__host__is_active=False)
        .select_related("slot", "slot__host", "slot__occupation", "youth")
    )
    items = []
    for booking in bookings:
        slot = booking.slot
        is_host = slot.host_id == user.pk
        other = booking.youth if is_host else slot.host
        if slot.kind == Slot.Kind.APPOINTMENT:
            title = _("Appointment")
        else:
            subject = slot.topic or (slot.occupation.label() if slot.occupation else "")
            title = _("Discovery talk: %(subject)s") % {"subject": subject}
        # The address, phone or link is the host's to give: the youth sees it once confirmed.
        shown_where = is_host or booking.status in (Booking.Status.CONFIRMED, Booking.Status.DONE)
        items.append(
            AgendaItem(
                kind=slot.kind,
                starts_at=slot.starts_at,
                ends_at=slot.starts_at + datetime.timedelta(minutes=slot.duration_minutes),
                title=title,
                with_whom=other.display_name,
                where=slot.where if shown_where else "",
                mode=slot.mode,
                status=booking.status,
                status_label=booking.get_status_display(),
                booking=booking,
                is_host=is_host,
            )
        )
    return items


def _workshop_items(user: User, since: datetime.datetime) -> list[AgendaItem]:
    registrations = WorkshopRegistration.objects.filter(
        youth=user,
        status__in=(WorkshopRegistration.Status.REGISTERED, WorkshopRegistration.Status.WAITING),
        workshop__ends_at__gte=since,
        workshop__cancelled_at__isnull=True,
    ).select_related("workshop", "workshop__organisation")
    return [
        AgendaItem(
            kind="workshop",
            starts_at=registration.workshop.starts_at,
            ends_at=registration.workshop.ends_at,
            title=registration.workshop.title,
            with_whom=registration.workshop.organisation.name,
            where=registration.workshop.place,
            status=registration.status,
            status_label=registration.get_status_display(),
        )
        for registration in registrations
    ]


def _job_dating_item(job_dating: JobDating, status_label: str = "") -> AgendaItem:
    return AgendaItem(
        kind="job_dating",
        starts_at=job_dating.starts_at,
        ends_at=job_dating.ends_at,
        title=job_dating.title,
        with_whom=job_dating.organisation.name,
        where=job_dating.place or job_dating.video_link,
        mode=job_dating.mode,
        status_label=status_label,
    )


def _job_dating_items(user: User, since: datetime.datetime) -> list[AgendaItem]:
    live = {"job_dating__ends_at__gte": since, "job_dating__cancelled_at__isnull": True}
    invitations = JobDatingCandidate.objects.filter(youth=user, **live).select_related(
        "job_dating", "job_dating__organisation"
    )
    seats = JobDatingRecruiter.objects.filter(recruiter=user, **live).select_related(
        "job_dating", "job_dating__organisation"
    )
    return [_job_dating_item(row.job_dating, _("Invited")) for row in invitations] + [
        _job_dating_item(row.job_dating, _("Recruiter")) for row in seats
    ]


def _meeting_items(user: User, since: datetime.datetime) -> list[AgendaItem]:
    meetings = (
        JobDatingMeeting.objects.filter(Q(seat__recruiter=user) | Q(candidate__youth=user))
        .filter(starts_at__gte=since, job_dating__cancelled_at__isnull=True)
        .select_related(
            "job_dating",
            "job_dating__organisation",
            "seat",
            "seat__recruiter",
            "candidate",
            "candidate__youth",
        )
    )
    items = []
    for meeting in meetings:
        job_dating = meeting.job_dating
        is_recruiter = meeting.seat.recruiter_id == user.pk
        other = meeting.candidate.youth if is_recruiter else meeting.seat.recruiter
        items.append(
            AgendaItem(
                kind="job_dating_meeting",
                starts_at=meeting.starts_at,
                ends_at=meeting.starts_at + datetime.timedelta(minutes=job_dating.meeting_minutes),
                title=_("Job dating meeting: %(title)s") % {"title": job_dating.title},
                with_whom=other.display_name,
                where=" · ".join(
                    part
                    for part in (meeting.seat.table, job_dating.place or job_dating.video_link)
                    if part
                ),
                mode=job_dating.mode,
                status=meeting.outcome,
                status_label=meeting.get_outcome_display(),
                is_host=is_recruiter,
            )
        )
    return items


def agenda_for(
    user: User, *, now: datetime.datetime | None = None
) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """``(upcoming, recent)``: upcoming soonest first, recent (last 30 days) latest first."""
    now = now or timezone.now()
    since = now - RECENT
    items = [
        *_booking_items(user, since),
        *_workshop_items(user, since),
        *_job_dating_items(user, since),
        *_meeting_items(user, since),
    ]
    upcoming = sorted((item for item in items if item.ends_at > now), key=lambda i: i.starts_at)
    recent = sorted(
        (item for item in items if item.ends_at <= now), key=lambda i: i.starts_at, reverse=True
    )
    return upcoming, recent
