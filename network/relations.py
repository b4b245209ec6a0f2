"""Who is linked to whom: connections, blocks, and who may write to whom.

The one place these rules live. Feed, messaging, contact requests, search and endorsements
ask here; the functions returning querysets of user ids are meant to be used as subqueries
(``id__in=...``) so a page asks the database once, whatever the number of links.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .models import Block, Connection, Mentorship, Role, User
from .privacy import followed_mentorships


def blocked_user_ids(user: User) -> QuerySet:
    """Ids of everyone ``user`` blocked or was blocked by (a subquery)."""
    made = Block.objects.filter(blocker=user).values("blocked_id")
    received = Block.objects.filter(blocked=user).values("blocker_id")
    return User.objects.filter(Q(id__in=made) | Q(id__in=received)).values("id")


def is_blocked_between(a: User | int, b: User | int) -> bool:
    """Whether either of ``a`` and ``b`` blocked the other."""
    a_id = getattr(a, "pk", a)
    b_id = getattr(b, "pk", b)
    return Block.objects.filter(
        Q(blocker_id=a_id, blocked_id=b_id) | Q(blocker_id=b_id, blocked_id=a_id)
    ).exists()


def connection_between(a: User | int, b: User | int) -> Connection | None:
    """The connection row of the pair, whoever asked, accepted or pending."""
    a_id = getattr(a, "pk", a)
    b_id = getattr(b, "pk", b)
    return Connection.objects.filter(
        Q(requester_id=a_id, addressee_id=b_id) | Q(requester_id=b_id, addressee_id=a_id)
    ).first()


def are_connected(a: User | int, b: User | int) -> bool:
    connection = connection_between(a, b)
    return connection is not None and connection.status == Connection.Status.ACCEPTED


def connected_user_ids(user: User) -> QuerySet:
    """Ids of ``user``'s accepted connections (a subquery)."""
    accepted = Connection.objects.filter(status=Connection.Status.ACCEPTED)
    asked = accepted.filter(requester=user).values("addressee_id")
    answered = accepted.filter(addressee=user).values("requester_id")
    return User.objects.filter(Q(id__in=asked) | Q(id__in=answered)).values("id")


def mentored_youth_ids(mentor: User) -> QuerySet:
    """Ids of the youths ``mentor`` follows (own or shared follow-ups, active only)."""
    return followed_mentorships(mentor).values("youth_id")


def mentor_ids_of(youth: User) -> QuerySet:
    """Ids of the mentors with an active mentorship of ``youth``."""
    return Mentorship.objects.filter(youth=youth, status=Mentorship.Status.ACTIVE).values(
        "mentor_id"
    )


def is_mentor_pair(a: User, b: User) -> bool:
    """Whether one of ``a`` and ``b`` follows the other as a mentor (active, own or shared)."""
    return (a.role == Role.MENTOR and followed_mentorships(a).filter(youth=b).exists()) or (
        b.role == Role.MENTOR and followed_mentorships(b).filter(youth=a).exists()
    )


def message_refusal(sender: User, recipient: User) -> str | None:
    """Why ``sender`` may not start writing to ``recipient``, or ``None`` if they may.

    Rules (DESIGN.md, safeguarding): nobody writes to someone who blocked them or whom they
    blocked; people write to their connections and between a mentor and the youths they
    follow. A recruiter never writes to a youth directly: a conversation with a youth opens
    only from an accepted contact request (``network/contact.py``), which this function does
    not cover. Everyone else, and so every adult who is neither a connection nor a mentor of a
    minor, is refused.
    """
    if sender.pk == recipient.pk:
        return _("You cannot write to yourself.")
    if not recipient.is_active:
        return _("This account is no longer active.")
    if is_blocked_between(sender, recipient):
        return _("You cannot write to this person: one of you blocked the other.")
    if are_connected(sender, recipient) or is_mentor_pair(sender, recipient):
        return None
    if Role.RECRUITER in (sender.role, recipient.role) and Role.YOUTH in (
        sender.role,
        recipient.role,
    ):
        return _("A recruiter and a young person talk only after a contact request is accepted.")
    if recipient.is_minor:
        return _(
            "To protect people under 18, only their connections and mentors can write to them."
        )
    return _("You can write to your connections and mentors. Send a connection request first.")
