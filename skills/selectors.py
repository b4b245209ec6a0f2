"""Reads of the portfolio that depend on who is asking.

Visibility is decided by ``network.privacy`` alone; this module loads what it allows, with
the related rows prefetched so templates never query. Someone else's private item is
reported as missing (404), never as forbidden: its existence is nobody else's business.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from network.models import Role, User, Visibility, YouthProfile
from network.privacy import (
    Audience,
    ShownIdentity,
    audience_for,
    can_see,
    effective_visibility,
    passes,
    shown_identity,
    visible_levels,
)

from .coach import Coaching, coach_portfolio
from .endorsement_selectors import accepted_endorsements_by_concept, endorsing_rights
from .models import (
    Achievement,
    ConceptType,
    Endorsement,
    Evidence,
    Experience,
    PersonalDocument,
    ProfileSkill,
    ReuseLevel,
    SkillConcept,
    SkillProposal,
)

logger = logging.getLogger(__name__)

SUGGESTION_LIMIT = 8


# --- The youth's own items (edit pages) -----------------------------------------------------


def profile_of(youth: User) -> YouthProfile:
    """The youth's profile; an unsaved one with the defaults if they never saved settings."""
    try:
        return youth.youth_profile
    except YouthProfile.DoesNotExist:
        return YouthProfile(user=youth)


def _own(queryset: QuerySet, user: User, object_id: int, *, lock: bool = False) -> object:
    if not user.is_authenticated:
        raise Http404
    queryset = queryset.filter(youth=user)
    if lock:
        # Only the item's row: PostgreSQL cannot lock the nullable side of a join.
        queryset = queryset.select_for_update(of=("self",))
    try:
        return queryset.get(pk=object_id)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def access_own_experience(user: User, experience_id: int, *, lock: bool = False) -> Experience:
    """One of ``user``'s experiences, to edit or delete; anybody else's answers 404."""
    return _own(Experience.objects.prefetch_related("skills"), user, experience_id, lock=lock)


def access_own_achievement(user: User, achievement_id: int, *, lock: bool = False) -> Achievement:
    return _own(
        Achievement.objects.select_related("experience").prefetch_related("skills", "evidence"),
        user,
        achievement_id,
        lock=lock,
    )


def access_own_evidence(user: User, evidence_id: int, *, lock: bool = False) -> Evidence:
    if not user.is_authenticated:
        raise Http404
    evidence = Evidence.objects.select_related("achievement").filter(achievement__youth=user)
    if lock:
        evidence = evidence.select_for_update(of=("self",))
    try:
        return evidence.get(pk=evidence_id)
    except Evidence.DoesNotExist:
        raise Http404 from None


def access_own_document(user: User, document_id: int, *, lock: bool = False) -> PersonalDocument:
    return _own(PersonalDocument.objects.all(), user, document_id, lock=lock)


def access_own_profile_skill(
    user: User, profile_skill_id: int, *, lock: bool = False
) -> ProfileSkill:
    return _own(ProfileSkill.objects.select_related("concept"), user, profile_skill_id, lock=lock)


def list_own_experiences(youth: User) -> QuerySet[Experience]:
    return (
        Experience.objects.filter(youth=youth)
        .annotate(achievement_count=Count("achievements"))
        .prefetch_related("skills")
        .order_by("-started_on", "-id")
    )


def list_own_achievements(youth: User) -> QuerySet[Achievement]:
    return (
        Achievement.objects.filter(youth=youth)
        .select_related("experience")
        .annotate(evidence_count=Count("evidence"))
        .prefetch_related("skills")
        .order_by("-achieved_on", "-id")
    )


def list_experience_choices(youth: User) -> QuerySet[Experience]:
    """The experiences an achievement of ``youth`` may belong to: theirs only."""
    return Experience.objects.filter(youth=youth).order_by("-started_on", "-id")


def list_own_profile_skills(youth: User) -> QuerySet[ProfileSkill]:
    return (
        ProfileSkill.objects.filter(youth=youth)
        .select_related("concept")
        .order_by("-level", "concept__name")
    )


def list_waiting_proposals(youth: User) -> QuerySet[SkillProposal]:
    """Skills the youth typed that match no concept yet, waiting for the team."""
    return SkillProposal.objects.filter(proposed_by=youth, status=SkillProposal.Status.NEW)


def list_own_documents(youth: User) -> QuerySet[PersonalDocument]:
    return PersonalDocument.objects.filter(youth=youth).order_by("-created_at", "-id")


# --- What others may see --------------------------------------------------------------------


def _profile_visibility(owner: User) -> str:
    return profile_of(owner).visibility


def access_achievement(viewer: User | None, achievement_id: int) -> Achievement:
    """An achievement with its evidence, if ``viewer`` may see it (else 404)."""
    try:
        achievement = (
            Achievement.objects.select_related("youth__youth_profile", "experience")
            .prefetch_related("skills", "evidence")
            .get(pk=achievement_id, youth__is_active=True)
        )
    except Achievement.DoesNotExist:
        raise Http404 from None
    visibility = effective_visibility(
        achievement.visibility, _profile_visibility(achievement.youth)
    )
    if not can_see(viewer, achievement.youth, visibility):
        raise Http404
    achievement.shown_experience = _shown_experience(viewer, achievement)
    return achievement


def _shown_experience(viewer: User | None, achievement: Achievement) -> Experience | None:
    """The experience of an achievement, if the viewer may see that one too."""
    experience = achievement.experience
    if experience is None:
        return None
    visibility = effective_visibility(experience.visibility, _profile_visibility(achievement.youth))
    return experience if can_see(viewer, achievement.youth, visibility) else None


def access_evidence(viewer: User | None, evidence_id: int) -> Evidence:
    """A piece of evidence (to download its file) if its achievement is visible to
    ``viewer``; 404 otherwise."""
    try:
        evidence = Evidence.objects.select_related("achievement__youth__youth_profile").get(
            pk=evidence_id, achievement__youth__is_active=True
        )
    except Evidence.DoesNotExist:
        raise Http404 from None
    achievement = evidence.achievement
    visibility = effective_visibility(
        achievement.visibility, _profile_visibility(achievement.youth)
    )
    if not can_see(viewer, achievement.youth, visibility):
        raise Http404
    return evidence


def access_document(viewer: User | None, document_id: int) -> PersonalDocument:
    """A personal document: for its owner, and for their mentors if shared with them."""
    try:
        document = PersonalDocument.objects.select_related("youth").get(
            pk=document_id, youth__is_active=True
        )
    except PersonalDocument.DoesNotExist:
        raise Http404 from None
    visibility = Visibility.MENTORS if document.shared_with_mentors else Visibility.ONLY_ME
    if not can_see(viewer, document.youth, visibility):
        raise Http404
    return document


# --- The profile page -----------------------------------------------------------------------


@dataclass
class SkillOnProfile:
    concept: SkillConcept
    label: str
    level: int | None
    level_label: str
    achievements: list[Achievement] = field(default_factory=list)
    experiences: list[Experience] = field(default_factory=list)
    #: Accepted endorsements, the weightiest first.
    endorsements: list[Endorsement] = field(default_factory=list)

    @property
    def evidence_count(self) -> int:
        return sum(achievement.evidence_count for achievement in self.achievements)


@dataclass
class SkillGroup:
    label: str
    skills: list[SkillOnProfile]


@dataclass
class ProfilePage:
    owner: User
    profile: YouthProfile
    audience: Audience
    identity: ShownIdentity
    #: False when the audience of a preview cannot see the profile at all.
    reachable: bool
    skill_groups: list[SkillGroup]
    experiences: list[Experience]
    achievements: list[Achievement]
    proposals: list[SkillProposal]
    coaching: Coaching | None
    #: The viewer may endorse some of the youth's skills (a mentor, an invited adult).
    can_endorse: bool = False

    @property
    def is_own(self) -> bool:
        return self.audience is Audience.OWNER

    @property
    def languages(self) -> list[str]:
        return language_names(self.profile.languages)

    @property
    def skill_count(self) -> int:
        return sum(len(group.skills) for group in self.skill_groups)


_REUSE_GROUP_LABELS = {
    ReuseLevel.TRANSVERSAL: translation.gettext_lazy("Skills for any job"),
    ReuseLevel.CROSS_SECTOR: translation.gettext_lazy("Skills for many sectors"),
    ReuseLevel.SECTOR_SPECIFIC: translation.gettext_lazy("Skills of a sector"),
    ReuseLevel.OCCUPATION_SPECIFIC: translation.gettext_lazy("Skills of a trade"),
}


def _group_label(concept: SkillConcept, language: str) -> str:
    """The starter group or broader concept of a skill, else its reuse level."""
    broader = sorted(
        concept.broader.all(),
        key=lambda parent: (
            not parent.is_starter,
            parent.concept_type != ConceptType.GROUP,
            parent.label(language),
        ),
    )
    if broader:
        return broader[0].label(language)
    if concept.reuse_level in _REUSE_GROUP_LABELS:
        return str(_REUSE_GROUP_LABELS[concept.reuse_level])
    return _("Other skills")


def load_youth(owner_id: int) -> User:
    """An active youth with their profile, or 404."""
    try:
        return User.objects.select_related("youth_profile").get(
            pk=owner_id, role=Role.YOUTH, is_active=True
        )
    except User.DoesNotExist:
        raise Http404 from None


def profile_page(
    viewer: User | None, owner_id: int, *, preview_as: Audience | None = None
) -> ProfilePage:
    """Everything the profile page shows to ``viewer``, in a constant number of queries.

    ``preview_as`` lets the owner see their profile as another audience would; anybody
    else asking for a preview gets their own view. Raises ``Http404`` when the profile is
    not visible to the viewer (or not a youth's).
    """
    owner = load_youth(owner_id)
    profile = profile_of(owner)
    audience = audience_for(viewer, owner)
    if preview_as is not None and audience is Audience.OWNER:
        audience = preview_as
    reachable = passes(audience, profile.visibility)
    if not reachable and not (viewer is not None and viewer.pk == owner.pk):
        raise Http404
    language = translation.get_language() or "fr"

    levels = visible_levels(audience) if reachable else []
    experiences = list(
        Experience.objects.filter(youth=owner, visibility__in=levels)
        .prefetch_related("skills")
        .order_by("-started_on", "-id")
    )
    experience_ids = {experience.pk for experience in experiences}
    achievements = list(
        Achievement.objects.filter(youth=owner, visibility__in=levels)
        .select_related("experience")
        .annotate(evidence_count=Count("evidence"))
        .prefetch_related("skills")
        .order_by("-achieved_on", "-id")
    )
    by_experience: dict[int, list[Achievement]] = defaultdict(list)
    for achievement in achievements:
        shown = achievement.experience_id in experience_ids
        achievement.shown_experience = achievement.experience if shown else None
        if shown:
            by_experience[achievement.experience_id].append(achievement)
    for experience in experiences:
        experience.shown_achievements = by_experience.get(experience.pk, [])

    profile_skills = (
        list(
            ProfileSkill.objects.filter(youth=owner)
            .select_related("concept")
            .prefetch_related(
                Prefetch("concept__broader", queryset=SkillConcept.objects.order_by("id"))
            )
        )
        if reachable
        else []
    )
    skill_groups = _skill_groups(
        profile_skills,
        experiences,
        achievements,
        endorsements=accepted_endorsements_by_concept(owner) if reachable else {},
        language=language,
        # Others see a skill only through an item they can see: a skill from a private
        # item would tell them something of it.
        only_shown_by_items=audience is not Audience.OWNER,
    )
    is_owner_view = audience is Audience.OWNER
    return ProfilePage(
        owner=owner,
        profile=profile,
        audience=audience,
        identity=shown_identity(audience, owner, profile),
        reachable=reachable,
        skill_groups=skill_groups,
        experiences=experiences,
        achievements=achievements,
        proposals=list(list_waiting_proposals(owner)) if is_owner_view else [],
        coaching=(
            coach_portfolio(
                profile=profile,
                experiences=experiences,
                achievements=achievements,
                profile_skills=profile_skills,
            )
            if is_owner_view
            else None
        ),
        can_endorse=(
            viewer is not None
            and viewer.is_authenticated
            and audience is not Audience.OWNER
            and preview_as is None
            and endorsing_rights(viewer, owner).allowed
        ),
    )


def _skill_groups(
    profile_skills: Iterable[ProfileSkill],
    experiences: Iterable[Experience],
    achievements: Iterable[Achievement],
    *,
    endorsements: dict[int, list[Endorsement]],
    language: str,
    only_shown_by_items: bool,
) -> list[SkillGroup]:
    achievements_by_concept: dict[int, list[Achievement]] = defaultdict(list)
    for achievement in achievements:
        for concept in achievement.skills.all():
            achievements_by_concept[concept.pk].append(achievement)
    experiences_by_concept: dict[int, list[Experience]] = defaultdict(list)
    for experience in experiences:
        for concept in experience.skills.all():
            experiences_by_concept[concept.pk].append(experience)

    groups: dict[str, list[SkillOnProfile]] = defaultdict(list)
    for profile_skill in profile_skills:
        concept = profile_skill.concept
        shown_achievements = achievements_by_concept.get(concept.pk, [])
        shown_experiences = experiences_by_concept.get(concept.pk, [])
        if only_shown_by_items and not (shown_achievements or shown_experiences):
            continue
        groups[_group_label(concept, language)].append(
            SkillOnProfile(
                concept=concept,
                label=concept.label(language),
                level=profile_skill.level,
                level_label=profile_skill.get_level_display(),
                achievements=shown_achievements,
                experiences=shown_experiences,
                endorsements=endorsements.get(concept.pk, []),
            )
        )
    result = [
        SkillGroup(
            label=label,
            skills=sorted(skills, key=lambda skill: (-(skill.level or 0), skill.label.lower())),
        )
        for label, skills in groups.items()
    ]
    # The biggest groups first: they say the most about the person.
    result.sort(key=lambda group: (-len(group.skills), group.label.lower()))
    return result


def language_names(languages: object) -> list[str]:
    """The languages of a profile as words: entries are names, or ``{"name", "level"}``."""
    names = []
    for entry in languages or []:
        if isinstance(entry, dict):
            name = str(entry.get("name", "")).strip()
            level = str(entry.get("level", "")).strip()
            if name:
                names.append(f"{name} ({level})" if level else name)
        elif str(entry).strip():
            names.append(str(entry).strip())
    return names


# --- Skill concepts for the forms ----------------------------------------------------------


def concepts_by_uri(uris: Iterable[str]) -> dict[str, SkillConcept]:
    """The taggable concepts among ``uris`` (skill groups are not tags), keyed by URI."""
    uris = [uri for uri in dict.fromkeys(uris) if uri]
    if not uris:
        return {}
    concepts = SkillConcept.objects.filter(uri__in=uris).exclude(concept_type=ConceptType.GROUP)
    return {concept.uri: concept for concept in concepts}


def match_typed_skill(text: str) -> SkillConcept | None:
    """The concept whose label is exactly what the youth typed (case aside), if any."""
    text = " ".join(text.split())
    if not text:
        return None
    return (
        SkillConcept.objects.exclude(concept_type=ConceptType.GROUP)
        .filter(
            Q(plain_label_fr__iexact=text) | Q(plain_label_en__iexact=text) | Q(name__iexact=text)
        )
        .order_by("-is_starter", "id")
        .first()
    )


def suggested_concepts(text: str, *, language: str) -> list[SkillConcept]:
    """Concepts the suggestion engine finds in ``text``, best first (for the form without
    JavaScript; with JavaScript the page asks ``/skills/suggest/`` itself)."""
    text = text.strip()
    if not text:
        return []
    try:
        from .suggest import suggest_skills
    except ModuleNotFoundError as error:
        # The engine is built in its own issue; until it lands, the form works without it.
        if error.name != "skills.suggest":
            raise
        logger.warning("skills.suggest is not installed: no server-side suggestions")
        return []
    results = suggest_skills(text, language=language)[:SUGGESTION_LIMIT]
    found = concepts_by_uri(result["uri"] for result in results)
    return [found[result["uri"]] for result in results if result["uri"] in found]
