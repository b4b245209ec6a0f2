"""Deleting one's own account: out of the database, the file stores and the search index.

What goes and what stays (the "delete my account" page says the same in plain words):

- Everything the person owns goes with the account row: profile, portfolio (with its evidence
  files and documents), connections, posts (with their images), comments, bravos, blocks they
  made, notifications, memberships, mentorships, contact requests, e-mail addresses...
  Most of it follows the foreign keys' ``CASCADE``; this module adds what the keys alone
  would get wrong:

  - endorsements the person GAVE: ``Endorsement.endorser`` is ``SET_NULL``, which would leave
    them on the youth's profile looking like an endorsement by e-mail from nobody. Nobody can
    vouch for them any more, so they are deleted (badges already awarded for them stay: the
    organisation that awarded a badge revokes it if it wants to);
  - conversations in which nobody else remains are deleted with their messages and files;
  - audit rows that point at the person without a database constraint (Wagtail's log entries,
    ``DO_NOTHING``) are emptied of the id, like a ``SET_NULL``.

- What stays: messages the person sent remain in the other people's conversations (sender
  empty, shown as "deleted account"), with their attachments, because they are also the other
  side's history; reports they made stay in the moderation queue without their name; notes a
  mentor wrote about youths stay in the organisation's follow-up of those youths, signed
  "a former mentor" (``MentorNote.author`` is ``SET_NULL``): they are the organisation's
  record of the follow-up, and the youth's right of access covers them.

Files are deleted from their storage, and the search index is told, only once the deletion is
committed (``transaction.on_commit``): a rolled-back deletion loses nothing.

The search app (or any app that keeps a copy of people elsewhere) registers a callback with
``on_account_deleted``; it is called after commit with the deleted account's id, once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import models, router, transaction
from django.db.models import Count
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from skills.models import Endorsement

from .models import Activity, Conversation, Participant, User

logger = logging.getLogger(__name__)

AccountDeletedCallback = Callable[[int], None]

_CALLBACKS: list[AccountDeletedCallback] = []


def on_account_deleted(callback: AccountDeletedCallback) -> AccountDeletedCallback:
    """Register ``callback(user_id)``, called once after each account deletion is committed.

    For apps that keep people's data outside the database tables of this project (the search
    index): they remove the person there. Usable as a decorator; registering the same
    function twice keeps one registration. A failing callback is logged and does not stop
    the others (the account is already deleted when they run).
    """
    if callback not in _CALLBACKS:
        _CALLBACKS.append(callback)
    return callback


def account_deleted_callbacks() -> list[AccountDeletedCallback]:
    return list(_CALLBACKS)


class AccountDeletionError(ValidationError):
    """The deletion was refused; the message says why, in the user's language."""

    status_code = 400


class LastAdministratorError(AccountDeletionError):
    """The last superuser cannot leave: nobody could administer the site any more."""

    status_code = 409


@dataclass(frozen=True)
class StoredFile:
    storage: Storage
    name: str


def check_delete_account(user: User, *, password: str = "", email: str = "") -> int:
    """Delete ``user``'s own account after they proved it is them.

    ``user`` is the logged-in person (never an id from a request). Accounts with a password
    give it; accounts without one (signed up through another service) type their e-mail
    address. Raises ``AccountDeletionError`` (nothing deleted) if the proof is wrong, and
    ``LastAdministratorError`` for the last active superuser. Returns the deleted account's
    id. The caller logs the person out afterwards.
    """
    if user.has_usable_password():
        if not password or not user.check_password(password):
            raise AccountDeletionError(_("This is not your password. Nothing was deleted."))
    elif email.strip().casefold() != user.email.casefold():
        raise AccountDeletionError(
            _("This is not the e-mail address of your account. Nothing was deleted.")
        )
    with transaction.atomic():
        # Locked so two superusers deleting their accounts at once cannot both pass the check.
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.is_superuser and not (
            User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk).exists()
        ):
            raise LastAdministratorError(
                _(
                    "You are the last administrator of AcroJump: give another person the "
                    "administrator rights before deleting your account."
                )
            )
        return do_delete_account(locked)


def do_delete_account(user: User) -> int:
    """Delete ``user`` and everything that belongs only to them; returns their former id.

    Preconditions: the caller checked that ``user`` asked for it (``check_delete_account``)
    and runs inside ``transaction.atomic``. Files and the search index are cleaned after commit.
    """
    user_id = user.pk
    using = router.db_for_write(User)
    collector = _FileAwareCollector(using=using, origin=user)
    collector.collect([user])
    # Rows the foreign keys would keep but that must go (see the module docstring).
    collector.collect(list(Endorsement.objects.filter(endorser=user)))
    collector.collect(list(_conversations_left_empty(user)))
    # Feed lines that describe something being deleted (an achievement, an endorsement...).
    collector.collect(list(_activities_about(collector.data)))

    files = _files_of(collector.data)
    _forget_in_unconstrained_references(user_id)
    collector.delete()

    transaction.on_commit(lambda: _delete_files(files), using=using, robust=True)
    for callback in account_deleted_callbacks():
        transaction.on_commit(_bind(callback, user_id), using=using, robust=True)
    return user_id


class _FileAwareCollector(Collector):
    """Django's deletion collector, made to load every row it deletes (no "fast delete" by
    query), so that the files of every deleted row in every app are known."""

    def can_fast_delete(self, *args: object, **kwargs: object) -> bool:
        return False


def _conversations_left_empty(user: User) -> models.QuerySet[Conversation]:
    """Conversations where ``user`` is the only participant left: nobody could read them."""
    # Filtered by a subquery, not a join on participants: the join would make the count see
    # only ``user``'s own row.
    return (
        Conversation.objects.filter(
            pk__in=Participant.objects.filter(user=user).values("conversation_id")
        )
        .annotate(participant_count=Count("participants"))
        .filter(participant_count=1)
    )


def _activities_about(data: dict[type[models.Model], Iterable[models.Model]]) -> list[Activity]:
    """Feed lines whose source (``target_type`` = model name, ``target_id``) is deleted."""
    found: list[Activity] = []
    for model, instances in data.items():
        if model is Activity:
            continue
        ids = [instance.pk for instance in instances if isinstance(instance.pk, int)]
        if ids:
            found += Activity.objects.filter(target_type=model._meta.model_name, target_id__in=ids)
    return found


def _files_of(data: dict[type[models.Model], Iterable[models.Model]]) -> list[StoredFile]:
    files = []
    for model, instances in data.items():
        file_fields = [
            field for field in model._meta.concrete_fields if isinstance(field, models.FileField)
        ]
        for instance in instances:
            for field in file_fields:
                stored = getattr(instance, field.attname)
                if stored:
                    files.append(StoredFile(storage=field.storage, name=str(stored)))
    return files


def _forget_in_unconstrained_references(user_id: int) -> None:
    """Empty nullable ``DO_NOTHING`` references to the user (audit logs without a database
    constraint), which would otherwise keep pointing at the deleted id."""
    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.ForeignKey)
                and field.related_model is user_model
                and field.remote_field.on_delete is models.DO_NOTHING
                and field.null
            ):
                model._base_manager.filter(**{field.attname: user_id}).update(
                    **{field.attname: None}
                )


def _delete_files(files: list[StoredFile]) -> None:
    for stored in files:
        try:
            stored.storage.delete(stored.name)
        except OSError:
            # The account is gone already; a file that cannot be removed now is logged for
            # an administrator rather than failing the person's request.
            logger.exception("Could not delete %s of a deleted account", stored.name)


def _bind(callback: AccountDeletedCallback, user_id: int) -> Callable[[], None]:
    return lambda: callback(user_id)
