"""The network's part of the personal-data export (see ``skills.export``): connections,
organisations followed, the feed (posts, comments, bravos), conversations and messages,
contact requests, and the blocks and reports the person made.

Imported by ``NetworkConfig.ready()``, which registers the sections. Each one reads only
what is the person's: their own rows, and what other people sent them (messages, contact
requests). Left out on purpose: blocks and reports made by others about the person, and
moderation internals (moderators' notes, excerpts kept for the moderation queue).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from skills.export import export_section

from .models import (
    Block,
    Bravo,
    Comment,
    Connection,
    ContactRequest,
    Conversation,
    Message,
    OrganisationFollow,
    Participant,
    Post,
    Report,
    Role,
    User,
)


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _name(person: User | None, *, viewer: User) -> str:
    """How another person is named in ``viewer``'s export: as the site names them to the
    viewer (a minor is never named to a recruiter; a deleted account has no name)."""
    if person is None:
        return _("Deleted account")
    if viewer.role == Role.RECRUITER and person.pk != viewer.pk and person.is_minor:
        return _("A young person on AcroJump")
    return person.display_name


@export_section("connections", title=_lazy("Connections"))
def _connections(user: User) -> list[dict[str, Any]]:
    connections = (
        Connection.objects.filter(Q(requester=user) | Q(addressee=user))
        .select_related("requester", "addressee")
        .order_by("id")
    )
    return [
        {
            "person": _name(
                connection.addressee
                if connection.requester_id == user.pk
                else connection.requester,
                viewer=user,
            ),
            "asked_by_me": connection.requester_id == user.pk,
            "status": connection.status,
            "status_label": str(connection.get_status_display()),
            "message": connection.message,
            "created_at": _iso(connection.created_at),
            "responded_at": _iso(connection.responded_at),
        }
        for connection in connections
    ]


@export_section("organisations_followed", title=_lazy("Organisations I follow"))
def _organisations_followed(user: User) -> list[dict[str, Any]]:
    follows = (
        OrganisationFollow.objects.filter(user=user).select_related("organisation").order_by("id")
    )
    return [
        {
            "organisation": follow.organisation.name,
            "town": follow.organisation.town,
            "created_at": _iso(follow.created_at),
        }
        for follow in follows
    ]


@export_section("posts", title=_lazy("My posts"))
def _posts(user: User) -> list[dict[str, Any]]:
    posts = Post.objects.filter(author=user).select_related("organisation").order_by("id")
    return [
        {
            "id": post.pk,
            "text": post.text,
            "organisation": post.organisation.name if post.organisation else None,
            "image_file": post.image.name if post.image else None,
            "image_description": post.image_description,
            "link": post.link,
            "created_at": _iso(post.created_at),
            "edited_at": _iso(post.edited_at),
            "hidden_at": _iso(post.hidden_at),
        }
        for post in posts
    ]


@export_section("comments", title=_lazy("My comments"))
def _comments(user: User) -> list[dict[str, Any]]:
    return [
        {
            "text": comment.text,
            "activity_id": comment.activity_id,
            "created_at": _iso(comment.created_at),
            "hidden_at": _iso(comment.hidden_at),
        }
        for comment in Comment.objects.filter(author=user).order_by("id")
    ]


@export_section("bravos", title=_lazy("Bravos I gave"))
def _bravos(user: User) -> list[dict[str, Any]]:
    return [
        {"activity_id": bravo.activity_id, "created_at": _iso(bravo.created_at)}
        for bravo in Bravo.objects.filter(user=user).order_by("id")
    ]


@export_section("conversations", title=_lazy("Conversations and messages"))
def _conversations(user: User) -> list[dict[str, Any]]:
    """The person's conversations with every message they sent or could read.

    Messages hidden by moderation are left out, except the person's own (they wrote them).
    """
    messages = (
        Message.objects.filter(Q(hidden_at__isnull=True) | Q(sender=user))
        .select_related("sender")
        .order_by("id")
    )
    participations = (
        Participant.objects.filter(user=user)
        .select_related("conversation")
        .prefetch_related(
            Prefetch(
                "conversation__participants",
                queryset=Participant.objects.select_related("user").order_by("id"),
            ),
            Prefetch("conversation__messages", queryset=messages),
        )
        .order_by("conversation_id")
    )
    conversations = []
    for participation in participations:
        conversation: Conversation = participation.conversation
        conversations.append(
            {
                "id": conversation.pk,
                "kind": conversation.kind,
                "kind_label": str(conversation.get_kind_display()),
                "title": conversation.title,
                "participants": [
                    _name(other.user, viewer=user)
                    for other in conversation.participants.all()
                    if other.user_id != user.pk
                ],
                "joined_at": _iso(participation.joined_at),
                "left_at": _iso(participation.left_at),
                "messages": [
                    {
                        "from": _name(message.sender, viewer=user),
                        "from_me": message.sender_id == user.pk,
                        "text": message.text,
                        "attachment": message.attachment_name or None,
                        "sent_at": _iso(message.created_at),
                    }
                    for message in conversation.messages.all()
                ],
            }
        )
    return conversations


def _contact_request_data(request: ContactRequest, *, viewer: User) -> dict[str, Any]:
    return {
        "recruiter": _name(request.recruiter, viewer=viewer),
        "youth": _name(request.youth, viewer=viewer),
        "subject": request.subject,
        "message": request.message,
        "status": request.status,
        "status_label": str(request.get_status_display()),
        "created_at": _iso(request.created_at),
        "responded_at": _iso(request.responded_at),
    }


@export_section("contact_requests", title=_lazy("Contact requests"))
def _contact_requests(user: User) -> dict[str, Any]:
    """Requests the person sent (recruiters), received (youths) or reviewed as a mentor."""
    requests = (
        ContactRequest.objects.filter(Q(recruiter=user) | Q(youth=user) | Q(mentor=user))
        .select_related("recruiter", "youth")
        .order_by("id")
    )
    sent, received, reviewed = [], [], []
    for request in requests:
        if request.recruiter_id == user.pk:
            sent.append(_contact_request_data(request, viewer=user))
        if request.youth_id == user.pk:
            received.append(
                {
                    **_contact_request_data(request, viewer=user),
                    "mentor_note": request.mentor_note,
                    "mentor_decided_at": _iso(request.mentor_decided_at),
                }
            )
        if request.mentor_id == user.pk:
            reviewed.append(
                {
                    **_contact_request_data(request, viewer=user),
                    "my_note": request.mentor_note,
                    "decided_at": _iso(request.mentor_decided_at),
                }
            )
    return {"sent": sent, "received": received, "reviewed_as_mentor": reviewed}


@export_section("blocks", title=_lazy("People I blocked"))
def _blocks(user: User) -> list[dict[str, Any]]:
    # Only the blocks the person made: who blocked them is not theirs to know.
    blocks = Block.objects.filter(blocker=user).select_related("blocked").order_by("id")
    return [
        {"person": _name(block.blocked, viewer=user), "created_at": _iso(block.created_at)}
        for block in blocks
    ]


@export_section("reports", title=_lazy("My reports"))
def _reports(user: User) -> list[dict[str, Any]]:
    # Only what the person wrote and where it stands; never reports about them nor the
    # moderators' notes and excerpts.
    return [
        {
            "about": str(report.get_target_type_display()),
            "reason": str(report.get_reason_display()),
            "details": report.details,
            "status": report.status,
            "status_label": str(report.get_status_display()),
            "created_at": _iso(report.created_at),
            "handled_at": _iso(report.handled_at),
        }
        for report in Report.objects.filter(reporter=user).order_by("id")
    ]
