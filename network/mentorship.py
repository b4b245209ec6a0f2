"""Writes of mentorship: invitations, requests, consent, ending, sharing, follow-up requests
and private notes.

``do_*`` functions write and schedule side effects, assuming permission was checked;
``check_*`` functions validate input and permission (raising ``PermissionDenied``,
``Http404`` or ``MentorshipError`` with a message for the person), then call ``do_*``.
Every step tells the other side: a live notification and an e-mail, both after commit.

Taking a follow-up request (pre-registration) makes the mentorship active at once: the
youth's request to that organisation is their consent to be followed by one of its
counsellors, and they can end it at any time like any other mentorship.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import notification_kinds
from .actions import do_notify
from .emails import send_after_commit
from .mentorship_selectors import (
    access_follow_request,
    access_invitation,
    access_mentorship,
    follows,
    has_counsellor,
    mentor_organisation,
)
from .models import (
    FollowRequest,
    MentorInvitation,
    MentorNote,
    Mentorship,
    Organisation,
    Role,
    User,
)

INVITATION_VALID_FOR = datetime.timedelta(days=14)
NOTE_MAX_LENGTH = 5000
MESSAGE_MAX_LENGTH = 2000
PLACE_MAX_LENGTH = 200
Status = Mentorship.Status
OPEN_STATUSES = (Status.WAITING_FOR_YOUTH, Status.WAITING_FOR_MENTOR, Status.ACTIVE)


class MentorshipError(Exception):
    """Input or state the person can fix or understand; the message is for them."""


# --- Side effects ----------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def do_tell(recipient: User, *, kind: str, params: dict, url: str) -> None:
    """Notify ``recipient`` live and by e-mail, in their language, once committed."""
    notification = do_notify(recipient, kind=kind, params=params, url=url)
    with translation.override(recipient.language or "fr"):
        text = notification_kinds.notification_text(notification)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("News about your mentorship")
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": recipient.first_name or recipient.display_name},
                text,
                _("See it on AcroJump: %(url)s") % {"url": _absolute(url or "/")},
            ]
        )
    send_after_commit(subject, body, recipient.email)


def _name(user: User) -> str:
    return user.display_name


# --- Invitations by link or QR code -------------------------------------------------------


def check_create_invitation(mentor: User) -> MentorInvitation:
    """A mentor who belongs to an organisation makes a link valid 14 days."""
    organisation = mentor_organisation(mentor)
    if mentor.role != Role.MENTOR or organisation is None:
        raise PermissionDenied(_("Only mentors of an organisation can invite young people."))
    return do_create_invitation(mentor, organisation=organisation)


def do_create_invitation(mentor: User, *, organisation: Organisation) -> MentorInvitation:
    return MentorInvitation.objects.create(
        mentor=mentor,
        organisation=organisation,
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )


def check_answer_invitation(youth: User, *, token: str, accept: bool) -> Mentorship | None:
    """The youth who opened the link says yes (mentorship active) or no; the link is spent."""
    if youth.role != Role.YOUTH:
        raise PermissionDenied(_("Only young people can accept an invitation from a mentor."))
    try:
        with transaction.atomic():
            invitation = access_invitation(token, lock=True)
            if invitation.mentor_id == youth.pk:
                raise PermissionDenied(_("You cannot follow yourself."))
            if accept and _open_between(youth, invitation.mentor).exists():
                raise MentorshipError(
                    _("This mentor already follows you, or a request is waiting.")
                )
            return do_answer_invitation(youth, invitation=invitation, accept=accept)
    except IntegrityError:
        # Another request for the same pair was committed at the same moment.
        raise MentorshipError(
            _("This mentor already follows you, or a request is waiting.")
        ) from None


def do_answer_invitation(
    youth: User, *, invitation: MentorInvitation, accept: bool
) -> Mentorship | None:
    """Expects ``invitation`` locked, valid, and no open mentorship for the pair."""
    now = timezone.now()
    invitation.used_by = youth
    invitation.used_at = now
    invitation.save(update_fields=["used_by", "used_at"])
    mentor = invitation.mentor
    if not accept:
        do_tell(
            mentor,
            kind=notification_kinds.MENTOR_INVITATION_DECLINED,
            params={"name": _name(youth)},
            url=reverse("network:mentor_caseload"),
        )
        return None
    mentorship = Mentorship.objects.create(
        youth=youth,
        mentor=mentor,
        organisation=invitation.organisation,
        status=Status.ACTIVE,
        started_at=now,
    )
    do_tell(
        mentor,
        kind=notification_kinds.MENTOR_INVITATION_ACCEPTED,
        params={"name": _name(youth)},
        url=reverse("network:mentor_youth", args=[youth.pk]),
    )
    return mentorship


def _open_between(youth: User, mentor: User):  # noqa: ANN202 - a queryset
    return Mentorship.objects.filter(youth=youth, mentor=mentor, status__in=OPEN_STATUSES)


# --- A youth asks a mentor ----------------------------------------------------------------


def check_request_mentor(youth: User, *, mentor: User | None) -> Mentorship:
    """A youth asks a mentor of an organisation to follow them; the mentor answers."""
    if youth.role != Role.YOUTH:
        raise PermissionDenied(_("Only young people can ask a mentor to follow them."))
    if mentor is None or mentor.role != Role.MENTOR or not mentor.is_active:
        raise MentorshipError(_("No mentor has this address on AcroJump."))
    organisation = mentor_organisation(mentor)
    if organisation is None:
        raise MentorshipError(_("This mentor does not belong to an organisation yet."))
    try:
        with transaction.atomic():
            if _open_between(youth, mentor).exists():
                raise MentorshipError(
                    _("This mentor already follows you, or a request is waiting.")
                )
            return do_request_mentor(youth, mentor=mentor, organisation=organisation)
    except IntegrityError:
        raise MentorshipError(
            _("This mentor already follows you, or a request is waiting.")
        ) from None


def do_request_mentor(youth: User, *, mentor: User, organisation: Organisation) -> Mentorship:
    mentorship = Mentorship.objects.create(
        youth=youth, mentor=mentor, organisation=organisation, status=Status.WAITING_FOR_MENTOR
    )
    do_tell(
        mentor,
        kind=notification_kinds.MENTORSHIP_REQUESTED,
        params={"name": _name(youth)},
        url=reverse("network:mentor_caseload") + "?show=pending",
    )
    return mentorship


def check_answer_request(mentor: User, *, mentorship_id: int, accept: bool) -> Mentorship:
    """The mentor a request is addressed to accepts or declines it; nobody else."""
    with transaction.atomic():
        mentorship = access_mentorship(mentor, mentorship_id, lock=True)
        if mentorship.mentor_id != mentor.pk:
            raise PermissionDenied(_("This request is addressed to another mentor."))
        if mentorship.status != Status.WAITING_FOR_MENTOR:
            raise MentorshipError(_("This request was already answered."))
        return do_answer_request(mentorship, accept=accept)


def do_answer_request(mentorship: Mentorship, *, accept: bool) -> Mentorship:
    now = timezone.now()
    if accept:
        mentorship.status = Status.ACTIVE
        mentorship.started_at = now
        kind = notification_kinds.MENTORSHIP_REQUEST_ACCEPTED
    else:
        mentorship.status = Status.DECLINED
        mentorship.ended_at = now
        mentorship.ended_by = mentorship.mentor
        kind = notification_kinds.MENTORSHIP_REQUEST_DECLINED
    mentorship.save(update_fields=["status", "started_at", "ended_at", "ended_by"])
    do_tell(
        mentorship.youth,
        kind=kind,
        params={"name": _name(mentorship.mentor)},
        url=reverse("network:my_mentors"),
    )
    return mentorship


# --- Ending and sharing -------------------------------------------------------------------


def check_end_mentorship(user: User, *, mentorship_id: int) -> Mentorship:
    """The youth or the mentor of an open mentorship ends it (a waiting one is withdrawn)."""
    with transaction.atomic():
        mentorship = access_mentorship(user, mentorship_id, lock=True)
        if user.pk not in (mentorship.youth_id, mentorship.mentor_id):
            raise PermissionDenied(_("Only the young person or their mentor can end this."))
        if mentorship.status not in OPEN_STATUSES:
            raise MentorshipError(_("This mentorship has already ended."))
        return do_end_mentorship(user, mentorship=mentorship)


def do_end_mentorship(user: User, *, mentorship: Mentorship, tell: bool = True) -> Mentorship:
    """``tell=False`` when the other side must not learn who ended it (a block)."""
    mentorship.status = Status.ENDED
    mentorship.ended_at = timezone.now()
    mentorship.ended_by = user
    mentorship.shared_with_organisation = False
    mentorship.save(update_fields=["status", "ended_at", "ended_by", "shared_with_organisation"])
    other = mentorship.mentor if user.pk == mentorship.youth_id else mentorship.youth
    url = (
        reverse("network:mentor_caseload")
        if other.pk == mentorship.mentor_id
        else reverse("network:my_mentors")
    )
    if tell:
        do_tell(
            other, kind=notification_kinds.MENTORSHIP_ENDED, params={"name": _name(user)}, url=url
        )
    return mentorship


def check_set_sharing(youth: User, *, mentorship_id: int, shared: bool) -> Mentorship:
    """Only the youth decides whether the organisation's other mentors share the follow-up."""
    with transaction.atomic():
        mentorship = access_mentorship(youth, mentorship_id, lock=True)
        if mentorship.youth_id != youth.pk:
            raise PermissionDenied(_("Only the young person decides who follows them."))
        if mentorship.status != Status.ACTIVE or mentorship.organisation_id is None:
            raise MentorshipError(_("Only an active mentorship with an organisation is shared."))
        if mentorship.shared_with_organisation == shared:
            return mentorship
        return do_set_sharing(mentorship, shared=shared)


def do_set_sharing(mentorship: Mentorship, *, shared: bool) -> Mentorship:
    mentorship.shared_with_organisation = shared
    mentorship.save(update_fields=["shared_with_organisation"])
    do_tell(
        mentorship.mentor,
        kind=(
            notification_kinds.MENTORSHIP_SHARED
            if shared
            else notification_kinds.MENTORSHIP_UNSHARED
        ),
        params={"name": _name(mentorship.youth), "organisation": mentorship.organisation.name},
        url=reverse("network:mentor_caseload"),
    )
    return mentorship


# --- Pre-registration: follow-up requests to an organisation ---------------------------------


def can_receive_follow_requests(organisation: Organisation) -> bool:
    return organisation.kind == Organisation.Kind.MISSION_LOCALE or organisation.verified


def check_create_follow_request(
    youth: User, *, organisation: Organisation, message: str
) -> FollowRequest:
    """A youth without a counsellor asks a Mission Locale (or verified partner) to follow them."""
    if youth.role != Role.YOUTH:
        raise PermissionDenied(_("Only young people can ask to be followed."))
    if not can_receive_follow_requests(organisation):
        raise MentorshipError(
            _("Choose a Mission Locale or a partner organisation verified by AcroJump.")
        )
    message = message.strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise MentorshipError(
            _("Your message is too long: %(max)s characters at most.") % {"max": MESSAGE_MAX_LENGTH}
        )
    if has_counsellor(youth):
        raise MentorshipError(_("You already have a counsellor who follows you."))
    try:
        with transaction.atomic():
            return do_create_follow_request(youth, organisation=organisation, message=message)
    except IntegrityError:
        raise MentorshipError(
            _("You already asked this organisation: wait for its answer.")
        ) from None


def do_create_follow_request(
    youth: User, *, organisation: Organisation, message: str
) -> FollowRequest:
    follow_request = FollowRequest.objects.create(
        youth=youth, organisation=organisation, message=message
    )
    mentors = User.objects.filter(
        memberships__organisation=organisation, role=Role.MENTOR, is_active=True
    )
    for mentor in mentors:
        do_tell(
            mentor,
            kind=notification_kinds.FOLLOW_REQUEST_NEW,
            params={"name": _name(youth), "organisation": organisation.name},
            url=reverse("network:follow_requests"),
        )
    return follow_request


def check_take_follow_request(
    mentor: User, *, follow_request_id: int, appointment: datetime.datetime | None, place: str
) -> Mentorship:
    """A mentor of the organisation takes a new request and proposes a first appointment."""
    place = place.strip()
    if appointment is None or appointment <= timezone.now():
        raise MentorshipError(_("Choose a date and time in the future."))
    if not place or len(place) > PLACE_MAX_LENGTH:
        raise MentorshipError(_("Say where the appointment takes place (200 characters at most)."))
    with transaction.atomic():
        follow_request = access_follow_request(mentor, follow_request_id, lock=True)
        if follow_request.status != FollowRequest.Status.NEW:
            raise MentorshipError(_("Another counsellor already took this request."))
        return do_take_follow_request(
            mentor, follow_request=follow_request, appointment=appointment, place=place
        )


def do_take_follow_request(
    mentor: User, *, follow_request: FollowRequest, appointment: datetime.datetime, place: str
) -> Mentorship:
    """Expects ``follow_request`` locked and new. See the module docstring on consent."""
    follow_request.status = FollowRequest.Status.TAKEN
    follow_request.taken_by = mentor
    follow_request.proposed_appointment = appointment
    follow_request.appointment_place = place
    follow_request.save()
    youth = follow_request.youth
    # The youth has a counsellor now: their requests to other organisations are closed.
    FollowRequest.objects.filter(youth=youth, status=FollowRequest.Status.NEW).exclude(
        pk=follow_request.pk
    ).update(status=FollowRequest.Status.CLOSED)
    mentorship = _open_between(youth, mentor).first()
    if mentorship is None:
        mentorship = Mentorship.objects.create(
            youth=youth,
            mentor=mentor,
            organisation=follow_request.organisation,
            status=Status.ACTIVE,
            started_at=timezone.now(),
        )
    elif mentorship.status != Status.ACTIVE:
        mentorship.status = Status.ACTIVE
        mentorship.started_at = timezone.now()
        mentorship.save(update_fields=["status", "started_at"])
    do_tell(
        youth,
        kind=notification_kinds.FOLLOW_REQUEST_TAKEN,
        params={
            "name": _name(mentor),
            "organisation": follow_request.organisation.name,
            "when": appointment.isoformat(),
            "place": place,
        },
        url=reverse("network:my_mentors"),
    )
    return mentorship


# --- Private notes ----------------------------------------------------------------------------


def check_add_note(mentor: User, *, youth: User, text: str) -> MentorNote:
    """A mentor who follows ``youth`` (own active mentorship or shared) writes a note."""
    text = text.strip()
    if not text:
        raise MentorshipError(_("Write something first."))
    if len(text) > NOTE_MAX_LENGTH:
        raise MentorshipError(
            _("This note is too long: %(max)s characters at most.") % {"max": NOTE_MAX_LENGTH}
        )
    organisation = follows(mentor, youth)
    if organisation is None:
        raise PermissionDenied(_("You do not follow this young person."))
    return MentorNote.objects.create(
        youth=youth, author=mentor, organisation=organisation, text=text
    )
