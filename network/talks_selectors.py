"""Reads of discovery talks and counsellor appointments that depend on who asks.

``access_*`` return the object or raise ``Http404``: a slot or booking someone may not act on
does not exist for them. List selectors come with their joins set, one query per list.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import Booking, Role, Slot, User
from .privacy import is_linked_mentor
from .relations import blocked_user_ids, mentor_ids_of

#: Bookings that hold the slot: a cancelled one frees it (same rule as the DB constraint).
LIVE_STATUSES = (Booking.Status.REQUESTED, Booking.Status.CONFIRMED, Booking.Status.DONE)
#: Bookings still ahead of both people.
OPEN_STATUSES = (Booking.Status.REQUESTED, Booking.Status.CONFIRMED)
#: A professional met in a discovery talk may endorse the youth for this long afterwards.
ENDORSING_WINDOW = datetime.timedelta(days=90)


def ends_at(slot: Slot) -> datetime.datetime:
    return slot.starts_at + datetime.timedelta(minutes=slot.duration_minutes)


def can_offer_talks(user: User) -> bool:
    """Any active adult member who is not a youth explains their job."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role in (Role.MENTOR, Role.RECRUITER, Role.STAFF)
    )


def can_offer_appointments(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.MENTOR


def _live_booking() -> Exists:
    return Exists(Booking.objects.filter(slot=OuterRef("pk"), status__in=LIVE_STATUSES))


def free_talk_slots(
    viewer: User | None,
    *,
    occupation_id: int | None = None,
    mode: str = "",
    now: datetime.datetime | None = None,
) -> QuerySet[Slot]:
    """Upcoming discovery talks nobody booked yet, hosts active and not blocked either way."""
    now = now or timezone.now()
    slots = (
        Slot.objects.filter(
            kind=Slot.Kind.DISCOVERY_TALK,
            starts_at__gt=now,
            cancelled_at__isnull=True,
            host__is_active=True,
        )
        .exclude(_live_booking())
        .select_related("host", "occupation")
        .order_by("starts_at", "id")
    )
    if viewer is not None and viewer.is_authenticated:
        slots = slots.exclude(host_id__in=blocked_user_ids(viewer)).exclude(host=viewer)
    if occupation_id:
        slots = slots.filter(occupation_id=occupation_id)
    if mode:
        slots = slots.filter(mode=mode)
    return slots


def occupation_talk_hosts(
    viewer: User | None, occupation_id: int | None, *, now: datetime.datetime | None = None
) -> list[dict]:
    """The professionals offering free upcoming talks about an occupation, each with their
    next slot (for the occupation page). One query."""
    if occupation_id is None:
        return []
    hosts: dict[int, dict] = {}
    for slot in free_talk_slots(viewer, occupation_id=occupation_id, now=now)[:100]:
        entry = hosts.setdefault(slot.host_id, {"host": slot.host, "next_slot": slot, "count": 0})
        entry["count"] += 1
    return list(hosts.values())


def appointment_slots_for(youth: User, *, now: datetime.datetime | None = None) -> QuerySet[Slot]:
    """Free upcoming appointment slots of the counsellors who follow ``youth``."""
    now = now or timezone.now()
    return (
        Slot.objects.filter(
            kind=Slot.Kind.APPOINTMENT,
            host_id__in=mentor_ids_of(youth),
            starts_at__gt=now,
            cancelled_at__isnull=True,
            host__is_active=True,
        )
        .exclude(_live_booking())
        .exclude(host_id__in=blocked_user_ids(youth))
        .select_related("host")
        .order_by("starts_at", "id")
    )


def host_slots(host: User, *, now: datetime.datetime | None = None) -> QuerySet[Slot]:
    """The host's slots from yesterday on, with their bookings (latest first) and youths."""
    now = now or timezone.now()
    return (
        Slot.objects.filter(host=host, starts_at__gte=now - datetime.timedelta(days=1))
        .select_related("occupation")
        .prefetch_related(
            Prefetch(
                "bookings",
                queryset=Booking.objects.select_related("youth").order_by("-created_at", "-id"),
            )
        )
        .order_by("starts_at", "id")
    )


def access_own_slot(host: User, slot_id: int, *, lock: bool = False) -> Slot:
    slots = Slot.objects.filter(host=host)
    if lock:
        slots = slots.select_for_update()
    try:
        return slots.get(pk=slot_id)
    except Slot.DoesNotExist:
        raise Http404 from None


def access_bookable_slot(youth: User, slot_id: int, *, lock: bool = False) -> Slot:
    """A slot ``youth`` may see to book: a talk, or an appointment of their own counsellor.
    Others' appointments and hosts blocked either way are 404."""
    slots = Slot.objects.select_related("host", "occupation").exclude(
        host_id__in=blocked_user_ids(youth)
    )
    if lock:
        slots = slots.select_for_update(of=("self",))
    try:
        slot = slots.get(pk=slot_id, host__is_active=True)
    except Slot.DoesNotExist:
        raise Http404 from None
    if slot.kind == Slot.Kind.APPOINTMENT and not is_linked_mentor(slot.host, youth):
        raise Http404
    return slot


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related("slot", "slot__host", "slot__occupation", "youth")


def access_booking(user: User, booking_id: int, *, lock: bool = False) -> Booking:
    """A booking ``user`` is one of the two people of (the youth or the host), else 404."""
    if not user.is_authenticated:
        raise Http404
    bookings = _bookings().filter(Q(youth=user) | Q(slot__host=user))
    if lock:
        bookings = bookings.select_for_update(of=("self",))
    try:
        return bookings.get(pk=booking_id)
    except Booking.DoesNotExist:
        raise Http404 from None


def access_hosted_booking(host: User, booking_id: int, *, lock: bool = False) -> Booking:
    """A booking of one of ``host``'s slots, else 404 (only the host confirms or declines)."""
    if not host.is_authenticated:
        raise Http404
    bookings = _bookings().filter(slot__host=host)
    if lock:
        bookings = bookings.select_for_update(of=("self",))
    try:
        return bookings.get(pk=booking_id)
    except Booking.DoesNotExist:
        raise Http404 from None


def youth_bookings(youth: User, *, now: datetime.datetime | None = None) -> QuerySet[Booking]:
    """The youth's bookings from a month ago on."""
    now = now or timezone.now()
    return (
        _bookings()
        .filter(youth=youth, slot__starts_at__gte=now - datetime.timedelta(days=30))
        .order_by("slot__starts_at", "id")
    )


def has_done_talk_with(host: User, youth: User, *, now: datetime.datetime | None = None) -> bool:
    """Whether ``host`` held a discovery talk with ``youth`` (marked done) in the last 90
    days: what they saw gives them the right to endorse the youth's skills."""
    now = now or timezone.now()
    return Booking.objects.filter(
        youth=youth,
        slot__host=host,
        slot__kind=Slot.Kind.DISCOVERY_TALK,
        status=Booking.Status.DONE,
        slot__starts_at__gte=now - ENDORSING_WINDOW,
    ).exists()


def bookings_to_remind(now: datetime.datetime) -> QuerySet[Booking]:
    """Confirmed bookings starting within 24 h, not reminded yet."""
    return _bookings().filter(
        status=Booking.Status.CONFIRMED,
        reminded_at__isnull=True,
        slot__starts_at__gt=now,
        slot__starts_at__lte=now + datetime.timedelta(hours=24),
        slot__cancelled_at__isnull=True,
    )
