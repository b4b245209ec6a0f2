"""Reads of profile validation: who may see a request, what the profile says now, what
changed since a counsellor validated it.

A validation's snapshot records the profile's headline, skills with their levels and the
achievements shown to mentors, as the counsellor saw them. Comparing it with the current
data takes a constant number of queries (the profile, its skills, its achievements with
their skills), whatever the size of the portfolio.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from network.models import Mentorship, Role, User, Visibility, YouthProfile
from network.privacy import Audience

from .models import Achievement, ProfileSkill, ProfileValidation, SkillLevel

#: What a counsellor sees of the portfolio: everything but what the youth keeps to themself.
SNAPSHOT_VISIBILITIES = [value for value in Visibility.values if value != Visibility.ONLY_ME]


def profile_snapshot(youth: User, *, language: str = "fr") -> dict[str, Any]:
    """What the profile says now, as stored in a validation (3 queries). Skills are labelled
    in ``language`` (stored ones in French, the site's first language)."""
    profile = YouthProfile.objects.filter(user=youth).only("headline").first()
    skills = ProfileSkill.objects.filter(youth=youth).select_related("concept").order_by("id")
    achievements = (
        Achievement.objects.filter(youth=youth, visibility__in=SNAPSHOT_VISIBILITIES)
        .prefetch_related("skills")
        .order_by("id")
    )
    return {
        "headline": profile.headline if profile else "",
        "skills": {
            skill.concept.uri: {"label": skill.concept.label(language), "level": skill.level}
            for skill in skills
        },
        "achievements": {
            str(achievement.pk): {
                "title": achievement.title,
                "what_i_did": achievement.what_i_did,
                "achieved_on": (
                    achievement.achieved_on.isoformat() if achievement.achieved_on else None
                ),
                "skills": sorted(concept.uri for concept in achievement.skills.all()),
            }
            for achievement in achievements
        },
    }


@dataclass(frozen=True)
class ProfileChange:
    """One difference between the validated profile and the profile now."""

    text: str
    #: The skill URI or achievement id it is about ("" for the headline), to decide whether
    #: a viewer may read it.
    subject: str = ""
    kind: str = "headline"


def _level_label(level: int | None) -> str:
    try:
        return str(SkillLevel(level).label)
    except ValueError:
        return str(level)


def changes_between(before: dict[str, Any], now: dict[str, Any]) -> list[ProfileChange]:
    """What changed from the ``before`` snapshot to ``now``, in plain words."""
    changes: list[ProfileChange] = []
    if before.get("headline", "") != now.get("headline", ""):
        changes.append(ProfileChange(_("The headline changed.")))
    old_skills, new_skills = before.get("skills", {}), now.get("skills", {})
    for uri, skill in new_skills.items():
        old = old_skills.get(uri)
        if old is None:
            changes.append(
                ProfileChange(_("Skill added: %(skill)s") % {"skill": skill["label"]}, uri, "skill")
            )
        elif old.get("level") != skill.get("level"):
            changes.append(
                ProfileChange(
                    _("Level changed for %(skill)s: %(old)s → %(new)s")
                    % {
                        "skill": skill["label"],
                        "old": _level_label(old.get("level")),
                        "new": _level_label(skill.get("level")),
                    },
                    uri,
                    "skill",
                )
            )
    for uri, skill in old_skills.items():
        if uri not in new_skills:
            changes.append(
                ProfileChange(
                    _("Skill removed: %(skill)s") % {"skill": skill["label"]}, uri, "skill"
                )
            )
    old_items, new_items = before.get("achievements", {}), now.get("achievements", {})
    for key, item in new_items.items():
        old = old_items.get(key)
        if old is None:
            text = _("Achievement added: %(title)s") % {"title": item["title"]}
        elif old != item:
            text = _("Achievement changed: %(title)s") % {"title": item["title"]}
        else:
            continue
        changes.append(ProfileChange(text, key, "achievement"))
    for key, item in old_items.items():
        if key not in new_items:
            changes.append(
                ProfileChange(
                    _("Achievement removed or hidden: %(title)s") % {"title": item["title"]},
                    key,
                    "achievement_gone",
                )
            )
    return changes


@dataclass
class ValidationMark:
    """What a profile page says about the last validation."""

    validation: ProfileValidation
    changes: list[ProfileChange] = field(default_factory=list)
    #: Changes about things this viewer cannot see, only counted.
    hidden_changes: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.hidden_changes > 0


def last_validation(youth: User) -> ProfileValidation | None:
    return (
        ProfileValidation.objects.filter(youth=youth, status=ProfileValidation.Status.VALIDATED)
        .select_related("counsellor", "organisation")
        .order_by("-validated_at", "-pk")
        .first()
    )


def validation_mark(
    youth: User,
    *,
    audience: Audience,
    shown_skill_uris: set[str] | None = None,
    shown_achievement_ids: set[int] | None = None,
) -> ValidationMark | None:
    """The last validation of ``youth``'s profile and what changed since, for ``audience``.

    The youth and their mentors read every change; others read only changes about skills and
    achievements they see on the page (``shown_*``), the rest is counted, never named.
    """
    validation = last_validation(youth)
    if validation is None:
        return None
    now = profile_snapshot(youth, language=(translation.get_language() or "fr")[:2])
    changes = changes_between(validation.snapshot, now)
    if audience in (Audience.OWNER, Audience.MENTOR):
        return ValidationMark(validation=validation, changes=changes)
    shown_skill_uris = shown_skill_uris or set()
    shown_achievement_ids = {str(pk) for pk in (shown_achievement_ids or set())}
    shown, hidden = [], 0
    for change in changes:
        if (
            change.kind == "headline"
            or (change.kind == "skill" and change.subject in shown_skill_uris)
            or (change.kind == "achievement" and change.subject in shown_achievement_ids)
        ):
            shown.append(change)
        else:
            hidden += 1
    return ValidationMark(validation=validation, changes=shown, hidden_changes=hidden)


# --- Requests -------------------------------------------------------------------------------


def active_counsellors(youth: User) -> QuerySet[Mentorship]:
    """The youth's mentors with an active mentorship: those they may ask."""
    return (
        Mentorship.objects.filter(
            youth=youth, status=Mentorship.Status.ACTIVE, mentor__is_active=True
        )
        .select_related("mentor", "organisation")
        .order_by("started_at", "pk")
    )


def active_mentorship(youth: User, counsellor: User) -> Mentorship | None:
    return (
        Mentorship.objects.filter(youth=youth, mentor=counsellor, status=Mentorship.Status.ACTIVE)
        .select_related("organisation")
        .first()
    )


def list_own_validations(youth: User) -> QuerySet[ProfileValidation]:
    return ProfileValidation.objects.filter(youth=youth).select_related(
        "counsellor", "organisation"
    )


def list_requests_for_counsellor(counsellor: User) -> QuerySet[ProfileValidation]:
    return (
        ProfileValidation.objects.filter(counsellor=counsellor)
        .select_related("youth", "organisation")
        .order_by("-requested_at")
    )


def access_validation(user: User, validation_id: int, *, lock: bool = False) -> ProfileValidation:
    """A validation for the youth it is about or the counsellor asked; 404 for anybody else."""
    if not user.is_authenticated:
        raise Http404
    queryset = ProfileValidation.objects.select_related("youth", "counsellor", "organisation")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    try:
        validation = queryset.get(pk=validation_id)
    except ProfileValidation.DoesNotExist:
        raise Http404 from None
    if user.pk not in (validation.youth_id, validation.counsellor_id):
        raise Http404
    return validation


def require_counsellor(user: User, validation: ProfileValidation) -> None:
    """Only the counsellor asked answers, while they still follow the youth."""
    if user.pk != validation.counsellor_id or user.role != Role.MENTOR:
        raise PermissionDenied(_("Only the counsellor who was asked can answer."))
    if active_mentorship(validation.youth, user) is None:
        raise PermissionDenied(_("You no longer follow this young person."))
