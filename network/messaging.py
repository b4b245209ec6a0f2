"""Actions of messaging: start a conversation, send a message, mark as read.

A message is stored first, then pushed (``send_event`` defers to ``on_commit``). Every send
carries a ``client_id`` made by the sender's browser: a retry after a dropped connection
finds the stored message and returns it, so nothing is stored or delivered twice.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from skills.actions.common import store_file
from skills.storage import private_storage
from skills.uploads import CheckedFile, UploadRejected, check_upload

from . import events
from . import messaging_selectors as selectors
from .models import Block, Conversation, Message, Participant, Role, User
from .ratelimit import check_rate, is_new_account
from .realtime import send_event
from .relations import blocked_user_ids, is_blocked_between, message_refusal

MAX_TEXT_LENGTH = 4000
#: A small group: the creator and up to seven others.
MAX_GROUP_SIZE = 8
CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class MessagingRefused(ValidationError):
    """The person may not do this (blocked, not allowed to write to a minor...): 403."""


# --- Conversations ---------------------------------------------------------------------------


def direct_key(a: User, b: User) -> str:
    low, high = sorted((a.pk, b.pk))
    return f"{low}:{high}"


def do_start_direct_conversation(a: User, b: User) -> Conversation:
    """The one-to-one conversation of ``a`` and ``b``, created if needed.

    No permission check: callers check (``check_start_conversation``, contact requests).
    Two tabs opening it at once get the same conversation (``direct_key`` is unique).
    """
    key = direct_key(a, b)
    conversation = Conversation.objects.filter(direct_key=key).first()
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    kind=Conversation.Kind.DIRECT, direct_key=key, created_by=a
                )
        except IntegrityError:
            conversation = Conversation.objects.get(direct_key=key)
    for user in (a, b):
        # The pair's conversation may predate one side leaving: they are back in it.
        Participant.objects.update_or_create(
            conversation=conversation, user=user, defaults={"left_at": None}
        )
    return conversation


def _refuse(reason: str) -> MessagingRefused:
    return MessagingRefused(reason, code="refused")


def _group_pair_refusal(members: list[User]) -> str | None:
    """Within a group, every adult must be allowed to write to each minor, and no recruiter
    sits with a youth. The reason names people but never says which rule (a block between
    two others is not the creator's business)."""
    for member in members:
        for other in members:
            if member.pk == other.pk:
                continue
            protected = other.is_minor or (
                member.role == Role.RECRUITER and other.role == Role.YOUTH
            )
            if protected and not member.is_minor and message_refusal(member, other) is not None:
                return _(
                    "%(adult)s and %(young)s cannot be in the same group: "
                    "%(adult)s is not allowed to write to %(young)s."
                ) % {"adult": member.display_name, "young": other.first_name}
    return None


def check_start_conversation(
    sender: User, *, recipients: list[User], title: str = ""
) -> Conversation:
    """Open a conversation with one person (direct) or a small group (2 to 7 others).

    Refused with a reason (``MessagingRefused``) when ``sender`` may not write to one of
    them (``relations.message_refusal``), or when a group mixes people who may not write to
    each other (adults and minors who are not linked, recruiters and youths).
    """
    unique = {user.pk: user for user in recipients if user.pk != sender.pk}
    others = list(unique.values())
    if not others:
        raise ValidationError({"recipients": _("Choose who you want to write to.")}, code="invalid")
    if len(others) + 1 > MAX_GROUP_SIZE:
        raise ValidationError(
            {
                "recipients": _("A group has at most %(count)s people, you included.")
                % {"count": MAX_GROUP_SIZE}
            },
            code="invalid",
        )
    title = title.strip()
    if len(title) > 80:
        raise ValidationError(
            {"title": _("The group name is too long (80 characters at most).")}, code="invalid"
        )
    if len(others) == 1:
        recipient = others[0]
        existing = Conversation.objects.filter(direct_key=direct_key(sender, recipient)).first()
        if existing is not None:
            # Opened before (maybe from an accepted contact request): only a block or a
            # closed account stops it now.
            refusal = _direct_refusal(sender, recipient)
            if refusal:
                raise _refuse(refusal)
            return do_start_direct_conversation(sender, recipient)
        refusal = message_refusal(sender, recipient)
        if refusal:
            raise _refuse(refusal)
        return do_start_direct_conversation(sender, recipient)
    for recipient in others:
        refusal = message_refusal(sender, recipient)
        if refusal:
            raise _refuse(f"{recipient.display_name}: {refusal}")
    refusal = _group_pair_refusal([sender, *others])
    if refusal:
        raise _refuse(refusal)
    if not title:
        title = ", ".join(user.first_name or user.display_name for user in [sender, *others])
    return do_start_group_conversation(sender, members=others, title=title[:80])


def do_start_group_conversation(sender: User, *, members: list[User], title: str) -> Conversation:
    conversation = Conversation.objects.create(
        kind=Conversation.Kind.GROUP, title=title, created_by=sender
    )
    Participant.objects.bulk_create(
        [Participant(conversation=conversation, user=user) for user in [sender, *members]]
    )
    return conversation


# --- Messages --------------------------------------------------------------------------------


def message_json(message: Message, *, for_recruiter: bool = False) -> dict[str, Any]:
    """The JSON of a message, the same in events and in ``GET /messages/since/``."""
    attachment = None
    if message.attachment:
        attachment = {
            "url": reverse("network:message_attachment", args=[message.pk]),
            "name": message.attachment_name,
            "type": message.attachment_type,
        }
    return {
        "id": message.pk,
        "conversation_id": message.conversation_id,
        "client_id": message.client_id,
        "sender_id": message.sender_id,
        "sender_name": selectors.shown_name(message.sender, for_recruiter=for_recruiter),
        "text": message.text,
        "created_at": message.created_at.isoformat(),
        "attachment": attachment,
    }


def _direct_refusal(sender: User, other: User | None) -> str | None:
    if other is None or not other.is_active:
        return _("This account is no longer active.")
    if is_blocked_between(sender, other):
        return _("You cannot write to this person: one of you blocked the other.")
    return None


def _check_client_id(client_id: object) -> str:
    if not isinstance(client_id, str) or not CLIENT_ID_PATTERN.match(client_id):
        raise ValidationError(
            {"client_id": _("This message has no valid number. Reload the page and try again.")},
            code="invalid",
        )
    return client_id


def live_audience(sender: User, members: selectors.Members, blocked: set[int]) -> list[int]:
    """Who gets a message live: everyone still in the conversation (the sender's other tabs
    too), except, in a group, people on either side of a block with the sender."""
    return [sender.pk, *(other.pk for other in members.others if other.pk not in blocked)]


def _blocked_among(sender: User, others: list[User]) -> set[int]:
    """Which of ``others`` blocked ``sender`` or were blocked by them (one query)."""
    if not others:
        return set()
    ids = [other.pk for other in others]
    pairs = Block.objects.filter(
        Q(blocker=sender, blocked_id__in=ids) | Q(blocked=sender, blocker_id__in=ids)
    ).values_list("blocker_id", "blocked_id")
    return {blocker if blocked == sender.pk else blocked for blocker, blocked in pairs}


def check_send_message(
    sender: User,
    *,
    conversation_id: int,
    client_id: str,
    text: str,
    attachment: UploadedFile | None = None,
) -> tuple[Message, bool]:
    """Store a message from ``sender`` (a participant; else 404) and push it on commit.

    Returns ``(message, created)``. The same ``client_id`` sent again returns the stored
    message with ``created=False`` and pushes nothing. Raises ``ValidationError`` for bad
    input, ``MessagingRefused`` (blocked, closed account) and ``RateLimited`` (new accounts).
    The caller owns the transaction.
    """
    client_id = _check_client_id(client_id)
    members = selectors.access_members(sender, conversation_id)
    conversation = members.conversation
    if not isinstance(text, str):
        text = ""
    text = text.strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(
            {
                "text": _(
                    "Your message is too long: %(length)s characters for %(limit)s at most. "
                    "Split it into several messages."
                )
                % {"length": len(text), "limit": MAX_TEXT_LENGTH}
            },
            code="invalid",
        )
    if not text and attachment is None:
        raise ValidationError({"text": _("Write a message or add a file.")}, code="invalid")
    blocked = _blocked_among(sender, members.others)
    if conversation.kind == Conversation.Kind.DIRECT:
        other = members.others[0] if members.others else None
        if other is None or not other.is_active:
            raise _refuse(_("This account is no longer active."))
        if other.pk in blocked:
            raise _refuse(_("You cannot write to this person: one of you blocked the other."))
    checked = None
    if attachment is not None:
        try:
            checked = check_upload(attachment)
        except UploadRejected as rejected:
            raise ValidationError({"attachment": rejected.message}, code="invalid") from None
    # A retry of a stored message (same client id) is answered by do_send_message without
    # counting against the limit: the insert conflicts and the stored row is returned.
    if (
        is_new_account(sender)
        and not Message.objects.filter(sender=sender, client_id=client_id).exists()
    ):
        check_rate(sender, "message")
    return do_send_message(
        sender,
        members=members,
        blocked=blocked,
        conversation=conversation,
        client_id=client_id,
        text=text,
        checked=checked,
        attachment_name=getattr(attachment, "name", "") or "",
    )


def do_send_message(
    sender: User,
    *,
    conversation: Conversation,
    members: selectors.Members | None = None,
    blocked: set[int] | None = None,
    client_id: str,
    text: str,
    checked: CheckedFile | None = None,
    attachment_name: str = "",
) -> tuple[Message, bool]:
    """Store, move the conversation's newest message, mark the sender's read, push.

    ``members`` and ``blocked`` come from ``check_send_message`` (read here when not given:
    ``sender`` must take part in ``conversation``). A ``client_id`` the sender
    already used returns the stored message (``created`` False) and pushes nothing; used in
    another conversation, it is refused."""
    path = ""
    if checked is not None:
        _stored, path = store_file(lambda name: f"messages/{conversation.pk}/{name}", checked)
    try:
        with transaction.atomic():  # a savepoint: a duplicate must not spoil the caller's
            message = Message.objects.create(
                conversation=conversation,
                sender=sender,
                client_id=client_id,
                text=text,
                attachment=path,
                attachment_name=_clean_name(attachment_name, checked),
                attachment_type=checked.content_type if checked else "",
            )
    except IntegrityError:
        # Sent before (a retry after a dropped connection, or socket and HTTP at once).
        if path:
            private_storage().delete(path)
        existing = Message.objects.filter(sender=sender, client_id=client_id).first()
        if existing is None:
            raise
        if existing.conversation_id != conversation.pk:
            raise ValidationError(
                {"client_id": _("This message number is already used. Reload the page.")},
                code="invalid",
            ) from None
        return existing, False
    except Exception:
        if path:
            private_storage().delete(path)
        raise
    Conversation.objects.filter(pk=conversation.pk, last_message_id__lt=message.pk).update(
        last_message_id=message.pk, last_message_at=message.created_at
    )
    Participant.objects.filter(
        conversation=conversation, user=sender, last_read_message_id__lt=message.pk
    ).update(last_read_message_id=message.pk)
    if members is None:
        members = selectors.access_members(sender, conversation.pk)
    if blocked is None:
        blocked = _blocked_among(sender, members.others)
    audience = live_audience(sender, members, blocked)
    has_recruiter = any(
        person.role == Role.RECRUITER
        for person in [sender, *members.others]
        if person.pk in audience
    )
    send_event(
        events.MESSAGE_NEW,
        audience,
        {
            "conversation_id": conversation.pk,
            "message": message_json(message, for_recruiter=has_recruiter),
        },
    )
    return message, True


def _clean_name(name: str, checked: CheckedFile | None) -> str:
    """The name shown for a file: the sender's words, with the extension of what it is."""
    if checked is None:
        return ""
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0].strip()
    base = re.sub(r"[^\w .()-]+", "_", base)[:150] or _("file")
    return f"{base}.{checked.extension}"


# --- Read receipts ---------------------------------------------------------------------------


def check_mark_read(user: User, *, conversation_id: int, up_to_message_id: int) -> int:
    """Move ``user``'s read marker forward (never back) and tell the others and their tabs.

    Returns the new marker. Ids beyond the conversation's newest message are clamped.
    """
    conversation = selectors.access_conversation(user, conversation_id)
    if not isinstance(up_to_message_id, int) or isinstance(up_to_message_id, bool):
        raise ValidationError(_("Give the number of a message."), code="invalid")
    return do_mark_read(user, conversation=conversation, up_to_message_id=up_to_message_id)


def do_mark_read(user: User, *, conversation: Conversation, up_to_message_id: int) -> int:
    up_to = min(up_to_message_id, conversation.last_message_id)
    moved = Participant.objects.filter(
        conversation=conversation, user=user, last_read_message_id__lt=up_to
    ).update(last_read_message_id=up_to)
    participant = Participant.objects.get(conversation=conversation, user=user)
    if not moved:
        return participant.last_read_message_id
    payload = {
        "conversation_id": conversation.pk,
        "user_id": user.pk,
        "last_read_message_id": participant.last_read_message_id,
    }
    send_event(events.MESSAGE_READ, [user.pk], {**payload, "unread_count": unread_total(user)})
    others = (
        Participant.objects.filter(conversation=conversation, left_at__isnull=True)
        .exclude(user=user)
        .exclude(user_id__in=blocked_user_ids(user))
        .filter(Q(user__is_active=True))
        .select_related("user")
    )
    for other in others:
        send_event(
            events.MESSAGE_READ,
            [other.user_id],
            {**payload, "unread_count": unread_total(other.user)},
        )
    return participant.last_read_message_id


def unread_total(user: User) -> int:
    return selectors.unread_total(user)
