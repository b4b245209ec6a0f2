"""Reads of the network app that depend on who is asking."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from .models import Membership, Notification, Organisation, User

NOTIFICATION_PAGE_SIZE = 20


@dataclass(frozen=True)
class NotificationSummary:
    unread_count: int
    last_id: int


def notification_summary(user: User) -> NotificationSummary:
    """Unread count and newest id, in one query (shown on every page)."""
    summary = Notification.objects.filter(recipient=user).aggregate(
        unread=Count("pk", filter=Q(read_at__isnull=True)), last=Max("pk")
    )
    return NotificationSummary(unread_count=summary["unread"], last_id=summary["last"] or 0)


def unread_notification_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def list_notifications(user: User, *, before_id: int | None = None) -> QuerySet[Notification]:
    """The user's notifications, newest first, one page before ``before_id`` (a cursor)."""
    notifications = Notification.objects.filter(recipient=user)
    if before_id is not None:
        notifications = notifications.filter(pk__lt=before_id)
    return notifications.order_by("-id")[:NOTIFICATION_PAGE_SIZE]


def notifications_since(user: User, *, after_id: int) -> QuerySet[Notification]:
    """What a reconnecting client missed: the user's notifications after ``after_id``."""
    return Notification.objects.filter(recipient=user, pk__gt=after_id).order_by("id")[:100]


def access_notification(user: User, notification_id: int) -> Notification:
    try:
        return Notification.objects.get(pk=notification_id, recipient=user)
    except Notification.DoesNotExist:
        # Someone else's notification is reported as missing, not as forbidden: its
        # existence is none of the asker's business.
        raise Http404 from None


def list_memberships(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def access_organisation(user: User, organisation_id: int) -> Organisation:
    """Any logged-in person may see an organisation's public card."""
    try:
        return Organisation.objects.get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404 from None


def list_organisation_members(user: User, organisation: Organisation) -> QuerySet[Membership]:
    """The members of ``organisation``, for its own members and staff; nobody else."""
    is_member = organisation.memberships.filter(user=user).exists()
    if not (is_member or user.is_staff):
        return Membership.objects.none()
    return (
        Membership.objects.filter(organisation=organisation, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
