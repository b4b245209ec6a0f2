"""Reads of connections and organisation follows that depend on who asks."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Connection, Organisation, OrganisationFollow, User
from .relations import blocked_user_ids


def access_connection(user: User, connection_id: int, *, lock: bool = False) -> Connection:
    """A connection (accepted or pending) ``user`` is one side of; 404 for anyone else."""
    rows = Connection.objects.filter(Q(requester=user) | Q(addressee=user), pk=connection_id)
    if lock:
        # Only the connection row: the people's rows stay free for their other requests.
        rows = rows.select_for_update(of=("self",))
    connection = rows.select_related("requester", "addressee").first()
    if connection is None:
        raise Http404
    return connection


def _visible(rows: QuerySet[Connection], user: User) -> QuerySet[Connection]:
    """Without the pairs hidden by a block or a suspended account."""
    blocked = blocked_user_ids(user)
    return (
        rows.filter(requester__is_active=True, addressee__is_active=True)
        .exclude(requester_id__in=blocked)
        .exclude(addressee_id__in=blocked)
        .select_related("requester", "addressee")
    )


def list_connections(user: User) -> QuerySet[Connection]:
    """``user``'s accepted connections, newest first (one query)."""
    rows = Connection.objects.filter(
        Q(requester=user) | Q(addressee=user), status=Connection.Status.ACCEPTED
    )
    return _visible(rows, user).order_by("-responded_at", "-id")


def list_received_requests(user: User) -> QuerySet[Connection]:
    rows = Connection.objects.filter(addressee=user, status=Connection.Status.PENDING)
    return _visible(rows, user).order_by("-id")


def list_sent_requests(user: User) -> QuerySet[Connection]:
    rows = Connection.objects.filter(requester=user, status=Connection.Status.PENDING)
    return _visible(rows, user).order_by("-id")


def access_person(user: User, person_id: int) -> User:
    """Someone ``user`` could ask to connect: active, not blocked either way; 404 otherwise."""
    person = (
        User.objects.filter(pk=person_id, is_active=True)
        .exclude(pk__in=blocked_user_ids(user))
        .first()
    )
    if person is None:
        raise Http404
    return person


@dataclass(frozen=True)
class FollowState:
    organisation: Organisation
    following: bool
    is_member: bool


def follow_state(user: User, organisation: Organisation) -> FollowState:
    return FollowState(
        organisation=organisation,
        following=OrganisationFollow.objects.filter(user=user, organisation=organisation).exists(),
        is_member=organisation.memberships.filter(user=user).exists(),
    )
