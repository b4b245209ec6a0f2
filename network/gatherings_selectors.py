"""Reads of workshops and job datings that depend on who asks.

``access_*`` return the object or raise ``Http404`` (an id the person may not see looks
like an id that does not exist). Organisers are the members of the organisation running
the gathering; recruiters see a job dating through their seat, youths through their
pre-selection.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation

from skills.models import ProfileSkill
from skills.selectors import ProfilePage, profile_page

from .models import (
    JobDating,
    JobDatingCandidate,
    JobDatingMeeting,
    JobDatingRecruiter,
    Membership,
    Organisation,
    Role,
    User,
    Workshop,
    WorkshopRegistration,
)
from .relations import blocked_user_ids

#: Organisations whose members may run workshops and job datings: not companies, whose
#: recruiters take part in job datings but do not organise them.
ORGANISER_KINDS = (
    Organisation.Kind.MISSION_LOCALE,
    Organisation.Kind.SCHOOL,
    Organisation.Kind.CLUB,
    Organisation.Kind.ASSOCIATION,
)

Outcome = JobDatingMeeting.Outcome
Registration = WorkshopRegistration.Status


def organiser_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations ``user`` may run gatherings for (mentors of non-company ones)."""
    if not user.is_authenticated or user.role != Role.MENTOR:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, kind__in=ORGANISER_KINDS).order_by(
        "name"
    )


def _member_organisation_ids(user: User) -> QuerySet:
    return Membership.objects.filter(user=user).values("organisation_id")


# --- Workshops ---------------------------------------------------------------------------


def _workshops_for(viewer: User) -> QuerySet[Workshop]:
    return (
        Workshop.objects.select_related("organisation", "created_by")
        .exclude(created_by__in=blocked_user_ids(viewer))
        .exclude(created_by__is_active=False)
        .annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=Registration.REGISTERED)
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=Registration.WAITING)
            ),
        )
    )


def upcoming_workshops(viewer: User) -> QuerySet[Workshop]:
    """Workshops still to come and not cancelled, with their counts."""
    return _workshops_for(viewer).filter(starts_at__gt=timezone.now(), cancelled_at__isnull=True)


def organised_workshops(user: User) -> QuerySet[Workshop]:
    """Workshops of the organisations ``user`` runs, still to come first."""
    return _workshops_for(user).filter(organisation__in=organiser_organisations(user))


def my_registrations(youth: User) -> QuerySet[WorkshopRegistration]:
    return (
        WorkshopRegistration.objects.filter(youth=youth)
        .exclude(status=Registration.CANCELLED)
        .filter(workshop__starts_at__gt=timezone.now())
        .select_related("workshop", "workshop__organisation")
        .order_by("workshop__starts_at")
    )


def access_workshop(user: User, workshop_id: int, *, lock: bool = False) -> Workshop:
    """A workshop anyone signed in may see, unless they and its organiser blocked each other."""
    workshops = Workshop.objects.select_related("organisation", "created_by")
    if lock:
        workshops = workshops.select_for_update(of=("self",))
    workshop = workshops.filter(pk=workshop_id).first()
    if workshop is None or not user.is_authenticated:
        raise Http404
    if workshop.created_by_id and workshop.created_by_id in set(
        blocked_user_ids(user).values_list("id", flat=True)
    ):
        raise Http404
    return workshop


def is_organiser(user: User, organisation_id: int) -> bool:
    return organiser_organisations(user).filter(pk=organisation_id).exists()


def access_workshop_as_organiser(user: User, workshop_id: int, *, lock: bool = False) -> Workshop:
    workshop = access_workshop(user, workshop_id, lock=lock)
    if not is_organiser(user, workshop.organisation_id):
        raise Http404
    return workshop


def registration_of(youth: User, workshop: Workshop) -> WorkshopRegistration | None:
    return WorkshopRegistration.objects.filter(youth=youth, workshop=workshop).first()


def waiting_position(registration: WorkshopRegistration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != Registration.WAITING:
        return None
    ahead = WorkshopRegistration.objects.filter(
        workshop_id=registration.workshop_id, status=Registration.WAITING
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.pk)
    )
    return ahead.count() + 1


def workshop_attendees(workshop: Workshop) -> dict[str, list[WorkshopRegistration]]:
    """Registered and waiting people, in the order they came (for the organisers)."""
    rows = (
        WorkshopRegistration.objects.filter(workshop=workshop, youth__is_active=True)
        .exclude(status=Registration.CANCELLED)
        .select_related("youth")
        .order_by("created_at", "id")
    )
    lists: dict[str, list[WorkshopRegistration]] = {"registered": [], "waiting": []}
    for row in rows:
        lists[row.status].append(row)
    return lists


def organisation_gatherings(organisation: Organisation) -> dict[str, list]:
    """What an organisation's page lists: its workshops and job datings to come."""
    now = timezone.now()
    return {
        "workshops": list(
            Workshop.objects.filter(
                organisation=organisation, starts_at__gt=now, cancelled_at__isnull=True
            ).order_by("starts_at")[:10]
        ),
        "job_datings": list(
            JobDating.objects.filter(
                organisation=organisation, starts_at__gt=now, cancelled_at__isnull=True
            ).order_by("starts_at")[:10]
        ),
    }


# --- Job datings ---------------------------------------------------------------------------


def access_job_dating_as_organiser(
    user: User, job_dating_id: int, *, lock: bool = False
) -> JobDating:
    """A job dating of one of the organisations ``user`` runs gatherings for, else 404."""
    job_datings = JobDating.objects.select_related("organisation").filter(
        organisation__in=organiser_organisations(user)
    )
    if lock:
        job_datings = job_datings.select_for_update(of=("self",))
    job_dating = job_datings.filter(pk=job_dating_id).first()
    if job_dating is None:
        raise Http404
    return job_dating


def access_seat(user: User, job_dating_id: int) -> JobDatingRecruiter:
    """The recruiter's own seat at a job dating, else 404."""
    seat = (
        JobDatingRecruiter.objects.select_related(
            "job_dating", "job_dating__organisation", "opportunity"
        )
        .filter(job_dating_id=job_dating_id, recruiter=user)
        .first()
    )
    if seat is None or user.role != Role.RECRUITER:
        raise Http404
    return seat


def access_candidacy(user: User, job_dating_id: int) -> JobDatingCandidate:
    """The youth's own pre-selection at a job dating, else 404."""
    candidacy = (
        JobDatingCandidate.objects.select_related("job_dating", "job_dating__organisation")
        .filter(job_dating_id=job_dating_id, youth=user)
        .first()
    )
    if candidacy is None:
        raise Http404
    return candidacy


def access_meeting(user: User, meeting_id: int, *, lock: bool = False) -> JobDatingMeeting:
    """A meeting the organisers or the meeting's recruiter may change, else 404."""
    meetings = JobDatingMeeting.objects.select_related(
        "job_dating", "seat", "candidate", "candidate__youth"
    ).filter(
        Q(seat__recruiter=user) | Q(job_dating__organisation__in=organiser_organisations(user))
    )
    if lock:
        meetings = meetings.select_for_update(of=("self",))
    meeting = meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def job_datings_for(user: User) -> QuerySet[JobDating]:
    """The job datings ``user`` organises, has a seat at, or is pre-selected for."""
    condition = Q(recruiters__recruiter=user) | Q(candidates__youth=user)
    if user.role == Role.MENTOR:
        condition |= Q(organisation__in=organiser_organisations(user))
    return (
        JobDating.objects.filter(condition)
        .filter(cancelled_at__isnull=True)
        .select_related("organisation")
        .distinct()
        .order_by("-starts_at")
    )


def seats_of(job_dating: JobDating) -> list[JobDatingRecruiter]:
    return list(
        job_dating.recruiters.select_related("recruiter", "opportunity").order_by(
            "recruiter__first_name", "id"
        )
    )


def candidates_of(job_dating: JobDating) -> list[JobDatingCandidate]:
    return list(job_dating.candidates.select_related("youth").order_by("youth__first_name", "id"))


def schedule_of(job_dating: JobDating) -> list[JobDatingMeeting]:
    """Every meeting, for the organisers."""
    return list(
        job_dating.meetings.select_related(
            "seat", "seat__recruiter", "candidate", "candidate__youth"
        ).order_by("starts_at", "seat_id")
    )


def meetings_of_seat(seat: JobDatingRecruiter) -> list[JobDatingMeeting]:
    return list(seat.meetings.select_related("candidate", "candidate__youth").order_by("starts_at"))


def meetings_of_candidate(candidacy: JobDatingCandidate) -> list[JobDatingMeeting]:
    """The youth's own schedule: times, the recruiter's organisation and table."""
    return list(
        candidacy.meetings.select_related("seat", "seat__recruiter", "seat__opportunity")
        .prefetch_related("seat__recruiter__organisations")
        .order_by("starts_at")
    )


def recruiter_organisation_name(recruiter: User) -> str:
    organisations = list(recruiter.organisations.all())
    return organisations[0].name if organisations else ""


def candidate_card(recruiter: User, job_dating_id: int, candidate_id: int) -> ProfilePage | None:
    """The skill card of a youth the recruiter will meet, as recruiters see it.

    404 unless the recruiter has a meeting with that candidate. ``None`` when the youth's
    profile is not shown to recruiters at all (their choice).
    """
    seat = access_seat(recruiter, job_dating_id)
    candidacy = (
        JobDatingCandidate.objects.filter(
            pk=candidate_id, job_dating_id=job_dating_id, meetings__seat=seat
        )
        .distinct()
        .first()
    )
    if candidacy is None:
        raise Http404
    try:
        return profile_page(recruiter, candidacy.youth_id)
    except Http404:
        return None


# --- Outcomes across job datings -------------------------------------------------------------


@dataclass
class OutcomeCounts:
    meetings: int = 0
    held: int = 0
    second_interviews: int = 0
    hires: int = 0
    absences: int = 0

    @property
    def absence_rate(self) -> int:
        """Percentage of decided meetings where the youth did not come."""
        decided = self.held + self.absences
        return round(100 * self.absences / decided) if decided else 0


@dataclass
class EventOutcomes:
    job_dating: JobDating
    counts: OutcomeCounts


@dataclass
class OutcomesReport:
    events: list[EventOutcomes] = field(default_factory=list)
    total: OutcomeCounts = field(default_factory=OutcomeCounts)
    #: (skill label, number of hired youths with it), the most frequent first.
    hired_skills: list[tuple[str, int]] = field(default_factory=list)


HELD_OUTCOMES = (Outcome.SECOND_INTERVIEW, Outcome.HIRED, Outcome.NOTHING)


def outcomes_report(user: User) -> OutcomesReport:
    """What came of the job datings of ``user``'s organisations, in three queries."""
    job_datings = list(
        JobDating.objects.filter(organisation__in=organiser_organisations(user))
        .select_related("organisation")
        .annotate(
            meeting_count=Count("meetings"),
            held_count=Count("meetings", filter=Q(meetings__outcome__in=HELD_OUTCOMES)),
            second_count=Count("meetings", filter=Q(meetings__outcome=Outcome.SECOND_INTERVIEW)),
            hired_count=Count("meetings", filter=Q(meetings__outcome=Outcome.HIRED)),
            absent_count=Count("meetings", filter=Q(meetings__outcome=Outcome.ABSENT)),
        )
        .order_by("-starts_at")
    )
    report = OutcomesReport()
    for job_dating in job_datings:
        counts = OutcomeCounts(
            meetings=job_dating.meeting_count,
            held=job_dating.held_count,
            second_interviews=job_dating.second_count,
            hires=job_dating.hired_count,
            absences=job_dating.absent_count,
        )
        report.events.append(EventOutcomes(job_dating=job_dating, counts=counts))
        report.total.meetings += counts.meetings
        report.total.held += counts.held
        report.total.second_interviews += counts.second_interviews
        report.total.hires += counts.hires
        report.total.absences += counts.absences

    hired_youths = JobDatingMeeting.objects.filter(
        job_dating__organisation__in=organiser_organisations(user), outcome=Outcome.HIRED
    ).values("candidate__youth_id")
    language = translation.get_language() or "fr"
    counter: Counter[str] = Counter()
    for profile_skill in ProfileSkill.objects.filter(youth_id__in=hired_youths).select_related(
        "concept"
    ):
        counter[profile_skill.concept.label(language)] += 1
    report.hired_skills = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:10]
    return report
