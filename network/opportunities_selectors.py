"""Reads of opportunities and applications, depending on who asks.

``access_*`` return one object or raise ``Http404`` (ids of things the person may not see
are answered as if they did not exist). List selectors set their ``select_related`` /
``prefetch_related`` so templates never query row by row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from skills.models import ProfileSkill

from .models import (
    Application,
    DisplayMode,
    Membership,
    Opportunity,
    Organisation,
    Role,
    User,
    YouthProfile,
)
from .opportunity_fit import Fit, YouthSituation, ranked, skills_prefetch
from .places import distance_km
from .privacy import Audience, ShownIdentity, passes, shown_identity
from .relations import blocked_user_ids, mentored_youth_ids

#: A youth's list shows at most this many opportunities, ranked in Python (see opportunity_fit).
LIST_LIMIT = 50
POSTER_ROLES = (Role.RECRUITER, Role.MENTOR)
PIPELINE_STATUSES = (
    Application.Status.NEW,
    Application.Status.TO_MEET,
    Application.Status.HIRED,
    Application.Status.NOT_RETAINED,
)
LIVE_STATUSES = (Application.Status.NEW, Application.Status.TO_MEET)


# --- Who posts -------------------------------------------------------------------------------


def posting_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations ``user`` may post opportunities for: theirs, as recruiter or mentor."""
    if user.role not in POSTER_ROLES or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def is_member(user: User, organisation_id: int) -> bool:
    return (
        user.is_authenticated
        and user.role in POSTER_ROLES
        and Membership.objects.filter(user=user, organisation_id=organisation_id).exists()
    )


def access_posting_organisation(user: User, organisation_id: int | None) -> Organisation:
    organisation = posting_organisations(user).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


def access_managed_opportunity(
    user: User, opportunity_id: int, *, lock: bool = False
) -> Opportunity:
    """An opportunity of one of ``user``'s organisations (to edit, close, see the pipeline)."""
    rows = Opportunity.objects.filter(
        pk=opportunity_id, organisation__in=posting_organisations(user)
    ).select_related("organisation", "posted_by")
    if lock:
        rows = rows.select_for_update(of=("self",))
    opportunity = rows.first()
    if opportunity is None:
        raise Http404
    return opportunity


def managed_opportunities(user: User) -> QuerySet[Opportunity]:
    """The opportunities of ``user``'s organisations, with their application counts."""
    return (
        Opportunity.objects.filter(organisation__in=posting_organisations(user))
        .select_related("organisation")
        .annotate(
            new_count=Count("applications", filter=Q(applications__status=Application.Status.NEW)),
            live_count=Count("applications", filter=Q(applications__status__in=LIVE_STATUSES)),
        )
        .order_by("status", "-id")
    )


def open_opportunities_of(organisation: Organisation) -> QuerySet[Opportunity]:
    return organisation.opportunities.filter(status=Opportunity.Status.OPEN).order_by("-id")


# --- What members see ------------------------------------------------------------------------


def _visible_to(user: User) -> QuerySet[Opportunity]:
    """Open opportunities (and those the user applied to or manages), minus those posted by
    someone blocked either way or whose poster is suspended."""
    rows = Opportunity.objects.exclude(posted_by__in=blocked_user_ids(user)).exclude(
        posted_by__is_active=False
    )
    return rows.filter(
        Q(status=Opportunity.Status.OPEN)
        | Q(applications__youth=user)
        | Q(organisation__in=posting_organisations(user))
    ).distinct()


def access_opportunity(user: User, opportunity_id: int) -> Opportunity:
    opportunity = (
        _visible_to(user)
        .filter(pk=opportunity_id)
        .select_related("organisation", "posted_by")
        .prefetch_related(skills_prefetch())
        .first()
    )
    if opportunity is None:
        raise Http404
    return opportunity


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    within_km: int | None = None
    no_diploma: bool = False
    remote: bool = False


def open_opportunities_for(youth: User, *, filters: Filters) -> QuerySet[Opportunity]:
    """Open opportunities a youth may apply to (minors: only those open to them)."""
    rows = (
        Opportunity.objects.filter(status=Opportunity.Status.OPEN)
        .exclude(posted_by__in=blocked_user_ids(youth))
        .exclude(posted_by__is_active=False)
        .select_related("organisation")
        .prefetch_related(skills_prefetch())
    )
    if youth.is_minor:
        rows = rows.filter(open_to_minors=True)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.no_diploma:
        rows = rows.filter(no_diploma_required=True)
    if filters.remote:
        rows = rows.filter(remote=True)
    return rows.order_by("-id")


def ranked_opportunities(
    youth: User, *, situation: YouthSituation, filters: Filters
) -> list[tuple[Opportunity, Fit]]:
    """The newest ``LIST_LIMIT`` open opportunities, ranked by fit for ``youth``.

    Ranking runs in Python over the prefetched rows (see ``opportunity_fit``). A distance
    filter is applied in the database first (remote offers, or a box around the youth's
    town), so the 50 rows ranked are already the near ones; the exact distance follows.
    """
    candidates = open_opportunities_for(youth, filters=filters)
    if filters.within_km is not None and situation.point is not None:
        candidates = candidates.filter(Q(remote=True) | _box(situation.point, filters.within_km))
    rows = ranked(candidates[:LIST_LIMIT], situation)
    if filters.within_km is not None:
        rows = [
            (opportunity, fit)
            for opportunity, fit in rows
            if opportunity.remote
            or (fit.distance_km is not None and fit.distance_km <= filters.within_km)
        ]
    return rows


def _box(point: tuple[float, float], km: float) -> Q:
    """Opportunities inside the latitude/longitude box around ``point`` (``km`` each way)."""
    latitude, longitude = point
    dlat = km / 111.0
    dlon = km / max(1e-6, 111.0 * math.cos(math.radians(latitude)))
    return Q(
        latitude__gte=latitude - dlat,
        latitude__lte=latitude + dlat,
        longitude__gte=longitude - dlon,
        longitude__lte=longitude + dlon,
    )


# --- Applications ------------------------------------------------------------------------------


def my_applications(youth: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(youth=youth)
        .select_related("opportunity__organisation")
        .order_by("-id")
    )


def application_of(youth: User, opportunity: Opportunity) -> Application | None:
    return Application.objects.filter(youth=youth, opportunity=opportunity).first()


def access_own_application(youth: User, application_id: int, *, lock: bool = False) -> Application:
    rows = Application.objects.filter(pk=application_id, youth=youth).select_related(
        "opportunity__organisation"
    )
    if lock:
        rows = rows.select_for_update(of=("self",))
    application = rows.first()
    if application is None:
        raise Http404
    return application


def access_managed_application(
    member: User, application_id: int, *, lock: bool = False
) -> Application:
    """An application to an opportunity of ``member``'s organisations; withdrawn ones and
    those of someone blocked either way are not theirs to see."""
    rows = (
        Application.objects.filter(
            pk=application_id, opportunity__organisation__in=posting_organisations(member)
        )
        .exclude(status=Application.Status.WITHDRAWN)
        .exclude(youth__in=blocked_user_ids(member))
        .select_related("opportunity__organisation", "youth")
    )
    if lock:
        rows = rows.select_for_update(of=("self",))
    application = rows.first()
    if application is None:
        raise Http404
    return application


def access_mentored_application(mentor: User, application_id: int) -> Application:
    """An application of a youth ``mentor`` follows (active mentorship), to recommend."""
    if mentor.role != Role.MENTOR:
        raise Http404
    application = (
        Application.objects.filter(pk=application_id, youth__in=mentored_youth_ids(mentor))
        .select_related("opportunity__organisation", "youth", "recommended_by")
        .first()
    )
    if application is None:
        raise Http404
    return application


@dataclass
class Candidate:
    """An application as the recruiter sees it: the youth as recruiters see them."""

    application: Application
    identity: ShownIdentity
    skills: list[ProfileSkill]
    #: The skills the opportunity asks that the youth has.
    matching: list[ProfileSkill]
    #: The profile page, when it shows recruiters what this application shows (no more).
    profile_url_user_id: int | None


def application_identity(application: Application, profile: YouthProfile | None) -> ShownIdentity:
    """Named only when the youth chose it for this application and is an adult (the rule of
    ``privacy.shown_identity``, applied to the application's own choice)."""
    as_chosen = YouthProfile(
        user=application.youth,
        display_mode=DisplayMode.NAMED if application.named else DisplayMode.ANONYMOUS,
    )
    return shown_identity(Audience.RECRUITER, application.youth, as_chosen)


def _candidate(application: Application, wanted_ids: set[int]) -> Candidate:
    youth = application.youth
    profile = getattr(youth, "youth_profile", None)
    identity = application_identity(application, profile)
    skills = list(youth.profile_skills.all())
    profile_user_id = None
    if profile is not None and passes(Audience.RECRUITER, profile.visibility):
        # The profile page names the youth by their profile's setting: link it only when it
        # does not reveal more than the application does.
        page_identity = shown_identity(Audience.RECRUITER, youth, profile)
        if page_identity.anonymous or not identity.anonymous:
            profile_user_id = youth.pk
    return Candidate(
        application=application,
        identity=identity,
        skills=skills,
        matching=[skill for skill in skills if skill.concept_id in wanted_ids],
        profile_url_user_id=profile_user_id,
    )


def _candidate_rows(rows: QuerySet[Application]) -> QuerySet[Application]:
    return rows.select_related("youth__youth_profile", "recommended_by").prefetch_related(
        Prefetch(
            "youth__profile_skills",
            queryset=ProfileSkill.objects.select_related("concept").order_by("-level", "id"),
        )
    )


def pipeline(member: User, opportunity: Opportunity) -> dict[str, list[Candidate]]:
    """The applications to ``opportunity`` grouped by status (``opportunity`` comes from
    ``access_managed_opportunity``). Constant queries."""
    wanted_ids = {concept.pk for concept in opportunity.skills.all()}
    rows = _candidate_rows(
        opportunity.applications.filter(status__in=PIPELINE_STATUSES)
        .exclude(youth__in=blocked_user_ids(member))
        .exclude(youth__is_active=False)
        .order_by("id")
    )
    groups: dict[str, list[Candidate]] = {status: [] for status in PIPELINE_STATUSES}
    for application in rows:
        groups[application.status].append(_candidate(application, wanted_ids))
    return groups


def candidate(application: Application) -> Candidate:
    """One application as its recruiter sees it (after ``access_managed_application``)."""
    row = _candidate_rows(Application.objects.filter(pk=application.pk)).get()
    wanted_ids = set(application.opportunity.skills.values_list("id", flat=True))
    return _candidate(row, wanted_ids)


def matching_skill_labels(application: Application, *, language: str, limit: int = 2) -> list[str]:
    """The youth's skills the opportunity asks for (else their best ones), for the kind
    words of a decision."""
    wanted = application.opportunity.skills.values("id")
    skills = ProfileSkill.objects.filter(youth=application.youth).select_related("concept")
    matching = list(skills.filter(concept__in=wanted).order_by("-level", "id")[:limit])
    if not matching:
        matching = list(skills.order_by("-level", "id")[:limit])
    return [skill.concept.label(language) for skill in matching]


# --- Suggested profiles ----------------------------------------------------------------------


@dataclass
class SuggestedProfile:
    youth_id: int
    identity: ShownIdentity
    matching: list[str]
    distance_km: float | None


def suggested_profiles(
    opportunity: Opportunity, *, viewer: User, limit: int = 10
) -> list[SuggestedProfile]:
    """Discoverable youths with skills ``opportunity`` wants, nearest first.

    Found through recruiter search (search/service.py): only youths who opted in and whose
    profile recruiters may see, never anyone blocked either way, with the youth's display
    choices already applied (anonymous profiles and minors are never named; their place is
    the département). Narrower skills count, as in search. Those who already applied are
    in the pipeline and left out.
    """
    from search import service
    from search.query import ProfileQuery, Skill

    concepts = list(opportunity.skills.all()[:10])
    if not concepts:
        return []
    applicants = Application.objects.filter(opportunity=opportunity).values_list(
        "youth_id", flat=True
    )
    query = ProfileQuery(
        nice=tuple(Skill(uri=concept.uri, label=concept.label()) for concept in concepts),
        require_one_nice=True,
        exclude_ids=frozenset(applicants),
    )
    hits = service.search_profiles(query, viewer=viewer, size=SUGGESTION_POOL).page.hits
    wanted = {concept.uri for concept in concepts}
    suggestions: list[SuggestedProfile] = []
    for hit in hits:
        document = hit.document
        distance = None
        location = document.get("location")
        if location and opportunity.latitude is not None:
            distance = distance_km(
                (location["lat"], location["lon"]), (opportunity.latitude, opportunity.longitude)
            )
        suggestions.append(
            SuggestedProfile(
                youth_id=hit.user_id,
                identity=_identity_in_search(document),
                matching=[
                    skill["label"].get(_language()) or skill["label"].get("fr", "")
                    for skill in document.get("card", {}).get("skills", [])
                    if skill["uri"] in wanted
                ],
                distance_km=round(distance) if distance is not None else None,
            )
        )
    suggestions.sort(
        key=lambda row: (
            row.distance_km is None,
            row.distance_km if row.distance_km is not None else 0,
            -len(row.matching),
        )
    )
    return suggestions[:limit]


#: Profiles taken from search before sorting the suggestions by distance.
SUGGESTION_POOL = 200


def _language() -> str:
    from django.utils import translation

    return "en" if (translation.get_language() or "fr").startswith("en") else "fr"


def _identity_in_search(document: dict) -> ShownIdentity:
    if not document.get("anonymous"):
        return ShownIdentity(anonymous=False, name=document["display_name"], place=document["town"])
    name = document.get("departement_name") or ""
    place = f"{name} ({document['departement_code']})" if name else ""
    return ShownIdentity(
        anonymous=True,
        name=str(_("A young person on AcroJump")),
        place=place,
        place_note=str(_("Town hidden: only the département is shown.")) if place else "",
    )
