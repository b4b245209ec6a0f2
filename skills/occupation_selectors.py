"""Reads behind the occupation pages: the skills an occupation takes and, for a logged-in
youth, which of them they already have and how to get the others.

Presentation only: nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.query import PageQuerySet

from network.models import Role

from .models import (
    Achievement,
    ConceptType,
    Experience,
    OccupationPage,
    OccupationPageSkill,
    OccupationSkill,
    ProfileSkill,
    ReuseLevel,
    SkillConcept,
    TaggedSkill,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from network.models import User


@dataclass(frozen=True)
class OccupationSkillLine:
    """One skill of an occupation page, as a reader sees it."""

    skill: SkillConcept
    label: str
    sentence: str
    essential: bool
    #: None when nobody logged in as a youth is reading.
    youth_has_it: bool | None = None
    way_to_get_it: str = ""


@dataclass(frozen=True)
class SkillMatch:
    """ "You already have N of the M skills", and the missing ones, essential first."""

    have: int
    total: int
    missing: list[OccupationSkillLine] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.have / self.total) if self.total else 0

    @property
    def ways(self) -> list[dict[str, Any]]:
        """The missing skills grouped by the way to get them, so each way is read once."""
        groups: dict[str, list[OccupationSkillLine]] = {}
        for line in self.missing:
            groups.setdefault(line.way_to_get_it, []).append(line)
        return [{"way": way, "skills": lines} for way, lines in groups.items()]


def occupation_page_context(page: OccupationPage, user: User | AnonymousUser) -> dict[str, Any]:
    """Everything the occupation page template shows about skills.

    ``skill_match`` is only there for a logged-in youth: visitors, mentors and recruiters
    see the skills of the occupation without any personal part.
    """
    page_skills = _page_skills(page)
    owned = youth_skill_ids(user) if _is_youth(user) else None
    lines = [
        OccupationSkillLine(
            skill=item.skill,
            label=item.skill.label(),
            sentence=item.skill.sentence(),
            essential=item.relation == OccupationSkill.Relation.ESSENTIAL,
            youth_has_it=None if owned is None else item.skill_id in owned,
            way_to_get_it=way_to_get_skill(item.skill) if owned is not None else "",
        )
        for item in page_skills
    ]
    skill_match = None
    if owned is not None:
        missing = [line for line in lines if not line.youth_has_it]
        skill_match = SkillMatch(
            have=len(lines) - len(missing),
            total=len(lines),
            missing=sorted(missing, key=lambda line: not line.essential),
        )
    return {
        "essential_skills": [line for line in lines if line.essential],
        "optional_skills": [line for line in lines if not line.essential],
        "skill_match": skill_match,
    }


def _is_youth(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and getattr(user, "role", None) == Role.YOUTH)


def _page_skills(page: OccupationPage) -> list[OccupationPageSkill]:
    # In a preview the skills are the editor's unsaved ones, kept in memory by modelcluster.
    return list(page.page_skills.select_related("skill").order_by("sort_order"))


def youth_skill_ids(user: User) -> set[int]:
    """The concepts a youth has shown: on their profile or tagged on their experiences and
    achievements, plus the concepts directly broader than those (someone who can "welcome
    families at the food bank" has the broader "welcome the public")."""
    experience_type = ContentType.objects.get_for_model(Experience)
    achievement_type = ContentType.objects.get_for_model(Achievement)
    on_profile = ProfileSkill.objects.filter(youth=user).values_list("concept_id", flat=True)
    tagged = TaggedSkill.objects.filter(
        Q(
            content_type=experience_type,
            object_id__in=Experience.objects.filter(youth=user).values("pk"),
        )
        | Q(
            content_type=achievement_type,
            object_id__in=Achievement.objects.filter(youth=user).values("pk"),
        )
    ).values_list("tag_id", flat=True)
    owned = set(on_profile.union(tagged))
    if owned:
        broader = SkillConcept.broader.through.objects.filter(
            from_skillconcept_id__in=owned
        ).values_list("to_skillconcept_id", flat=True)
        owned.update(broader)
    return owned


def way_to_get_skill(skill: SkillConcept) -> str:
    """A concrete, honest next step to get a skill, from what kind of skill it is.

    Generic on purpose: it points to people and places that exist for every youth
    (a counsellor, volunteering, a discovery placement, a training course).
    """
    if skill.concept_type == ConceptType.KNOWLEDGE:
        return _("It is learned in a training course: ask your counsellor which one suits you.")
    if skill.reuse_level == ReuseLevel.TRANSVERSAL:
        return _(
            "Everyday life trains it: a volunteering mission, a club, helping out at home. "
            "If you already do it, add that experience to your profile."
        )
    if skill.reuse_level == ReuseLevel.CROSS_SECTOR:
        return _(
            "Many jobs use it: a volunteering mission, a civic service or a short training "
            "course can give it to you. Talk about it with your counsellor."
        )
    if skill.reuse_level == ReuseLevel.SECTOR_SPECIFIC:
        return _(
            "It is learned in the trade: ask your counsellor for a discovery placement "
            "(PMSMP) or an internship in this sector."
        )
    if skill.reuse_level == ReuseLevel.OCCUPATION_SPECIFIC:
        return _(
            "It is learned on the job: an apprenticeship or a training course for this "
            "occupation. Talk about it with your counsellor."
        )
    return _("Talk about it with your counsellor or your mentor: they know where to learn it.")


def list_occupation_pages(index: Page) -> PageQuerySet:
    """The published occupation pages under ``index``, A to Z."""
    return OccupationPage.objects.child_of(index).live().public().order_by("title")
