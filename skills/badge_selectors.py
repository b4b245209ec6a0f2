"""Reads of Open Badges: what an organisation may award, who may award it, and the badges."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from network.models import Membership, Organisation, Role, User

from .models import (
    Achievement,
    BadgeAssertion,
    Endorsement,
    ProfileValidation,
    SkillConcept,
)


def is_organisation_mentor(user: User, organisation_id: int) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.MENTOR
        and Membership.objects.filter(user=user, organisation_id=organisation_id).exists()
    )


def access_organisation_as_mentor(user: User, organisation_id: int) -> Organisation:
    """The organisation, for one of its mentors; others are refused."""
    try:
        organisation = Organisation.objects.get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404 from None
    if not is_organisation_mentor(user, organisation.pk):
        raise PermissionDenied(_("Only the organisation's mentors award its badges."))
    return organisation


def mentor_organisations(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated or user.role != Role.MENTOR:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def issuable_endorsements(organisation: Organisation) -> QuerySet[Endorsement]:
    """Accepted endorsements given by a mentor of the organisation, not awarded yet."""
    return (
        Endorsement.objects.filter(
            endorser_organisation=organisation,
            status=Endorsement.Status.ACCEPTED,
            endorser__role=Role.MENTOR,
            endorser__memberships__organisation=organisation,
            badge__isnull=True,
            youth__is_active=True,
        )
        .select_related("youth", "concept", "endorser")
        .order_by("-answered_at", "-pk")
    )


def access_issuable_endorsement(organisation: Organisation, endorsement_id: int) -> Endorsement:
    try:
        return issuable_endorsements(organisation).get(pk=endorsement_id)
    except Endorsement.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class IssuableAchievement:
    achievement: Achievement
    concept: SkillConcept
    validation: ProfileValidation


def issuable_achievements(organisation: Organisation) -> list[IssuableAchievement]:
    """Skills of achievements in a profile validated by the organisation's counsellor, as they
    were validated, not awarded yet (a constant number of queries)."""
    validations = list(
        ProfileValidation.objects.filter(
            organisation=organisation,
            status=ProfileValidation.Status.VALIDATED,
            youth__is_active=True,
        ).order_by("-validated_at")
    )
    validated: dict[int, tuple[ProfileValidation, set[str]]] = {}
    for validation in validations:
        for key, item in validation.snapshot.get("achievements", {}).items():
            if key.isdigit() and int(key) not in validated:
                validated[int(key)] = (validation, set(item.get("skills", [])))
    if not validated:
        return []
    achievements = (
        Achievement.objects.filter(pk__in=validated)
        .select_related("youth")
        .prefetch_related("skills")
        .order_by("-pk")
    )
    awarded = set(
        BadgeAssertion.objects.filter(
            issuer=organisation, achievement_id__in=validated, revoked_at__isnull=True
        ).values_list("achievement_id", "concept_id")
    )
    result = []
    for achievement in achievements:
        validation, uris = validated[achievement.pk]
        if achievement.youth_id != validation.youth_id:
            continue
        for concept in achievement.skills.all():
            if concept.uri in uris and (achievement.pk, concept.pk) not in awarded:
                result.append(IssuableAchievement(achievement, concept, validation))
    return result


def access_issuable_achievement(
    organisation: Organisation, achievement_id: int, concept_id: int
) -> IssuableAchievement:
    for item in issuable_achievements(organisation):
        if item.achievement.pk == achievement_id and item.concept.pk == concept_id:
            return item
    raise Http404


def _badges() -> QuerySet[BadgeAssertion]:
    return BadgeAssertion.objects.select_related("youth", "concept", "issuer")


def list_organisation_badges(organisation: Organisation) -> QuerySet[BadgeAssertion]:
    return _badges().filter(issuer=organisation).order_by("-issued_at")


def list_own_badges(youth: User) -> QuerySet[BadgeAssertion]:
    return _badges().filter(youth=youth).order_by("-issued_at")


def public_badge(badge_id: uuid.UUID) -> BadgeAssertion:
    """A badge by its public id (hosted verification); 404 once its holder is gone."""
    try:
        return _badges().get(pk=badge_id, youth__is_active=True)
    except BadgeAssertion.DoesNotExist:
        raise Http404 from None


def access_badge_as_issuer(
    user: User, badge_id: uuid.UUID, *, lock: bool = False
) -> BadgeAssertion:
    """A badge, for a mentor of the organisation that awarded it."""
    queryset = _badges()
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    try:
        badge = queryset.get(pk=badge_id)
    except BadgeAssertion.DoesNotExist:
        raise Http404 from None
    if not is_organisation_mentor(user, badge.issuer_id):
        raise PermissionDenied(_("Only the organisation's mentors revoke its badges."))
    return badge


def access_own_badge(user: User, badge_id: uuid.UUID) -> BadgeAssertion:
    if not user.is_authenticated:
        raise Http404
    try:
        return _badges().get(pk=badge_id, youth=user)
    except BadgeAssertion.DoesNotExist:
        raise Http404 from None


def badge_class_exists(organisation_id: int, slug: str) -> tuple[Organisation, SkillConcept]:
    """The organisation and skill of a badge class it awarded at least once, else 404."""
    badge = (
        BadgeAssertion.objects.select_related("issuer", "concept")
        .filter(issuer_id=organisation_id, concept__slug=slug)
        .first()
    )
    if badge is None:
        raise Http404
    return badge.issuer, badge.concept
