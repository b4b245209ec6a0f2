"""How well an opportunity fits a youth, and why: skills they have, skills to develop, distance.

The fit is computed in Python over rows the selectors already loaded (the opportunity's
skills with their broader concepts prefetched, the youth's profile skills loaded once), so a
list page of up to 50 opportunities asks the database a constant number of times whatever
its length. When the search backend lands, it can rank with the same weights server-side.

Scoring, between 0 and 1:

- skills (70 %): a skill the youth has on their profile counts fully; a skill of the same
  broader starter group as one of theirs (e.g. "packing parcels" when they "prepare
  orders", both under logistics) counts a third, as a skill close to theirs; an offer
  asking no skill in particular scores half;
- distance (30 %): within the youth's mobility (30 km when they did not say) or remote
  counts fully, farther counts less (mobility / distance); an unknown place counts half.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch

from skills.models import ProfileSkill, SkillConcept

from .models import Opportunity, User, YouthProfile
from .places import distance_km, find_place

DEFAULT_MOBILITY_KM = 30
SKILL_WEIGHT = 0.7
DISTANCE_WEIGHT = 0.3
RELATED_SKILL_WORTH = 1 / 3


@dataclass(frozen=True)
class YouthSituation:
    """What the ranking needs to know of one youth, loaded once per page."""

    concept_ids: frozenset[int]
    broader_ids: frozenset[int]
    #: (latitude, longitude) of the youth's town, when the gazetteer knows it.
    point: tuple[float, float] | None
    mobility_km: int
    mobility_given: bool
    is_minor: bool


@dataclass
class Fit:
    """Why an opportunity fits: shown on its card and used to rank."""

    score: float
    have: list[SkillConcept] = field(default_factory=list)
    #: Skills of the offer close to the youth's (same broader group), not on their profile.
    close: list[SkillConcept] = field(default_factory=list)
    to_develop: list[SkillConcept] = field(default_factory=list)
    distance_km: float | None = None
    within_reach: bool | None = None

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def skills_prefetch() -> Prefetch:
    """The opportunity's skills with their broader groups: two queries for any page."""
    return Prefetch(
        "skills", queryset=SkillConcept.objects.prefetch_related("broader").order_by("name")
    )


def youth_situation(youth: User) -> YouthSituation:
    """The youth's skills (and their broader groups), place and mobility. Three queries."""
    profile = YouthProfile.objects.filter(user=youth).only("mobility_km").first()
    concept_ids = set(ProfileSkill.objects.filter(youth=youth).values_list("concept_id", flat=True))
    broader_ids = set(
        SkillConcept.broader.through.objects.filter(
            from_skillconcept_id__in=concept_ids
        ).values_list("to_skillconcept_id", flat=True)
    )
    place = find_place(youth.town)
    mobility = profile.mobility_km if profile is not None else None
    return YouthSituation(
        concept_ids=frozenset(concept_ids),
        broader_ids=frozenset(broader_ids),
        point=(place.latitude, place.longitude) if place else None,
        mobility_km=mobility or DEFAULT_MOBILITY_KM,
        mobility_given=bool(mobility),
        is_minor=youth.is_minor,
    )


def distance_to(opportunity: Opportunity, situation: YouthSituation) -> float | None:
    if situation.point is None or opportunity.latitude is None or opportunity.longitude is None:
        return None
    return distance_km(situation.point, (opportunity.latitude, opportunity.longitude))


def fit_of(opportunity: Opportunity, situation: YouthSituation) -> Fit:
    """The fit of one opportunity whose skills (with ``broader``) are prefetched."""
    have: list[SkillConcept] = []
    close: list[SkillConcept] = []
    to_develop: list[SkillConcept] = []
    for concept in opportunity.skills.all():
        if concept.pk in situation.concept_ids:
            have.append(concept)
            continue
        broader = {parent.pk for parent in concept.broader.all()}
        if broader & situation.broader_ids:
            close.append(concept)
        to_develop.append(concept)
    wanted = len(have) + len(to_develop)
    if wanted:
        skill_score = (len(have) + RELATED_SKILL_WORTH * len(close)) / wanted
    else:
        skill_score = 0.5

    distance = distance_to(opportunity, situation)
    within_reach: bool | None
    if opportunity.remote:
        distance_score, within_reach = 1.0, True
    elif distance is None:
        distance_score, within_reach = 0.5, None
    elif distance <= situation.mobility_km:
        distance_score, within_reach = 1.0, True
    else:
        distance_score, within_reach = situation.mobility_km / distance, False
    return Fit(
        score=SKILL_WEIGHT * skill_score + DISTANCE_WEIGHT * distance_score,
        have=have,
        close=close,
        to_develop=to_develop,
        distance_km=round(distance) if distance is not None else None,
        within_reach=within_reach,
    )


def ranked(
    opportunities: Iterable[Opportunity], situation: YouthSituation
) -> list[tuple[Opportunity, Fit]]:
    """Best fit first; among equals, the newest first."""
    rows = [(opportunity, fit_of(opportunity, situation)) for opportunity in opportunities]
    rows.sort(key=lambda row: (-row[1].score, -row[0].pk))
    return rows
