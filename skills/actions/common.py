"""Rules shared by the portfolio's actions: visibility never wider than the profile, texts
fit for recruiters, skills chosen or typed (kept as proposals), stored files cleaned up."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from network.feed import do_check_skill_milestone
from network.models import User, Visibility, YouthProfile
from network.privacy import PUBLIC_VISIBILITIES, effective_visibility

from .. import selectors
from ..coach import TextFlag, check_public_texts
from ..models import Achievement, Experience, ProfileSkill, SkillConcept, SkillLevel, SkillProposal
from ..signals import skills_added
from ..storage import private_storage
from ..uploads import CheckedFile

#: Experiences may be planned a little ahead (a civic service starting next month).
MAX_DAYS_AHEAD = 366
MAX_TYPED_SKILLS = 20
MAX_SKILLS_PER_ITEM = 30
MAX_EVIDENCE_PER_ACHIEVEMENT = 10
MAX_DOCUMENTS = 20
MAX_MOBILITY_KM = 1000


class PublicTextFlagged(Exception):
    """Texts that should not reach recruiters as they are. ``blocking`` flags (personal
    data, insults) must be changed; the others are advice the youth may confirm."""

    def __init__(self, flags: Sequence[TextFlag]) -> None:
        super().__init__(f"{len(flags)} flags")
        self.flags = list(flags)

    @property
    def blocking(self) -> bool:
        return any(flag.blocking for flag in self.flags)


@dataclass(frozen=True)
class SkillChoice:
    """The skills a youth gave an item: confirmed concepts, and words typed that are kept as
    proposals when they match no concept."""

    concepts: tuple[SkillConcept, ...] = ()
    typed: tuple[str, ...] = ()


def parse_typed_skills(text: str) -> tuple[str, ...]:
    """Skills typed in one input, separated by commas, semicolons or new lines."""
    parts = [
        " ".join(part.split()) for part in text.replace(";", ",").replace("\n", ",").split(",")
    ]
    seen: dict[str, str] = {}
    for part in parts:
        if part and part.lower() not in seen:
            seen[part.lower()] = part[:200]
    return tuple(seen.values())


def refuse_flagged_public_texts(
    texts: dict[str, str], *, visibility: str, profile: YouthProfile, keep_my_words: bool
) -> None:
    """Refuse texts that would reach recruiters or the public with flags on them.

    The check applies when the item's effective visibility (never wider than the profile)
    reaches recruiters. Blocking flags always refuse; wording advice refuses until the youth
    says they read it and keep their words.
    """
    if effective_visibility(visibility, profile.visibility) not in PUBLIC_VISIBILITIES:
        return
    flags = check_public_texts(texts)
    if not flags:
        return
    if keep_my_words and not any(flag.blocking for flag in flags):
        return
    raise PublicTextFlagged(flags)


def check_visibility(visibility: str, profile: YouthProfile) -> None:
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose who sees it.")})
    if Visibility.rank(visibility) > Visibility.rank(profile.visibility):
        raise ValidationError(
            {
                "visibility": _(
                    "Your profile is shown to “%(profile)s”: this cannot be shown wider. "
                    "Choose a narrower audience, or open your profile first in its settings."
                )
                % {"profile": profile.get_visibility_display()}
            }
        )


def check_skills(skills: SkillChoice) -> None:
    if len(skills.concepts) > MAX_SKILLS_PER_ITEM:
        raise ValidationError(
            {
                "skill_uris": _("Keep at most %(count)s skills here.")
                % {"count": MAX_SKILLS_PER_ITEM}
            }
        )
    if len(skills.typed) > MAX_TYPED_SKILLS:
        raise ValidationError(
            {
                "skills_text": _("Type at most %(count)s skills at once.")
                % {"count": MAX_TYPED_SKILLS}
            }
        )


def tag_and_add_to_profile(
    youth: User, item: Experience | Achievement, skills: SkillChoice, *, language: str
) -> list[SkillProposal]:
    """Tag ``item``, add the concepts to the youth's profile, keep unknown words as proposals.

    Typed words that are exactly a concept's label become that concept; the others are
    proposals for the team (never dropped).
    """
    concepts = {concept.pk: concept for concept in skills.concepts}
    unknown: list[str] = []
    for text in skills.typed:
        concept = selectors.match_typed_skill(text)
        if concept is None:
            unknown.append(text)
        else:
            concepts.setdefault(concept.pk, concept)
    item.skills.set(list(concepts.values()))
    do_add_profile_skills(youth, concepts=concepts.values())
    return do_propose_skills(youth, texts=unknown, language=language)


def do_add_profile_skills(youth: User, *, concepts: Iterable[SkillConcept]) -> None:
    """Put ``concepts`` on the youth's profile (level "with help") unless already there."""
    concepts = list(concepts)
    if not concepts:
        return
    present = set(
        ProfileSkill.objects.filter(youth=youth, concept__in=concepts).values_list(
            "concept_id", flat=True
        )
    )
    ProfileSkill.objects.bulk_create(
        [
            ProfileSkill(youth=youth, concept=concept, level=SkillLevel.WITH_HELP)
            for concept in concepts
            if concept.pk not in present
        ],
        ignore_conflicts=True,  # a double submit from two tabs adds the skill once
    )
    skills_added.send(sender=ProfileSkill, youth_id=youth.pk)
    do_check_skill_milestone(youth)


def do_propose_skills(youth: User, *, texts: Iterable[str], language: str) -> list[SkillProposal]:
    """Keep skills the youth typed that match no concept, once each, for the team to map."""
    proposals = []
    for text in texts:
        existing = SkillProposal.objects.filter(
            proposed_by=youth, status=SkillProposal.Status.NEW, text__iexact=text
        ).first()
        proposals.append(
            existing
            or SkillProposal.objects.create(text=text, language=language[:8], proposed_by=youth)
        )
    return proposals


def delete_files_on_commit(names: Iterable[str]) -> None:
    """Remove stored files once the rows that pointed to them are gone for good."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [private_storage().delete(name) for name in names])


def store_file(path_of: Callable[[str], str], checked: CheckedFile) -> tuple[str, str]:
    """Write the cleaned bytes under a random name; returns (stored name, storage path)."""
    stored_name = checked.random_name()
    path = private_storage().save(path_of(stored_name), ContentFile(checked.content))
    return stored_name, path
