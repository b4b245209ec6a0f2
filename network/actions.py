"""Writes of the network app: accounts, organisations, notifications.

``do_*`` functions perform a write and schedule its side effects; they assume the caller
checked permission. ``check_*`` functions validate, check permission, then call ``do_*``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone, translation

from . import events, notification_kinds, realtime, selectors
from .models import Membership, Notification, Organisation, Role, User


@dataclass(frozen=True)
class AccountDetails:
    """What a sign-up form collected beyond e-mail, name and password."""

    role: str
    date_of_birth: datetime.date | None = None
    town: str = ""
    organisation_name: str = ""
    organisation_kind: str = ""
    function: str = ""
    language: str = "fr"


def do_find_or_create_organisation(*, name: str, kind: str, town: str = "") -> Organisation:
    """The organisation of that name and kind, created (unverified) if it is new."""
    name = " ".join(name.split())
    existing = (
        Organisation.objects.annotate(lower_name=Lower("name"))
        # Lowered by the database on both sides, as the unique index is (SQLite only lowers
        # ASCII letters, so Python's lower() would miss "École ..." and then hit the index).
        .filter(lower_name=Lower(Value(name)), kind=kind)
        .first()
    )
    if existing is not None:
        return existing
    return Organisation.objects.create(name=name, kind=kind, town=town)


def do_register_user(user: User, *, details: AccountDetails) -> User:
    """Save a user who just signed up, with their role and what that role needs.

    ``user`` is unsaved, with e-mail, names and password already set by the sign-up form.
    Mentors and recruiters join their organisation; the first member of a new
    organisation can manage it.
    """
    with transaction.atomic():
        user.role = details.role
        user.date_of_birth = details.date_of_birth if details.role == Role.YOUTH else None
        user.town = details.town
        user.language = details.language
        user.save()
        if details.role in (Role.MENTOR, Role.RECRUITER) and details.organisation_name:
            organisation = do_find_or_create_organisation(
                name=details.organisation_name,
                kind=details.organisation_kind or Organisation.Kind.COMPANY,
                town=details.town,
            )
            Membership.objects.create(
                organisation=organisation,
                user=user,
                function=details.function,
                is_admin=not organisation.memberships.exists(),
            )
    return user


def do_notify(
    recipient: User, *, kind: str, params: dict | None = None, url: str = ""
) -> Notification:
    """Store a notification for ``recipient`` and push it live after commit."""
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, params=params or {}, url=url
    )
    with translation.override(recipient.language):
        text = notification_kinds.notification_text(notification)
    realtime.send_event(
        events.NOTIFICATION_NEW,
        [recipient.pk],
        {
            "id": notification.pk,
            "kind": kind,
            "text": text,
            "url": url,
            "created_at": notification.created_at.isoformat(),
            "unread_count": selectors.unread_notification_count(recipient),
        },
    )
    return notification


def do_welcome_user(user: User, *, email: str, first_address: bool) -> Notification:
    """Greet a person whose e-mail address was just confirmed.

    ``first_address`` says whether the account had no confirmed address before: that
    confirmation opens the account (welcome, sent once); a later one, after a change of
    e-mail, only says the new address works.
    """
    with transaction.atomic():
        # Lock the user row so two confirmations at once cannot both send a welcome.
        User.objects.select_for_update().filter(pk=user.pk).first()
        welcomed = user.notifications.filter(kind=notification_kinds.WELCOME).exists()
        if first_address and not welcomed:
            return do_notify(
                user,
                kind=notification_kinds.WELCOME,
                params={"first_name": user.first_name},
                url="/notifications/",
            )
        return do_notify(user, kind=notification_kinds.EMAIL_CONFIRMED, params={"email": email})


def do_mark_notifications_read(user: User, *, notification_ids: list[int] | None = None) -> int:
    """Mark some (or, with ``None``, all) of ``user``'s notifications read.

    Returns how many changed; every open tab of the user gets the new unread count.
    """
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    changed = unread.update(read_at=timezone.now())
    if changed:
        realtime.send_event(
            events.NOTIFICATION_READ,
            [user.pk],
            {"unread_count": selectors.unread_notification_count(user)},
        )
    return changed


def do_set_language(user: User, *, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])
