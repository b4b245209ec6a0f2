"""Writes of discovery talks and counsellor appointments: time slots, bookings, reminders.

A professional (any adult member who is not a youth) offers discovery-talk slots about their
job; a counsellor (mentor) also offers appointment slots that only the youths they follow can
book. A youth books a slot (status requested), the host confirms or declines, either side
cancels, and after the talk the host marks it done: it enters the youth's path (a feed
milestone) and the host may endorse the youth's skills for 90 days
(``skills.endorsement_selectors.endorsing_rights``).

Safeguarding: a minor may book a discovery talk with a professional they do not know yet
(that is the point of it), so every such booking is also told to the minor's active mentors:
an adult who knows them is aware of the meeting, its time and its host.

``do_*`` functions write and schedule side effects, assuming permission was checked;
``check_*`` functions validate input and permission (``PermissionDenied``, ``Http404`` or
``TalkError`` with a message for the person), then call ``do_*``. Every step tells the other
side: a live notification and an e-mail, both after commit; confirmations and reminders carry
the calendar file. ``now`` is a parameter so tests set the time explicitly.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from . import ics, notification_kinds
from . import notification_kinds_talks as kinds
from .actions import do_notify
from .feed import do_record_activity
from .models import Activity, Booking, MeetingMode, Role, Slot, User, Visibility, YouthProfile
from .privacy import effective_visibility, is_linked_mentor
from .relations import is_blocked_between, mentor_ids_of
from .talks_selectors import (
    OPEN_STATUSES,
    access_bookable_slot,
    access_booking,
    access_hosted_booking,
    access_own_slot,
    bookings_to_remind,
    can_offer_appointments,
    can_offer_talks,
    ends_at,
)

logger = logging.getLogger(__name__)

MIN_MINUTES = 15
MAX_MINUTES = 180
WHERE_MAX_LENGTH = 300
TOPIC_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 500
#: Slots are offered at most this far ahead: a calendar, not a promise for next year.
MAX_AHEAD = datetime.timedelta(days=365)
TALK = "talk"


class TalkError(Exception):
    """Input or state the person can fix or understand; the message is for them."""


# --- Side effects ----------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_after_commit(message: EmailMessage) -> None:
    """Like ``emails.send_after_commit``, with attachments: a failing mail server is logged,
    never an error for a request already committed."""

    def send() -> None:
        try:
            message.send()
        except Exception:
            logger.exception("E-mail %r to %s not sent", message.subject, message.to)

    transaction.on_commit(send)


def do_tell(
    recipient: User,
    *,
    kind: str,
    params: dict,
    url: str,
    booking: Booking | None = None,
) -> None:
    """Notify ``recipient`` live and by e-mail in their language; with ``booking``, the
    e-mail carries its calendar file."""
    notification = do_notify(recipient, kind=kind, params=params, url=url)
    with translation.override(recipient.language or "fr"):
        text = notification_kinds.notification_text(notification)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Your meetings on AcroJump")
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": recipient.first_name or recipient.display_name},
                text,
                _("See it on AcroJump: %(url)s") % {"url": _absolute(url or "/")},
            ]
        )
        message = EmailMessage(subject, body, None, [recipient.email])
        if booking is not None:
            message.attach(ics.filename(booking), ics.booking_calendar(booking), ics.CONTENT_TYPE)
    _send_after_commit(message)


def _params(other: User, slot: Slot, **extra: str) -> dict:
    return {"name": other.display_name, "when": slot.starts_at.isoformat(), **extra}


def _agenda() -> str:
    return reverse("network:agenda")


# --- Slots -----------------------------------------------------------------------------------


def check_offer_slot(
    host: User,
    *,
    kind: str,
    starts_at: datetime.datetime,
    duration_minutes: int,
    mode: str,
    where: str,
    topic: str = "",
    occupation: object | None = None,
    now: datetime.datetime | None = None,
) -> Slot:
    """A professional offers a discovery-talk slot; a counsellor also an appointment slot.

    Refused: youths, past or far dates, durations outside 15..180 minutes, no place/phone/
    link, and a slot overlapping another live slot of the same host.
    """
    now = now or timezone.now()
    if kind not in Slot.Kind.values:
        raise TalkError(_("Choose a discovery talk or an appointment."))
    if kind == Slot.Kind.APPOINTMENT and not can_offer_appointments(host):
        raise PermissionDenied(_("Only counsellors offer appointments to the youths they follow."))
    if not can_offer_talks(host):
        raise PermissionDenied(_("Only professionals and counsellors offer time slots."))
    if mode not in MeetingMode.values:
        raise TalkError(_("Choose phone, video call or in person."))
    where = (where or "").strip()
    topic = (topic or "").strip()
    if not where:
        raise TalkError(_("Say where you meet: an address, a phone number or a video link."))
    if len(where) > WHERE_MAX_LENGTH or len(topic) > TOPIC_MAX_LENGTH:
        raise TalkError(_("This text is too long."))
    if not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        raise TalkError(
            _("A time slot lasts between %(min)d and %(max)d minutes.")
            % {"min": MIN_MINUTES, "max": MAX_MINUTES}
        )
    if starts_at <= now:
        raise TalkError(_("This date is in the past. Choose a date to come."))
    if starts_at > now + MAX_AHEAD:
        raise TalkError(_("Offer time slots within the next twelve months."))
    if kind == Slot.Kind.DISCOVERY_TALK and occupation is None and not topic:
        raise TalkError(_("Choose the job you talk about, or write the topic."))
    with transaction.atomic():
        # Locks the host's row: two forms sent at once cannot both pass the overlap check.
        User.objects.select_for_update().filter(pk=host.pk).first()
        ends = starts_at + datetime.timedelta(minutes=duration_minutes)
        for other in Slot.objects.filter(
            host=host,
            cancelled_at__isnull=True,
            starts_at__lt=ends,
            starts_at__gt=starts_at - datetime.timedelta(minutes=MAX_MINUTES),
        ):
            if ends_at(other) > starts_at:
                raise TalkError(
                    _("You already offer a time slot at %(time)s that overlaps this one.")
                    % {"time": timezone.localtime(other.starts_at).strftime("%d/%m %H:%M")}
                )
        return do_offer_slot(
            host,
            kind=kind,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            mode=mode,
            where=where,
            topic=topic,
            occupation=occupation,
        )


def do_offer_slot(
    host: User,
    *,
    kind: str,
    starts_at: datetime.datetime,
    duration_minutes: int,
    mode: str,
    where: str,
    topic: str,
    occupation: object | None,
) -> Slot:
    return Slot.objects.create(
        host=host,
        kind=kind,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        mode=mode,
        where=where,
        topic=topic,
        occupation=occupation,
    )


def check_cancel_slot(host: User, *, slot_id: int, now: datetime.datetime | None = None) -> Slot:
    """The host withdraws a slot (404 for anybody else); its open booking is cancelled and
    the youth told."""
    with transaction.atomic():
        slot = access_own_slot(host, slot_id, lock=True)
        if slot.cancelled_at is not None:
            raise TalkError(_("This time slot is already cancelled."))
        return do_cancel_slot(host, slot=slot, now=now or timezone.now())


def do_cancel_slot(host: User, *, slot: Slot, now: datetime.datetime) -> Slot:
    slot.cancelled_at = now
    slot.save(update_fields=["cancelled_at"])
    for booking in slot.bookings.filter(status__in=OPEN_STATUSES).select_related("youth"):
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.cancelled_by = host
        booking.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        do_tell(
            booking.youth,
            kind=kinds.SLOT_CANCELLED,
            params=_params(host, slot),
            url=reverse("network:talks"),
        )
    return slot


# --- Bookings --------------------------------------------------------------------------------


def check_book_slot(
    youth: User, *, slot_id: int, message: str = "", now: datetime.datetime | None = None
) -> Booking:
    """A youth books a free, future slot: a discovery talk, or an appointment with a
    counsellor who follows them (404 for anyone else's appointments)."""
    now = now or timezone.now()
    if youth.role != Role.YOUTH:
        raise PermissionDenied(_("Only young people book time slots."))
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise TalkError(_("Your message is too long."))
    taken = _("Someone just booked this time slot. Pick another one.")
    try:
        with transaction.atomic():
            slot = access_bookable_slot(youth, slot_id, lock=True)
            if slot.host_id == youth.pk:
                raise TalkError(_("You cannot book your own time slot."))
            if is_blocked_between(youth, slot.host):
                raise TalkError(_("You cannot book this time slot."))
            if slot.cancelled_at is not None:
                raise TalkError(_("This time slot was cancelled. Pick another one."))
            if slot.starts_at <= now:
                raise TalkError(_("This time slot is over. Pick another one."))
            if youth.is_minor and slot.host.role == Role.RECRUITER:
                # Minors are never named to recruiters (DESIGN.md): a booking would name them.
                raise TalkError(
                    _(
                        "Under 18, you meet professionals who are not recruiters. Ask your "
                        "counsellor to set up this meeting with you."
                    )
                )
            if slot.kind == Slot.Kind.APPOINTMENT and not is_linked_mentor(slot.host, youth):
                raise TalkError(_("You book appointments only with your own counsellor."))
            if slot.bookings.filter(status__in=OPEN_STATUSES + (Booking.Status.DONE,)).exists():
                raise TalkError(taken)
            _refuse_overlap(youth, slot)
            return do_book_slot(youth, slot=slot, message=message)
    except IntegrityError:
        # Another youth's booking of the same slot committed first (booking_one_per_slot).
        raise TalkError(taken) from None


def _refuse_overlap(youth: User, slot: Slot) -> None:
    ends = ends_at(slot)
    for booking in Booking.objects.filter(
        youth=youth,
        status__in=OPEN_STATUSES,
        slot__starts_at__lt=ends,
        slot__starts_at__gt=slot.starts_at - datetime.timedelta(minutes=MAX_MINUTES),
    ).select_related("slot"):
        if ends_at(booking.slot) > slot.starts_at:
            raise TalkError(_("You already have a meeting at that time."))


def do_book_slot(youth: User, *, slot: Slot, message: str) -> Booking:
    with transaction.atomic():
        booking = Booking.objects.create(slot=slot, youth=youth, message=message)
    do_tell(
        slot.host,
        kind=kinds.TALK_BOOKED,
        params=_params(youth, slot),
        url=reverse("network:my_slots"),
    )
    if slot.kind == Slot.Kind.DISCOVERY_TALK and youth.is_minor:
        for mentor in User.objects.filter(id__in=mentor_ids_of(youth), is_active=True).exclude(
            pk=slot.host_id
        ):
            do_tell(
                mentor,
                kind=kinds.TALK_BOOKED_BY_MINOR,
                params=_params(youth, slot, host=slot.host.display_name),
                url=reverse("network:mentor_youth", args=[youth.pk]),
            )
    return booking


def check_confirm_booking(
    host: User, *, booking_id: int, now: datetime.datetime | None = None
) -> Booking:
    """The host confirms a requested booking (404 for anybody else)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = access_hosted_booking(host, booking_id, lock=True)
        if booking.status != Booking.Status.REQUESTED:
            raise TalkError(_("This booking is no longer waiting for an answer."))
        if booking.slot.starts_at <= now or booking.slot.cancelled_at is not None:
            raise TalkError(_("This time slot is over or cancelled."))
        return do_confirm_booking(host, booking=booking, now=now)


def do_confirm_booking(host: User, *, booking: Booking, now: datetime.datetime) -> Booking:
    booking.status = Booking.Status.CONFIRMED
    booking.confirmed_at = now
    booking.save(update_fields=["status", "confirmed_at"])
    slot = booking.slot
    do_tell(
        booking.youth,
        kind=kinds.BOOKING_CONFIRMED,
        params=_params(host, slot),
        url=_agenda(),
        booking=booking,
    )
    # The host gets the calendar file too, without a notification of their own action.
    with translation.override(host.language or "fr"):
        message = EmailMessage(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Your meetings on AcroJump"),
            _("You confirmed your meeting with %(name)s. The calendar file is attached.")
            % {"name": booking.youth.display_name},
            None,
            [host.email],
        )
        message.attach(ics.filename(booking), ics.booking_calendar(booking), ics.CONTENT_TYPE)
    _send_after_commit(message)
    return booking


def check_decline_booking(
    host: User, *, booking_id: int, now: datetime.datetime | None = None
) -> Booking:
    """The host cannot make it: the booking is cancelled, the slot stays offered."""
    with transaction.atomic():
        booking = access_hosted_booking(host, booking_id, lock=True)
        if booking.status != Booking.Status.REQUESTED:
            raise TalkError(_("This booking is no longer waiting for an answer."))
        _cancel(booking, by=host, now=now or timezone.now())
        do_tell(
            booking.youth,
            kind=kinds.BOOKING_DECLINED,
            params=_params(host, booking.slot),
            url=reverse("network:talks"),
        )
        return booking


def _cancel(booking: Booking, *, by: User, now: datetime.datetime) -> None:
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.cancelled_by = by
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by"])


def check_cancel_booking(
    user: User, *, booking_id: int, now: datetime.datetime | None = None
) -> Booking:
    """The youth or the host cancels a booking still ahead (404 for anybody else)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = access_booking(user, booking_id, lock=True)
        if booking.status not in OPEN_STATUSES:
            raise TalkError(_("This booking cannot be cancelled any more."))
        if ends_at(booking.slot) <= now:
            raise TalkError(_("This meeting is over."))
        return do_cancel_booking(user, booking=booking, now=now)


def do_cancel_booking(user: User, *, booking: Booking, now: datetime.datetime) -> Booking:
    _cancel(booking, by=user, now=now)
    slot = booking.slot
    other = slot.host if user.pk == booking.youth_id else booking.youth
    do_tell(
        other,
        kind=kinds.BOOKING_CANCELLED,
        params=_params(user, slot),
        url=_agenda(),
    )
    return booking


# --- After the talk --------------------------------------------------------------------------


def check_mark_done(
    host: User, *, booking_id: int, now: datetime.datetime | None = None
) -> Booking:
    """The host says the meeting took place, once it is over (404 for anybody else)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = access_hosted_booking(host, booking_id, lock=True)
        if booking.status != Booking.Status.CONFIRMED:
            raise TalkError(_("Only a confirmed meeting can be marked as done."))
        if ends_at(booking.slot) > now:
            raise TalkError(_("You can mark the meeting as done once it is over."))
        return do_mark_done(host, booking=booking)


def _profile_visibility(youth: User) -> str:
    profile = YouthProfile.objects.filter(user=youth).only("visibility").first()
    return profile.visibility if profile else Visibility.ONLY_ME


def do_mark_done(host: User, *, booking: Booking) -> Booking:
    booking.status = Booking.Status.DONE
    booking.save(update_fields=["status"])
    slot = booking.slot
    youth = booking.youth
    if slot.kind == Slot.Kind.DISCOVERY_TALK:
        # The talk enters the youth's path, never wider than members, never wider than the
        # profile (a hidden profile records nothing).
        visibility = effective_visibility(Visibility.MEMBERS, _profile_visibility(youth))
        if visibility != Visibility.ONLY_ME:
            do_record_activity(
                youth,
                verb=Activity.Verb.MILESTONE,
                visibility=visibility,
                params={
                    "kind": TALK,
                    "occupation": slot.occupation.label(youth.language or "fr")
                    if slot.occupation
                    else "",
                    "topic": slot.topic,
                    "host": host.display_name,
                },
                url=reverse("skills:profile", args=[youth.pk]),
                target_type=TALK,
                target_id=booking.pk,
            )
        do_tell(youth, kind=kinds.TALK_DONE, params=_params(host, slot), url=_agenda())
    return booking


# --- Reminders -------------------------------------------------------------------------------


def do_send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind both people of each confirmed booking starting within 24 h, once per booking
    (``reminded_at``). Safe to run as often as wanted (cron, periodic task)."""
    now = now or timezone.now()
    sent = 0
    for booking_id in list(bookings_to_remind(now).values_list("id", flat=True)):
        with transaction.atomic():
            booking = (
                bookings_to_remind(now).select_for_update(of=("self",)).filter(pk=booking_id)
            ).first()
            if booking is None:  # Another run reminded it meanwhile.
                continue
            booking.reminded_at = now
            booking.save(update_fields=["reminded_at"])
            slot = booking.slot
            for recipient, other in ((booking.youth, slot.host), (slot.host, booking.youth)):
                do_tell(
                    recipient,
                    kind=kinds.BOOKING_REMINDER,
                    params=_params(other, slot),
                    url=_agenda(),
                    booking=booking,
                )
            sent += 1
    return sent


@task()
def send_reminders_task() -> int:
    """The same job for a periodic worker (django-tasks): enqueue it every few minutes."""
    return do_send_reminders()
