"""Experiences and achievements ("réussites"): create, edit, delete, with their skills."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.feed import do_delete_achievement_activity, do_sync_achievement_activity
from network.models import User, Visibility

from .. import selectors
from ..models import Achievement, Experience
from .common import (
    MAX_DAYS_AHEAD,
    SkillChoice,
    check_skills,
    check_visibility,
    delete_files_on_commit,
    refuse_flagged_public_texts,
    tag_and_add_to_profile,
)

# --- Experiences ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExperienceDetails:
    kind: str
    title: str
    organisation_name: str = ""
    place: str = ""
    started_on: datetime.date | None = None
    ended_on: datetime.date | None = None
    description: str = ""
    visibility: str = Visibility.MENTORS


def _check_dates(
    youth: User, started_on: datetime.date | None, ended_on: datetime.date | None
) -> None:
    errors: dict[str, str] = {}
    latest = timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD)
    if started_on and ended_on and ended_on < started_on:
        errors["ended_on"] = _("The end is before the start. Check the dates.")
    for name, day in (("started_on", started_on), ("ended_on", ended_on)):
        if day is None or name in errors:
            continue
        if day > latest:
            errors[name] = _("This date is more than a year ahead. Check the year.")
        elif youth.date_of_birth and day < youth.date_of_birth:
            errors[name] = _("This date is before your birth. Check the year.")
    if errors:
        raise ValidationError(errors)


def check_save_experience(
    youth: User,
    *,
    experience: Experience | None,
    details: ExperienceDetails,
    skills: SkillChoice,
    keep_my_words: bool = False,
    language: str = "fr",
) -> Experience:
    """Create (``experience=None``) or update one of ``youth``'s experiences.

    The caller fetched ``experience`` with ``access_own_experience(..., lock=True)`` inside
    a transaction.
    """
    if details.kind not in Experience.Kind.values:
        raise ValidationError({"kind": _("Choose what kind of experience it was.")})
    if not details.title.strip():
        raise ValidationError(
            {"title": _("Give it a name, for example “Bénévole aux Restos du Cœur”.")}
        )
    _check_dates(youth, details.started_on, details.ended_on)
    profile = selectors.profile_of(youth)
    check_visibility(details.visibility, profile)
    check_skills(skills)
    refuse_flagged_public_texts(
        {
            "title": details.title,
            "organisation_name": details.organisation_name,
            "place": details.place,
            "description": details.description,
        },
        visibility=details.visibility,
        profile=profile,
        keep_my_words=keep_my_words,
    )
    return do_save_experience(
        youth, experience=experience, details=details, skills=skills, language=language
    )


def do_save_experience(
    youth: User,
    *,
    experience: Experience | None,
    details: ExperienceDetails,
    skills: SkillChoice,
    language: str = "fr",
) -> Experience:
    with transaction.atomic():
        experience = experience or Experience(youth=youth)
        for name, value in details.__dict__.items():
            setattr(experience, name, value.strip() if isinstance(value, str) else value)
        experience.save()
        tag_and_add_to_profile(youth, experience, skills, language=language)
    return experience


def do_delete_experience(youth: User, *, experience: Experience) -> None:
    """Delete an experience; its achievements stay, no longer attached to it."""
    experience.delete()


# --- Achievements --------------------------------------------------------------------------


@dataclass(frozen=True)
class AchievementDetails:
    title: str
    what_i_did: str
    achieved_on: datetime.date | None = None
    experience: Experience | None = None
    visibility: str = Visibility.MENTORS


def check_save_achievement(
    youth: User,
    *,
    achievement: Achievement | None,
    details: AchievementDetails,
    skills: SkillChoice,
    keep_my_words: bool = False,
    language: str = "fr",
) -> Achievement:
    """Create or update one of ``youth``'s achievements ("réussites")."""
    if not details.title.strip():
        raise ValidationError({"title": _("Give your achievement a title.")})
    if not details.what_i_did.strip():
        raise ValidationError({"what_i_did": _("Say in a few words what you did.")})
    if details.experience is not None and details.experience.youth_id != youth.pk:
        raise ValidationError({"experience": _("Choose one of your experiences.")})
    if details.achieved_on and details.achieved_on > timezone.localdate():
        raise ValidationError(
            {"achieved_on": _("An achievement is something already done: this date is ahead.")}
        )
    if details.achieved_on and youth.date_of_birth and details.achieved_on < youth.date_of_birth:
        raise ValidationError({"achieved_on": _("This date is before your birth. Check the year.")})
    profile = selectors.profile_of(youth)
    check_visibility(details.visibility, profile)
    check_skills(skills)
    refuse_flagged_public_texts(
        {"title": details.title, "what_i_did": details.what_i_did},
        visibility=details.visibility,
        profile=profile,
        keep_my_words=keep_my_words,
    )
    return do_save_achievement(
        youth, achievement=achievement, details=details, skills=skills, language=language
    )


def do_save_achievement(
    youth: User,
    *,
    achievement: Achievement | None,
    details: AchievementDetails,
    skills: SkillChoice,
    language: str = "fr",
) -> Achievement:
    with transaction.atomic():
        achievement = achievement or Achievement(youth=youth)
        achievement.title = details.title.strip()
        achievement.what_i_did = details.what_i_did.strip()
        achievement.achieved_on = details.achieved_on
        achievement.experience = details.experience
        achievement.visibility = details.visibility
        achievement.save()
        tag_and_add_to_profile(youth, achievement, skills, language=language)
        do_sync_achievement_activity(youth, achievement=achievement)
    return achievement


def do_delete_achievement(youth: User, *, achievement: Achievement) -> None:
    names = list(achievement.evidence.exclude(file="").values_list("file", flat=True))
    do_delete_achievement_activity(achievement.pk)
    achievement.delete()
    delete_files_on_commit(names)
