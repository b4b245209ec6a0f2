"""Writes of workshops and job datings.

``check_*`` validate permission and input (raising ``Http404`` for what the person may not
see, ``PermissionDenied`` or ``GatheringError`` with a message for them), own the
transaction and call ``do_*``, which write and schedule side effects (live notification
and e-mail, after commit) assuming the checks passed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import notification_kinds
from . import notification_kinds_gatherings as kinds
from .actions import do_notify
from .emails import send_after_commit
from .feed import do_delete_activities, do_record_activity
from .gatherings_selectors import (
    access_job_dating_as_organiser,
    access_meeting,
    access_seat,
    access_workshop,
    access_workshop_as_organiser,
    organiser_organisations,
)
from .job_dating_schedule import plan_schedule, slot_count
from .models import (
    Activity,
    JobDating,
    JobDatingCandidate,
    JobDatingMeeting,
    JobDatingRecruiter,
    MeetingMode,
    Opportunity,
    Organisation,
    Role,
    User,
    Visibility,
    Workshop,
    WorkshopRegistration,
)
from .relations import is_blocked_between, mentored_youth_ids

Registration = WorkshopRegistration.Status
Outcome = JobDatingMeeting.Outcome
MAX_CAPACITY = 500
MAX_WORKSHOP_LENGTH = datetime.timedelta(days=1)
MAX_JOB_DATING_LENGTH = datetime.timedelta(hours=12)


class GatheringError(Exception):
    """Input or state the person can fix or understand; the message is for them."""


# --- Side effects ------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def do_tell(recipient: User, *, kind: str, params: dict, url: str) -> None:
    """Notify ``recipient`` live and by e-mail, in their language, once committed."""
    notification = do_notify(recipient, kind=kind, params=params, url=url)
    with translation.override(recipient.language or "fr"):
        text = notification_kinds.notification_text(notification)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + text[:80]
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": recipient.first_name or recipient.display_name},
                text,
                _("See it on AcroJump: %(url)s") % {"url": _absolute(url or "/")},
            ]
        )
    send_after_commit(subject, body, recipient.email)


# --- Shared checks ---------------------------------------------------------------------------


def _check_window(starts_at: datetime.datetime, ends_at: datetime.datetime, longest) -> None:
    if starts_at <= timezone.now():
        raise GatheringError(_("The start is in the past: choose a date and time to come."))
    if ends_at <= starts_at:
        raise GatheringError(_("The end must be after the start."))
    if ends_at - starts_at > longest:
        raise GatheringError(_("It is too long: it must end the same day or within 24 hours."))


def _organisation_for(user: User, organisation_id: int | None) -> Organisation:
    """The organisation ``user`` runs the gathering for: the one chosen, else their first."""
    allowed = organiser_organisations(user)
    organisation = (
        allowed.filter(pk=organisation_id).first() if organisation_id else allowed.first()
    )
    if organisation is None:
        raise PermissionDenied(
            _(
                "Only counsellors and members of a Mission Locale, school, association or "
                "club can organise workshops and job datings; companies take part in them."
            )
        )
    return organisation


# --- Workshops -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkshopDetails:
    title: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    capacity: int


def check_create_workshop(
    user: User, *, details: WorkshopDetails, organisation_id: int | None = None
) -> Workshop:
    organisation = _organisation_for(user, organisation_id)
    _check_window(details.starts_at, details.ends_at, MAX_WORKSHOP_LENGTH)
    if not 1 <= details.capacity <= MAX_CAPACITY:
        raise GatheringError(
            _("The number of places must be between 1 and %(max)s.") % {"max": MAX_CAPACITY}
        )
    if not details.title.strip() or not details.place.strip():
        raise GatheringError(_("Give the workshop a title and a place."))
    with transaction.atomic():
        return do_create_workshop(user, organisation=organisation, details=details)


def do_create_workshop(
    user: User, *, organisation: Organisation, details: WorkshopDetails
) -> Workshop:
    workshop = Workshop.objects.create(
        organisation=organisation,
        created_by=user,
        title=details.title.strip(),
        description=details.description.strip(),
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        place=details.place.strip(),
        capacity=details.capacity,
    )
    do_record_activity(
        user,
        verb=Activity.Verb.EVENT,
        visibility=Visibility.MEMBERS,
        params={"title": workshop.title, "starts_at": workshop.starts_at.isoformat()},
        url=reverse("network:workshop", args=[workshop.pk]),
        organisation=organisation,
        target_type="workshop",
        target_id=workshop.pk,
    )
    return workshop


@dataclass(frozen=True)
class RegistrationResult:
    registration: WorkshopRegistration
    #: False when the youth was already registered or waiting: nothing changed.
    created: bool


def check_register(youth: User, *, workshop_id: int) -> RegistrationResult:
    """A youth takes a place, or a place on the waiting list when the workshop is full.

    The workshop row is locked while places are counted, so two youths asking for the
    last place at the same moment cannot both get it.
    """
    if youth.role != Role.YOUTH:
        raise PermissionDenied(_("Workshops are for young people."))
    with transaction.atomic():
        workshop = access_workshop(youth, workshop_id, lock=True)
        if workshop.cancelled_at is not None:
            raise GatheringError(_("This workshop was cancelled."))
        if workshop.starts_at <= timezone.now():
            raise GatheringError(_("This workshop has already started or is over."))
        if workshop.created_by_id and is_blocked_between(youth, workshop.created_by_id):
            raise GatheringError(
                _("You cannot register: you and the organiser blocked each other.")
            )
        existing = WorkshopRegistration.objects.filter(workshop=workshop, youth=youth).first()
        if existing is not None and existing.status != Registration.CANCELLED:
            return RegistrationResult(existing, created=False)
        return RegistrationResult(
            do_register(youth, workshop=workshop, existing=existing), created=True
        )


def do_register(
    youth: User, *, workshop: Workshop, existing: WorkshopRegistration | None
) -> WorkshopRegistration:
    """Expects ``workshop`` locked."""
    taken = WorkshopRegistration.objects.filter(
        workshop=workshop, status=Registration.REGISTERED
    ).count()
    status = Registration.REGISTERED if taken < workshop.capacity else Registration.WAITING
    if existing is not None:
        # Coming back after cancelling: to the end of the queue, as a new registration.
        existing.delete()
    return WorkshopRegistration.objects.create(workshop=workshop, youth=youth, status=status)


def check_cancel_registration(youth: User, *, workshop_id: int) -> WorkshopRegistration | None:
    """The youth gives up their place (or waiting-list place); the first waiting gets it."""
    with transaction.atomic():
        workshop = access_workshop(youth, workshop_id, lock=True)
        registration = (
            WorkshopRegistration.objects.filter(workshop=workshop, youth=youth)
            .exclude(status=Registration.CANCELLED)
            .first()
        )
        if registration is None:
            raise GatheringError(_("You are not registered for this workshop."))
        return do_cancel_registration(registration, workshop=workshop)


def do_cancel_registration(
    registration: WorkshopRegistration, *, workshop: Workshop
) -> WorkshopRegistration | None:
    """Expects ``workshop`` locked. Returns the promoted registration, if any."""
    freed = registration.status == Registration.REGISTERED
    registration.status = Registration.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if not freed or workshop.cancelled_at is not None or workshop.starts_at <= timezone.now():
        return None
    promoted = (
        WorkshopRegistration.objects.filter(workshop=workshop, status=Registration.WAITING)
        .select_related("youth")
        .order_by("created_at", "id")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = Registration.REGISTERED
    promoted.save(update_fields=["status", "updated_at"])
    do_tell(
        promoted.youth,
        kind=kinds.WORKSHOP_PLACE_FREED,
        params={"title": workshop.title, "when": workshop.starts_at.isoformat()},
        url=reverse("network:workshop", args=[workshop.pk]),
    )
    return promoted


def check_cancel_workshop(user: User, *, workshop_id: int) -> Workshop:
    with transaction.atomic():
        workshop = access_workshop_as_organiser(user, workshop_id, lock=True)
        if workshop.cancelled_at is not None:
            raise GatheringError(_("This workshop is already cancelled."))
        if workshop.starts_at <= timezone.now():
            raise GatheringError(_("This workshop has already started or is over."))
        return do_cancel_workshop(workshop)


def do_cancel_workshop(workshop: Workshop) -> Workshop:
    workshop.cancelled_at = timezone.now()
    workshop.save(update_fields=["cancelled_at"])
    # The feed no longer invites people to a workshop that will not happen.
    do_delete_activities("workshop", workshop.pk)
    registrations = (
        WorkshopRegistration.objects.filter(workshop=workshop)
        .exclude(status=Registration.CANCELLED)
        .select_related("youth")
    )
    for registration in registrations:
        do_tell(
            registration.youth,
            kind=kinds.WORKSHOP_CANCELLED,
            params={"title": workshop.title, "when": workshop.starts_at.isoformat()},
            url=reverse("network:workshops"),
        )
    return workshop


# --- Job datings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobDatingDetails:
    title: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    mode: str
    place: str
    video_link: str
    meeting_minutes: int


def check_create_job_dating(
    user: User, *, details: JobDatingDetails, organisation_id: int | None = None
) -> JobDating:
    organisation = _organisation_for(user, organisation_id)
    _check_window(details.starts_at, details.ends_at, MAX_JOB_DATING_LENGTH)
    if not 5 <= details.meeting_minutes <= 60:
        raise GatheringError(_("A meeting lasts between 5 and 60 minutes."))
    if details.mode == MeetingMode.IN_PERSON and not details.place.strip():
        raise GatheringError(_("Give the address of the job dating."))
    if details.mode == MeetingMode.VIDEO and not details.video_link.strip():
        raise GatheringError(_("Give the video link of the job dating."))
    if details.mode not in (MeetingMode.IN_PERSON, MeetingMode.VIDEO):
        raise GatheringError(_("A job dating takes place on site or online."))
    if slot_count(_minutes(details.starts_at, details.ends_at), details.meeting_minutes) < 1:
        raise GatheringError(_("The time window is shorter than one meeting."))
    with transaction.atomic():
        return JobDating.objects.create(
            organisation=organisation,
            created_by=user,
            title=details.title.strip(),
            description=details.description.strip(),
            starts_at=details.starts_at,
            ends_at=details.ends_at,
            mode=details.mode,
            place=details.place.strip() if details.mode == MeetingMode.IN_PERSON else "",
            video_link=details.video_link.strip() if details.mode == MeetingMode.VIDEO else "",
            meeting_minutes=details.meeting_minutes,
        )


def _minutes(starts_at: datetime.datetime, ends_at: datetime.datetime) -> int:
    return int((ends_at - starts_at).total_seconds() // 60)


def _check_not_over(job_dating: JobDating) -> None:
    if job_dating.cancelled_at is not None:
        raise GatheringError(_("This job dating was cancelled."))
    if job_dating.ends_at <= timezone.now():
        raise GatheringError(_("This job dating is over."))


def check_invite_recruiter(user: User, *, job_dating_id: int, email: str) -> JobDatingRecruiter:
    """An organiser gives a seat to a recruiter, found by the e-mail of their account."""
    with transaction.atomic():
        job_dating = access_job_dating_as_organiser(user, job_dating_id, lock=True)
        _check_not_over(job_dating)
        recruiter = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if recruiter is None or recruiter.role != Role.RECRUITER:
            raise GatheringError(_("No recruiter account has this e-mail address."))
        if is_blocked_between(user, recruiter):
            raise GatheringError(_("You cannot invite this person."))
        if job_dating.recruiters.filter(recruiter=recruiter).exists():
            raise GatheringError(_("This recruiter is already invited."))
        seat = JobDatingRecruiter.objects.create(job_dating=job_dating, recruiter=recruiter)
        do_tell(
            recruiter,
            kind=kinds.JOB_DATING_INVITED,
            params={
                "title": job_dating.title,
                "organisation": job_dating.organisation.name,
                "when": job_dating.starts_at.isoformat(),
            },
            url=reverse("network:job_dating", args=[job_dating.pk]),
        )
        return seat


def check_set_seat(
    recruiter: User, *, job_dating_id: int, opportunity_id: int | None, table: str
) -> JobDatingRecruiter:
    """The recruiter says which of their organisation's opportunities they recruit for."""
    seat = access_seat(recruiter, job_dating_id)
    _check_not_over(seat.job_dating)
    opportunity = None
    if opportunity_id is not None:
        opportunity = Opportunity.objects.filter(
            pk=opportunity_id,
            organisation__in=recruiter.organisations.all(),
            status=Opportunity.Status.OPEN,
        ).first()
        if opportunity is None:
            raise GatheringError(_("Choose an open opportunity of your organisation."))
    seat.opportunity = opportunity
    seat.table = table.strip()[:60]
    seat.save(update_fields=["opportunity", "table"])
    return seat


def check_preselect_youth(user: User, *, job_dating_id: int, youth_id: int) -> JobDatingCandidate:
    """An organiser pre-selects a youth they follow (minors too: they are their mentor)."""
    with transaction.atomic():
        job_dating = access_job_dating_as_organiser(user, job_dating_id, lock=True)
        _check_not_over(job_dating)
        youth = User.objects.filter(
            pk=youth_id, id__in=mentored_youth_ids(user), is_active=True
        ).first()
        if youth is None:
            raise GatheringError(_("You can only pre-select young people you follow."))
        if job_dating.candidates.filter(youth=youth).exists():
            raise GatheringError(_("This young person is already pre-selected."))
        return JobDatingCandidate.objects.create(
            job_dating=job_dating, youth=youth, selected_by=user
        )


def check_remove_candidate(user: User, *, job_dating_id: int, candidate_id: int) -> None:
    with transaction.atomic():
        job_dating = access_job_dating_as_organiser(user, job_dating_id, lock=True)
        _check_not_over(job_dating)
        deleted, _rows = job_dating.candidates.filter(pk=candidate_id).delete()
        if not deleted:
            raise GatheringError(_("This young person is not on the list."))


def slot_starts(job_dating: JobDating) -> list[datetime.datetime]:
    """The start of every meeting slot of the window."""
    count = slot_count(
        _minutes(job_dating.starts_at, job_dating.ends_at), job_dating.meeting_minutes
    )
    step = datetime.timedelta(minutes=job_dating.meeting_minutes)
    return [job_dating.starts_at + step * index for index in range(count)]


def check_generate_schedule(user: User, *, job_dating_id: int) -> list[JobDatingMeeting]:
    """Plan every recruiter–candidate meeting that fits and tell everyone their times.

    Replaces the previous schedule, unless an outcome was already recorded.
    """
    with transaction.atomic():
        job_dating = access_job_dating_as_organiser(user, job_dating_id, lock=True)
        _check_not_over(job_dating)
        if job_dating.meetings.exclude(outcome=Outcome.PENDING).exists():
            raise GatheringError(
                _("Outcomes are already recorded: move or remove meetings one by one instead.")
            )
        seats = list(job_dating.recruiters.select_related("recruiter"))
        candidates = list(job_dating.candidates.select_related("youth"))
        if not seats or not candidates:
            raise GatheringError(
                _("Invite at least one recruiter and pre-select at least one young person first.")
            )
        return do_generate_schedule(job_dating, seats=seats, candidates=candidates)


def do_generate_schedule(
    job_dating: JobDating,
    *,
    seats: list[JobDatingRecruiter],
    candidates: list[JobDatingCandidate],
) -> list[JobDatingMeeting]:
    """Expects ``job_dating`` locked and no outcome recorded."""
    starts = slot_starts(job_dating)
    planned = plan_schedule(
        [seat.pk for seat in seats], [candidate.pk for candidate in candidates], slots=len(starts)
    )
    job_dating.meetings.all().delete()
    meetings = JobDatingMeeting.objects.bulk_create(
        JobDatingMeeting(
            job_dating=job_dating,
            seat_id=meeting.recruiter,
            candidate_id=meeting.candidate,
            starts_at=starts[meeting.slot],
        )
        for meeting in planned
    )
    params = {"title": job_dating.title, "when": job_dating.starts_at.isoformat()}
    url = reverse("network:job_dating", args=[job_dating.pk])
    for person in [seat.recruiter for seat in seats] + [c.youth for c in candidates]:
        do_tell(person, kind=kinds.JOB_DATING_SCHEDULE, params=params, url=url)
    return meetings


def check_move_meeting(
    user: User, *, meeting_id: int, starts_at: datetime.datetime
) -> JobDatingMeeting:
    """An organiser moves a meeting to another slot; a person already busy then is refused."""
    try:
        with transaction.atomic():
            meeting = access_meeting(user, meeting_id, lock=True)
            job_dating = access_job_dating_as_organiser(user, meeting.job_dating_id)
            _check_not_over(job_dating)
            if starts_at not in slot_starts(job_dating):
                raise GatheringError(_("Choose one of the times of the schedule."))
            meeting.starts_at = starts_at
            meeting.save(update_fields=["starts_at"])
            return meeting
    except IntegrityError:
        raise GatheringError(
            _("The recruiter or the young person already has a meeting at that time.")
        ) from None


def check_remove_meeting(user: User, *, meeting_id: int) -> None:
    with transaction.atomic():
        meeting = access_meeting(user, meeting_id, lock=True)
        access_job_dating_as_organiser(user, meeting.job_dating_id)
        if meeting.outcome != Outcome.PENDING:
            raise GatheringError(_("An outcome is recorded for this meeting: it stays."))
        meeting.delete()


def check_check_in(
    user: User, *, job_dating_id: int, candidate_id: int, present: bool = True
) -> JobDatingCandidate:
    """An organiser checks a youth in on the day (or undoes a mistake)."""
    with transaction.atomic():
        job_dating = access_job_dating_as_organiser(user, job_dating_id)
        candidate = (
            JobDatingCandidate.objects.select_for_update()
            .filter(job_dating=job_dating, pk=candidate_id)
            .first()
        )
        if candidate is None:
            raise GatheringError(_("This young person is not on the list."))
        if timezone.localdate(job_dating.starts_at) > timezone.localdate():
            raise GatheringError(_("Check-in opens on the day of the job dating."))
        candidate.checked_in_at = timezone.now() if present else None
        candidate.save(update_fields=["checked_in_at"])
        return candidate


def check_record_outcome(
    user: User, *, meeting_id: int, outcome: str, notes: str = ""
) -> JobDatingMeeting:
    """The meeting's recruiter or an organiser says what came of it."""
    if outcome not in Outcome.values:
        raise GatheringError(_("Choose one of the outcomes."))
    with transaction.atomic():
        meeting = access_meeting(user, meeting_id, lock=True)
        if meeting.starts_at > timezone.now():
            raise GatheringError(_("You can record the outcome once the meeting has started."))
        meeting.outcome = outcome
        meeting.notes = notes.strip()[:500]
        meeting.save(update_fields=["outcome", "notes"])
        return meeting
