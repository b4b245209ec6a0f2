"""Wiring: changes to profiles in the skills and network apps reach search after commit.

Those apps do not import search; search listens to their models here and calls one action,
``indexing.profile_changed``. Blocks need no reindexing: they apply when a search runs.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from network.account_deletion import on_account_deleted
from network.models import Role, User, YouthProfile
from skills.models import (
    Achievement,
    Endorsement,
    Evidence,
    Experience,
    ProfileSkill,
    ProfileValidation,
)
from skills.signals import skills_added

from . import indexing


def _youth_of(instance) -> int | None:
    if isinstance(instance, User):
        return instance.pk if instance.role == Role.YOUTH else None
    if isinstance(instance, YouthProfile):
        return instance.user_id
    if isinstance(instance, Evidence):
        return (
            Achievement.objects.filter(pk=instance.achievement_id)
            .values_list("youth_id", flat=True)
            .first()
        )
    return getattr(instance, "youth_id", None)


def _changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    indexing.profile_changed(_youth_of(instance))


def _skills_added(sender, youth_id: int, **kwargs) -> None:
    indexing.profile_changed(youth_id)


def _deleted_account(user_id: int) -> None:
    # Called after the deletion committed: out of search now, not when a worker gets to it.
    from .service import remove_profiles

    remove_profiles([user_id])


def connect() -> None:
    for model in (
        User,
        YouthProfile,
        Achievement,
        Experience,
        Evidence,
        ProfileSkill,
        Endorsement,
        ProfileValidation,
    ):
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    skills_added.connect(_skills_added, dispatch_uid="search-skills-added")
    on_account_deleted(_deleted_account)
