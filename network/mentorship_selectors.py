"""Reads of mentorship that depend on who asks: invitations, requests, the caseload, notes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    FollowRequest,
    Membership,
    MentorInvitation,
    MentorNote,
    Mentorship,
    Organisation,
    Role,
    User,
    Visibility,
)
from .privacy import Audience, followed_mentorships, visible_levels

INACTIVE_AFTER = datetime.timedelta(days=30)
LOW_COMPLETENESS = 50
Status = Mentorship.Status


class InvitationGone(Exception):
    """The invitation exists but is expired or already used: the message says which."""


def mentor_organisation(mentor: User) -> Organisation | None:
    """The organisation a mentor acts for (their first one)."""
    membership = (
        Membership.objects.filter(user=mentor).select_related("organisation").order_by("id").first()
    )
    return membership.organisation if membership else None


def _require_mentor(user: User) -> None:
    if user.role != Role.MENTOR:
        raise PermissionDenied(_("This page is for mentors."))


def access_invitation(token: str, *, lock: bool = False) -> MentorInvitation:
    """A usable invitation; ``Http404`` when unknown, ``InvitationGone`` when spent."""
    invitations = MentorInvitation.objects.select_related("mentor", "organisation")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token=token).first()
    if invitation is None:
        raise Http404(_("This invitation link does not exist. Ask your mentor for a new one."))
    if invitation.used_at is not None:
        raise InvitationGone(_("This invitation link was already used. Ask for a new one."))
    if invitation.expires_at <= timezone.now():
        raise InvitationGone(_("This invitation link has expired. Ask your mentor for a new one."))
    return invitation


def access_mentorship(user: User, mentorship_id: int, *, lock: bool = False) -> Mentorship:
    """A mentorship the user is a side of; anyone else gets 404."""
    mentorships = Mentorship.objects.select_related("youth", "mentor", "organisation")
    if lock:
        mentorships = mentorships.select_for_update(of=("self",))
    mentorship = mentorships.filter(pk=mentorship_id).filter(Q(youth=user) | Q(mentor=user)).first()
    if mentorship is None:
        raise Http404
    return mentorship


def follows(mentor: User, youth: User) -> Organisation | None:
    """The organisation through which ``mentor`` follows ``youth`` (own first), or None."""
    if mentor.role != Role.MENTOR:
        return None
    mentorships = (
        followed_mentorships(mentor)
        .filter(youth=youth, organisation__isnull=False)
        .select_related("organisation")
    )
    own = [m for m in mentorships if m.mentor_id == mentor.pk]
    chosen = own or list(mentorships)
    return chosen[0].organisation if chosen else None


def access_followed_youth(mentor: User, youth_id: int) -> tuple[User, Organisation]:
    """A youth the mentor follows now; other people's youths are 404 (none of their business)."""
    _require_mentor(mentor)
    youth = User.objects.filter(pk=youth_id, role=Role.YOUTH).first()
    organisation = follows(mentor, youth) if youth else None
    if organisation is None:
        raise Http404
    return youth, organisation


def list_notes(mentor: User, youth: User) -> QuerySet[MentorNote]:
    """Notes about ``youth`` by the mentors of ``mentor``'s organisations; never anyone else's.

    The caller got ``youth`` from ``access_followed_youth``.
    """
    return (
        MentorNote.objects.filter(
            youth=youth,
            organisation__in=Membership.objects.filter(user=mentor).values("organisation"),
        )
        .select_related("author", "organisation")
        .order_by("-created_at")
    )


def has_counsellor(youth: User) -> bool:
    """Followed now by a mentor of a Mission Locale."""
    return Mentorship.objects.filter(
        youth=youth, status=Status.ACTIVE, organisation__kind=Organisation.Kind.MISSION_LOCALE
    ).exists()


def list_youth_mentorships(youth: User) -> QuerySet[Mentorship]:
    return (
        Mentorship.objects.filter(
            youth=youth, status__in=[Status.ACTIVE, Status.WAITING_FOR_MENTOR]
        )
        .select_related("mentor", "organisation")
        .order_by("-created_at")
    )


def list_youth_follow_requests(youth: User) -> QuerySet[FollowRequest]:
    return (
        FollowRequest.objects.filter(youth=youth)
        .select_related("organisation", "taken_by")
        .order_by("-created_at")
    )


def list_mentor_choices(*, town: str = "") -> QuerySet[Membership]:
    """Mentors a youth may pick from a list: those of organisations AcroJump verified.

    With ``town``, only those whose organisation (or who themself) is in that town, so a
    youth finds the counsellors near them among hundreds.
    """
    memberships = Membership.objects.filter(
        organisation__verified=True, user__role=Role.MENTOR, user__is_active=True
    )
    town = town.strip()
    if town:
        memberships = memberships.filter(
            Q(organisation__town__iexact=town) | Q(user__town__iexact=town)
        )
    return memberships.select_related("user", "organisation").order_by(
        "organisation__name", "user__last_name", "user__first_name"
    )


def find_mentor_by_email(email: str) -> User | None:
    return User.objects.filter(
        email__iexact=email.strip(), role=Role.MENTOR, is_active=True
    ).first()


def list_follow_organisations() -> QuerySet[Organisation]:
    """Where a youth can pre-register: Missions Locales and verified partners."""
    return Organisation.objects.filter(
        Q(kind=Organisation.Kind.MISSION_LOCALE) | Q(verified=True)
    ).order_by("town", "name")


def access_follow_organisation(organisation_id: int) -> Organisation:
    organisation = list_follow_organisations().filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


def list_follow_requests(mentor: User) -> QuerySet[FollowRequest]:
    """New requests to the mentor's organisations, and those the mentor took."""
    _require_mentor(mentor)
    return (
        FollowRequest.objects.filter(
            Q(status=FollowRequest.Status.NEW) | Q(taken_by=mentor),
            organisation__in=Membership.objects.filter(user=mentor).values("organisation"),
        )
        .select_related("youth", "organisation", "taken_by")
        .order_by("status", "-created_at")
    )


def access_follow_request(
    mentor: User, follow_request_id: int, *, lock: bool = False
) -> FollowRequest:
    _require_mentor(mentor)
    requests = FollowRequest.objects.select_related("youth", "organisation")
    if lock:
        requests = requests.select_for_update(of=("self",))
    follow_request = requests.filter(
        pk=follow_request_id,
        organisation__in=Membership.objects.filter(user=mentor).values("organisation"),
    ).first()
    if follow_request is None:
        raise Http404
    return follow_request


def list_pending_requests(mentor: User) -> QuerySet[Mentorship]:
    """Requests from youths addressed to this mentor, waiting for an answer."""
    return (
        Mentorship.objects.filter(mentor=mentor, status=Status.WAITING_FOR_MENTOR)
        .select_related("youth")
        .order_by("created_at")
    )


# --- The caseload -----------------------------------------------------------------------------


@dataclass
class CaseloadRow:
    mentorship: Mentorship
    youth: User
    own: bool
    pending: bool
    completeness: int
    skills_count: int
    last_activity: datetime.datetime | None
    inactive: bool

    @property
    def needs_attention(self) -> bool:
        return self.pending or self.inactive or self.completeness < LOW_COMPLETENESS


def _count(model_queryset: QuerySet) -> Coalesce:
    return Coalesce(
        Subquery(
            model_queryset.order_by().values("youth").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _latest(model_queryset: QuerySet) -> Subquery:
    return Subquery(
        model_queryset.order_by().values("youth").annotate(m=Max("updated_at")).values("m")[:1]
    )


def caseload(mentor: User, *, show: str = "all", sort: str = "attention") -> list[CaseloadRow]:
    """The mentor's youths in ONE query, whatever their number.

    Completeness is a light version of the coach's score (skills/coach.py needs every item
    loaded with its skills), computed from counts of what mentors may see: items narrower
    than ``MENTORS`` count for nothing, so the page leaks nothing the youth keeps to
    themself. Out of 100: an experience 20, an achievement 15, evidence 15, three skills 20,
    headline 10, goals 10, availability and mobility 10.
    """
    _require_mentor(mentor)
    from skills.models import Achievement, Evidence, Experience, ProfileSkill

    levels = visible_levels(Audience.MENTOR)
    youth = OuterRef("youth_id")
    mentorships = (
        Mentorship.objects.filter(
            Q(pk__in=followed_mentorships(mentor).values("pk"))
            | Q(mentor=mentor, status=Status.WAITING_FOR_MENTOR)
        )
        .select_related("youth", "youth__youth_profile", "organisation", "mentor")
        .annotate(
            experiences_count=_count(Experience.objects.filter(youth=youth, visibility__in=levels)),
            achievements_count=_count(
                Achievement.objects.filter(youth=youth, visibility__in=levels)
            ),
            evidence_count=Coalesce(
                Subquery(
                    Evidence.objects.filter(
                        achievement__youth=youth, achievement__visibility__in=levels
                    )
                    .order_by()
                    .values("achievement__youth")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
            skills_count=_count(ProfileSkill.objects.filter(youth=youth)),
            experiences_latest=_latest(Experience.objects.filter(youth=youth)),
            achievements_latest=_latest(Achievement.objects.filter(youth=youth)),
            skills_latest=_latest(ProfileSkill.objects.filter(youth=youth)),
        )
    )
    rows: dict[int, CaseloadRow] = {}
    threshold = timezone.now() - INACTIVE_AFTER
    for mentorship in mentorships:
        row = _row(mentor, mentorship, threshold)
        known = rows.get(mentorship.youth_id)
        if known is None or (row.own and not known.own):
            rows[mentorship.youth_id] = row
    selected = list(rows.values())
    if show == "attention":
        selected = [row for row in selected if row.needs_attention]
    elif show == "pending":
        selected = [row for row in selected if row.pending]
    return _sorted(selected, sort)


def _row(mentor: User, mentorship: Mentorship, threshold: datetime.datetime) -> CaseloadRow:
    youth = mentorship.youth
    profile = getattr(youth, "youth_profile", None)
    profile_seen = profile is not None and profile.visibility != Visibility.ONLY_ME
    skills_count = mentorship.skills_count if profile_seen else 0
    score = 0.0
    if mentorship.experiences_count:
        score += 20
    if mentorship.achievements_count:
        score += 15
    if mentorship.evidence_count:
        score += 15
    score += 20 * min(skills_count, 3) / 3
    if profile_seen:
        score += 10 if profile.headline.strip() else 0
        score += 10 if profile.goals.strip() else 0
        score += 10 if profile.available_from and profile.mobility_km is not None else 0
    moments = [
        moment
        for moment in (
            mentorship.experiences_latest,
            mentorship.achievements_latest,
            mentorship.skills_latest,
            profile.updated_at if profile else None,
            youth.last_login,
        )
        if moment is not None
    ]
    last_activity = max(moments) if moments else None
    pending = mentorship.status == Status.WAITING_FOR_MENTOR
    return CaseloadRow(
        mentorship=mentorship,
        youth=youth,
        own=mentorship.mentor_id == mentor.pk,
        pending=pending,
        completeness=round(score),
        skills_count=skills_count,
        last_activity=last_activity,
        inactive=not pending and (last_activity is None or last_activity < threshold),
    )


_OLDEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)

SORTS = ("attention", "name", "activity", "completeness")


def _sorted(rows: list[CaseloadRow], sort: str) -> list[CaseloadRow]:
    def name(row: CaseloadRow) -> str:
        return row.youth.display_name.casefold()

    if sort == "name":
        return sorted(rows, key=name)
    if sort == "activity":
        return sorted(rows, key=lambda row: (row.last_activity or _OLDEST, name(row)))
    if sort == "completeness":
        return sorted(rows, key=lambda row: (row.completeness, name(row)))
    # Who needs attention first: pending requests, then the inactive, then the least complete.
    return sorted(
        rows, key=lambda row: (not row.pending, not row.inactive, row.completeness, name(row))
    )
