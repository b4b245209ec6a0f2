"""The youth's skill levels and profile settings (audience, discoverability, display mode)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.feed import do_narrow_profile_activities
from network.models import DisplayMode, User, Visibility, YouthProfile
from network.privacy import PUBLIC_VISIBILITIES

from ..coach import TextFlag, check_public_texts
from ..models import Achievement, Experience, ProfileSkill, SkillLevel
from .common import MAX_MOBILITY_KM, PublicTextFlagged

# --- Skills on the profile -----------------------------------------------------------------


def check_set_skill_level(youth: User, *, profile_skill: ProfileSkill, level: int) -> ProfileSkill:
    if level not in SkillLevel.values:
        raise ValidationError({"level": _("Choose one of the four levels.")})
    return do_set_skill_level(youth, profile_skill=profile_skill, level=level)


def do_set_skill_level(youth: User, *, profile_skill: ProfileSkill, level: int) -> ProfileSkill:
    profile_skill.level = level
    profile_skill.level_chosen_at = timezone.now()
    profile_skill.save(update_fields=["level", "level_chosen_at", "updated_at"])
    return profile_skill


def do_remove_profile_skill(youth: User, *, profile_skill: ProfileSkill) -> None:
    """Take a skill off the profile, and off the youth's experiences and achievements that
    carried it (else it would come back from them)."""
    concept = profile_skill.concept
    with transaction.atomic():
        for experience in Experience.objects.filter(youth=youth, skills=concept):
            experience.skills.remove(concept)
        for achievement in Achievement.objects.filter(youth=youth, skills=concept):
            achievement.skills.remove(concept)
        profile_skill.delete()


# --- Profile settings ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileSettings:
    headline: str = ""
    goals: str = ""
    available_from: datetime.date | None = None
    mobility_km: int | None = None
    languages: tuple[str, ...] = field(default_factory=tuple)
    driving_licence: bool = False
    visibility: str = Visibility.MENTORS
    discoverable: bool = False
    display_mode: str = DisplayMode.ANONYMOUS


def check_update_profile_settings(
    youth: User, *, settings: ProfileSettings, keep_my_words: bool = False
) -> YouthProfile:
    """Save the youth's profile settings.

    Minors are always anonymous to recruiters, whatever was sent. Being discoverable needs a
    profile recruiters can see. Opening the profile to recruiters checks every text that
    would become visible to them (headline, goals, and the items shown that wide).
    """
    if settings.visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose who sees your profile.")})
    if settings.display_mode not in DisplayMode.values:
        raise ValidationError({"display_mode": _("Choose how recruiters see you.")})
    if settings.mobility_km is not None and not 0 <= settings.mobility_km <= MAX_MOBILITY_KM:
        raise ValidationError(
            {
                "mobility_km": _("Give a distance between 0 and %(max)s km.")
                % {"max": MAX_MOBILITY_KM}
            }
        )
    if settings.discoverable and settings.visibility not in PUBLIC_VISIBILITIES:
        raise ValidationError(
            {
                "discoverable": _(
                    "To be found by recruiters, your profile must be visible to recruiters: "
                    "choose “Recruiters too” or “Everyone” above."
                )
            }
        )
    if youth.is_minor:
        settings = ProfileSettings(**{**settings.__dict__, "display_mode": DisplayMode.ANONYMOUS})
    if settings.visibility in PUBLIC_VISIBILITIES:
        flags = check_public_texts({"headline": settings.headline, "goals": settings.goals})
        flags += _flags_of_items_going_public(youth)
        if flags and (not keep_my_words or any(flag.blocking for flag in flags)):
            raise PublicTextFlagged(flags)
    return do_update_profile_settings(youth, settings=settings)


def _flags_of_items_going_public(youth: User) -> list[TextFlag]:
    """Flags in the experiences and achievements recruiters would read with this setting.

    Each flag's ``field`` names the item, so the page can link to it.
    """
    flags: list[TextFlag] = []
    # With a profile open to recruiters, every item marked for recruiters or wider is read.
    public_items = list(PUBLIC_VISIBILITIES)
    for experience in Experience.objects.filter(youth=youth, visibility__in=public_items):
        for flag in check_public_texts(
            {
                "title": experience.title,
                "organisation_name": experience.organisation_name,
                "place": experience.place,
                "description": experience.description,
            }
        ):
            flags.append(
                TextFlag(
                    flag.category,
                    f"experience:{experience.pk}:{experience.title}",
                    flag.excerpt,
                    flag.advice,
                )
            )
    for achievement in Achievement.objects.filter(
        youth=youth, visibility__in=public_items
    ).prefetch_related("evidence"):
        texts = {"title": achievement.title, "what_i_did": achievement.what_i_did}
        texts.update({f"caption{e.pk}": e.caption for e in achievement.evidence.all() if e.caption})
        for flag in check_public_texts(texts):
            flags.append(
                TextFlag(
                    flag.category,
                    f"achievement:{achievement.pk}:{achievement.title}",
                    flag.excerpt,
                    flag.advice,
                )
            )
    return flags


def do_update_profile_settings(youth: User, *, settings: ProfileSettings) -> YouthProfile:
    """Write the settings (the caller checked them).

    Leaving or joining recruiter search is for the search issue to index on commit.
    """
    with transaction.atomic():
        # get_or_create retries the read if a concurrent request created the row first.
        profile, _created = YouthProfile.objects.select_for_update().get_or_create(user=youth)
        profile.headline = settings.headline.strip()
        profile.goals = settings.goals.strip()
        profile.available_from = settings.available_from
        profile.mobility_km = settings.mobility_km
        profile.languages = list(settings.languages)
        profile.driving_licence = settings.driving_licence
        profile.visibility = settings.visibility
        profile.discoverable = settings.discoverable
        profile.display_mode = DisplayMode.ANONYMOUS if youth.is_minor else settings.display_mode
        profile.save()
        do_narrow_profile_activities(youth, profile_visibility=profile.visibility)
    youth.youth_profile = profile
    return profile
