"""Reads of conversations and messages, always for the person asking.

Blocking hides both sides from each other: a direct conversation with a blocked person
disappears, and in a group the messages of a blocked (or blocking) member are left out.
Messages hidden by moderation and messages of suspended accounts are left out too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Conversation, Message, Participant, Role, User
from .relations import (
    blocked_user_ids,
    connected_user_ids,
    mentor_ids_of,
    mentored_youth_ids,
)

#: Newest messages shown when a conversation opens; older ones come page by page.
PAGE_SIZE = 30
#: At most this many messages per catch-up answer; the client asks again from the last id.
SINCE_LIMIT = 200


def deleted_account_name() -> str:
    return _("Deleted account")


def shown_name(user: User | None, *, for_recruiter: bool = False) -> str:
    """The name shown in conversations. Minors are never named to recruiters (DESIGN.md)."""
    if user is None:
        return deleted_account_name()
    if for_recruiter and user.is_minor:
        return _("A young person on AcroJump")
    return user.display_name


def visible_messages(user: User) -> QuerySet[Message]:
    """Messages ``user`` may see, wherever they are: not hidden by moderation, not from
    someone blocked either way, not from a suspended account (their own always)."""
    return (
        Message.objects.filter(hidden_at__isnull=True)
        .exclude(sender_id__in=blocked_user_ids(user))
        .filter(Q(sender__isnull=True) | Q(sender__is_active=True) | Q(sender=user))
        .select_related("sender")
    )


def _my_conversations(user: User) -> QuerySet[Conversation]:
    return Conversation.objects.filter(
        pk__in=Participant.objects.filter(user=user, left_at__isnull=True).values("conversation_id")
    )


def access_conversation(user: User, conversation_id: int, *, lock: bool = False) -> Conversation:
    """The conversation if ``user`` takes part in it, else 404 (ids of others reveal nothing).

    A direct conversation with someone blocked either way stays reachable by its address,
    so that sending there is refused with the reason; lists leave it out and its page
    shows none of the other side's messages (``visible_messages``).
    """
    conversations = _my_conversations(user)
    if lock:
        conversations = conversations.select_for_update()
    conversation = conversations.filter(pk=conversation_id).first()
    if conversation is None:
        raise Http404
    return conversation


@dataclass(frozen=True)
class Members:
    """A conversation as its sender needs it: the conversation and who is in it now."""

    conversation: Conversation
    #: The other participants still in it, with their accounts.
    others: list[User]


def access_members(user: User, conversation_id: int) -> Members:
    """The conversation and its current participants, if ``user`` takes part (else 404).

    One query, for the send path: the same rule as ``access_conversation``."""
    participants = list(
        Participant.objects.filter(conversation_id=conversation_id, left_at__isnull=True)
        .select_related("conversation", "user")
        .order_by("id")
    )
    if not any(participant.user_id == user.pk for participant in participants):
        raise Http404
    return Members(
        conversation=participants[0].conversation,
        others=[p.user for p in participants if p.user_id != user.pk],
    )


def access_message_attachment(user: User, message_id: int) -> Message:
    """A message with a file, if ``user`` takes part in its conversation and may see it."""
    message = (
        visible_messages(user)
        .filter(pk=message_id, conversation__in=_my_conversations(user))
        .exclude(attachment="")
        .first()
    )
    if message is None:
        raise Http404
    return message


def participants_of(conversation: Conversation) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(conversation=conversation, left_at__isnull=True)
        .select_related("user")
        .order_by("pk")
    )


def _unread_messages(user: User) -> QuerySet[Message]:
    """Messages from others that ``user`` has not read, in all their conversations."""
    return (
        visible_messages(user)
        .filter(
            conversation__participants__user=user,
            conversation__participants__left_at__isnull=True,
            id__gt=F("conversation__participants__last_read_message_id"),
        )
        .exclude(sender=user)
    )


def unread_total(user: User) -> int:
    return _unread_messages(user).count()


def conversations_for(user: User) -> list[Conversation]:
    """``user``'s conversations, newest activity first, in two queries whatever their number.

    Each has ``others`` (the other participants, with their users), ``unread`` (messages
    from others not read yet) and the newest message ``user`` may see: ``last_text``,
    ``last_sender_id``, ``last_attachment_name``, ``last_id``.
    """
    blocked = blocked_user_ids(user)
    mine = Participant.objects.filter(conversation=OuterRef("pk"), user=user)
    visible_here = visible_messages(user).filter(conversation=OuterRef("pk"))
    newest = visible_here.order_by("-id")
    unread = (
        visible_messages(user)
        .filter(conversation=OuterRef("pk"), id__gt=OuterRef("my_last_read"))
        .exclude(sender=user)
        .order_by()
        .values("conversation")
        .annotate(count=Count("id"))
        .values("count")
    )
    conversations = (
        _my_conversations(user)
        .exclude(Q(kind=Conversation.Kind.DIRECT) & Q(participants__user_id__in=blocked))
        .annotate(my_last_read=Subquery(mine.values("last_read_message_id")[:1]))
        .annotate(
            unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
            last_id=Subquery(newest.values("id")[:1]),
            last_text=Subquery(newest.values("text")[:1]),
            last_sender_id=Subquery(newest.values("sender_id")[:1]),
            last_attachment_name=Subquery(newest.values("attachment_name")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(left_at__isnull=True)
                .exclude(user=user)
                .select_related("user")
                .order_by("pk"),
                to_attr="others",
            )
        )
        .order_by("-last_message_id", "-pk")
    )
    result = list(conversations)
    for conversation in result:
        conversation.display_title = conversation_title(user, conversation, conversation.others)
    return result


def conversation_title(viewer: User, conversation: Conversation, others: list[Participant]) -> str:
    """A group's name, or the other person's name for a direct conversation."""
    if conversation.kind == Conversation.Kind.GROUP and conversation.title:
        return conversation.title
    for_recruiter = viewer.role == Role.RECRUITER
    names = [shown_name(p.user, for_recruiter=for_recruiter) for p in others]
    return ", ".join(names) or deleted_account_name()


@dataclass(frozen=True)
class MessagePage:
    messages: list[Message]
    has_older: bool


def messages_page(
    user: User, conversation: Conversation, *, before: int | None = None, limit: int = PAGE_SIZE
) -> MessagePage:
    """A page of the conversation, oldest first; ``before`` (a message id) for older pages."""
    messages = visible_messages(user).filter(conversation=conversation)
    if before is not None:
        messages = messages.filter(id__lt=before)
    newest_first = list(messages.order_by("-id")[: limit + 1])
    return MessagePage(messages=newest_first[:limit][::-1], has_older=len(newest_first) > limit)


def messages_since(user: User, *, after: int, limit: int = SINCE_LIMIT) -> list[Message]:
    """Everything newer than ``after`` in ``user``'s conversations (for reconnecting tabs)."""
    return list(
        visible_messages(user)
        .filter(conversation__in=_my_conversations(user), id__gt=after)
        .order_by("id")[:limit]
    )


def message_candidates(user: User) -> QuerySet[User]:
    """People ``user`` may start writing to: connections, and mentors and their youths."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(id__in=connected_user_ids(user))
            | Q(id__in=mentored_youth_ids(user))
            | Q(id__in=mentor_ids_of(user))
        )
        .exclude(id__in=blocked_user_ids(user))
        .exclude(pk=user.pk)
        .order_by("first_name", "last_name", "pk")
    )
