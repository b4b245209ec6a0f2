"""Writes of recruiters' contact requests.

A recruiter never writes to a youth directly (``relations.message_refusal``): they send a
request; for a minor, one of the youth's mentors approves it first; the youth accepts or
declines; on acceptance a conversation opens. Every step tells the other side live, and by
e-mail when that person has something to do. Until an adult youth accepts, what the
recruiter reads about them (here: notification parameters) uses
``contact_selectors.youth_identity_for_recruiter``.

``check_*`` validate input and permission (raising ``PermissionDenied``, ``Http404``,
``ContactError`` or ``ratelimit.RateLimited`` with a message for the person) and own the
transaction; ``do_*`` write and schedule side effects, assuming the checks were made.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import notification_kinds
from . import notification_kinds_safety as kinds
from .actions import do_notify
from .contact_selectors import (
    OPEN_STATUSES,
    access_received_request,
    access_request_to_review,
    access_sent_request,
    conversation_url,
    open_request_between,
    organisation_name,
    profile_of,
    youth_identity_for_recruiter,
)
from .emails import send_after_commit
from .models import ContactRequest, Role, User
from .privacy import can_see
from .ratelimit import check_rate
from .relations import is_blocked_between, mentor_ids_of

MESSAGE_MAX_LENGTH = 2000
SUBJECT_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 500
Status = ContactRequest.Status


class ContactError(Exception):
    """Input or state the person can fix or understand; the message is for them."""


class ContactRefused(ContactError):
    """This recruiter may not contact this youth at all (a block, a minor without mentor)."""


# --- Side effects ----------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _tell(recipient: User, *, kind: str, params: dict, url: str, email: bool) -> None:
    """Notify live; also by e-mail (after commit) when the recipient has to act."""
    notification = do_notify(recipient, kind=kind, params=params, url=url)
    if not email or not recipient.email:
        return
    with translation.override(recipient.language or "fr"):
        text = notification_kinds.notification_text(notification)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("A contact request on AcroJump")
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": recipient.first_name or recipient.display_name},
                text,
                _("See it on AcroJump: %(url)s") % {"url": _absolute(url or "/")},
            ]
        )
    send_after_commit(subject, body, recipient.email)


def _request_url(contact_request: ContactRequest) -> str:
    return reverse("network:contact_request", args=[contact_request.pk])


def _recruiter_params(contact_request: ContactRequest) -> dict:
    recruiter = contact_request.recruiter
    return {
        "recruiter": recruiter.display_name,
        "organisation": organisation_name(recruiter),
    }


def _youth_name_for_recruiter(contact_request: ContactRequest) -> str:
    return youth_identity_for_recruiter(
        contact_request.youth, accepted=contact_request.status == Status.ACCEPTED
    ).name


# --- Sending ---------------------------------------------------------------------------


def contact_refusal(recruiter: User, youth: User) -> str | None:
    """Why ``recruiter`` may not contact ``youth``, or ``None`` if they may.

    Raises ``PermissionDenied`` for anyone but an active recruiter, and ``Http404`` when the
    youth is not discoverable and their profile is not shown to recruiters (nothing tells
    the recruiter such a profile exists).
    """
    if recruiter.role != Role.RECRUITER or not recruiter.is_active:
        raise PermissionDenied(_("Only recruiters send contact requests."))
    if youth.role != Role.YOUTH or not youth.is_active or youth.pk == recruiter.pk:
        raise Http404
    if is_blocked_between(recruiter, youth):
        return _("You cannot contact this person: one of you blocked the other.")
    profile = profile_of(youth)
    if not profile.discoverable and not can_see(recruiter, youth, profile.visibility):
        raise Http404
    if (
        youth.is_minor
        and not User.objects.filter(pk__in=mentor_ids_of(youth), is_active=True).exists()
    ):
        return _(
            "This young person is under 18 and no mentor follows them yet: a mentor must "
            "approve contact requests first, so they cannot be contacted for now."
        )
    return None


def check_send_contact_request(
    recruiter: User, *, youth: User, message: str, subject: str = ""
) -> ContactRequest:
    """An active recruiter asks to talk with a youth who is discoverable or whose profile
    recruiters may see. One open request per pair; new accounts are rate limited."""
    refusal = contact_refusal(recruiter, youth)
    if refusal is not None:
        raise ContactRefused(refusal)
    message = message.strip()
    subject = subject.strip()
    if not message:
        raise ContactError(_("Write a message: say who you are and why you would like to talk."))
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ContactError(
            _("Your message is too long: %(max)s characters at most.") % {"max": MESSAGE_MAX_LENGTH}
        )
    if len(subject) > SUBJECT_MAX_LENGTH:
        raise ContactError(
            _("The subject is too long: %(max)s characters at most.") % {"max": SUBJECT_MAX_LENGTH}
        )
    already = _("You already sent a request to this person: wait for the answer.")
    if open_request_between(recruiter, youth) is not None:
        raise ContactError(already)
    check_rate(recruiter, "request")
    try:
        with transaction.atomic():
            return do_send_contact_request(recruiter, youth=youth, message=message, subject=subject)
    except IntegrityError:
        # The same request sent twice at once: the unique constraint kept one.
        raise ContactError(already) from None


def do_send_contact_request(
    recruiter: User, *, youth: User, message: str, subject: str = ""
) -> ContactRequest:
    contact_request = ContactRequest.objects.create(
        recruiter=recruiter,
        youth=youth,
        message=message,
        subject=subject,
        status=Status.WAITING_FOR_MENTOR if youth.is_minor else Status.WAITING_FOR_YOUTH,
    )
    url = _request_url(contact_request)
    params = _recruiter_params(contact_request)
    if contact_request.status == Status.WAITING_FOR_MENTOR:
        mentors = User.objects.filter(pk__in=mentor_ids_of(youth), is_active=True)
        for mentor in mentors:
            _tell(
                mentor,
                kind=kinds.CONTACT_REQUEST_TO_REVIEW,
                params={**params, "name": youth.display_name},
                url=url,
                email=True,
            )
    else:
        _tell(youth, kind=kinds.CONTACT_REQUEST_NEW, params=params, url=url, email=True)
    return contact_request


# --- A mentor reviews a request to a minor -----------------------------------------------


def check_review_contact_request(
    mentor: User, *, request_id: int, approve: bool, note: str = ""
) -> ContactRequest:
    """An active mentor of the youth approves or refuses a request waiting for a mentor."""
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ContactError(
            _("Your note is too long: %(max)s characters at most.") % {"max": NOTE_MAX_LENGTH}
        )
    with transaction.atomic():
        contact_request = access_request_to_review(mentor, request_id, lock=True)
        if contact_request.status != Status.WAITING_FOR_MENTOR:
            raise ContactError(_("This request was already answered."))
        return do_review_contact_request(
            mentor, contact_request=contact_request, approve=approve, note=note
        )


def do_review_contact_request(
    mentor: User, *, contact_request: ContactRequest, approve: bool, note: str = ""
) -> ContactRequest:
    """Expects ``contact_request`` locked and waiting for a mentor."""
    contact_request.mentor = mentor
    contact_request.mentor_decided_at = timezone.now()
    contact_request.mentor_note = note
    contact_request.status = Status.WAITING_FOR_YOUTH if approve else Status.REFUSED_BY_MENTOR
    contact_request.save(update_fields=["mentor", "mentor_decided_at", "mentor_note", "status"])
    url = _request_url(contact_request)
    youth_name = _youth_name_for_recruiter(contact_request)
    if approve:
        _tell(
            contact_request.youth,
            kind=kinds.CONTACT_REQUEST_NEW,
            params=_recruiter_params(contact_request),
            url=url,
            email=True,
        )
        _tell(
            contact_request.recruiter,
            kind=kinds.CONTACT_REQUEST_APPROVED,
            params={"name": youth_name},
            url=url,
            email=False,
        )
    else:
        _tell(
            contact_request.recruiter,
            kind=kinds.CONTACT_REQUEST_REFUSED,
            params={"name": youth_name},
            url=url,
            email=False,
        )
    return contact_request


# --- The youth answers -------------------------------------------------------------------


def check_answer_contact_request(youth: User, *, request_id: int, accept: bool) -> ContactRequest:
    """The youth accepts (a conversation opens) or declines a request waiting for them."""
    with transaction.atomic():
        contact_request = access_received_request(youth, request_id, lock=True)
        if contact_request.status != Status.WAITING_FOR_YOUTH:
            raise ContactError(_("This request was already answered."))
        if accept and (
            not contact_request.recruiter.is_active
            or is_blocked_between(youth, contact_request.recruiter)
        ):
            raise ContactError(_("This recruiter can no longer be contacted."))
        return do_answer_contact_request(youth, contact_request=contact_request, accept=accept)


def do_answer_contact_request(
    youth: User, *, contact_request: ContactRequest, accept: bool
) -> ContactRequest:
    """Expects ``contact_request`` locked and waiting for ``youth``."""
    contact_request.responded_at = timezone.now()
    if accept:
        # Imported here: the messaging module is written alongside and imports much.
        from .messaging import do_send_message, do_start_direct_conversation

        conversation = do_start_direct_conversation(contact_request.recruiter, youth)
        contact_request.conversation = conversation
        # The request opens the conversation, so both read what it was about. The client id
        # names the request: answering twice cannot post it twice.
        text = contact_request.message
        if contact_request.subject:
            text = f"{contact_request.subject}\n\n{text}"
        do_send_message(
            contact_request.recruiter,
            conversation=conversation,
            client_id=f"contact-request-{contact_request.pk}",
            text=text,
        )
        contact_request.status = Status.ACCEPTED
        kind = kinds.CONTACT_REQUEST_ACCEPTED
        url = conversation_url(contact_request.conversation) or _request_url(contact_request)
    else:
        contact_request.status = Status.DECLINED
        kind = kinds.CONTACT_REQUEST_DECLINED
        url = _request_url(contact_request)
    contact_request.save(update_fields=["status", "responded_at", "conversation"])
    _tell(
        contact_request.recruiter,
        kind=kind,
        params={"name": _youth_name_for_recruiter(contact_request)},
        url=url,
        email=accept,
    )
    return contact_request


# --- The recruiter withdraws -------------------------------------------------------------


def check_withdraw_contact_request(recruiter: User, *, request_id: int) -> ContactRequest:
    """The recruiter who sent a request withdraws it while it waits."""
    with transaction.atomic():
        contact_request = access_sent_request(recruiter, request_id, lock=True)
        if contact_request.status not in OPEN_STATUSES:
            raise ContactError(_("This request was already answered."))
        return do_withdraw_contact_request(contact_request)


def do_withdraw_contact_request(contact_request: ContactRequest) -> ContactRequest:
    """Expects ``contact_request`` locked and open; tells whoever it was waiting for."""
    waiting_for_youth = contact_request.status == Status.WAITING_FOR_YOUTH
    contact_request.status = Status.WITHDRAWN
    contact_request.responded_at = timezone.now()
    contact_request.save(update_fields=["status", "responded_at"])
    params = _recruiter_params(contact_request)
    url = _request_url(contact_request)
    recipients = (
        [contact_request.youth]
        if waiting_for_youth
        else list(User.objects.filter(pk__in=mentor_ids_of(contact_request.youth), is_active=True))
    )
    for recipient in recipients:
        _tell(recipient, kind=kinds.CONTACT_REQUEST_WITHDRAWN, params=params, url=url, email=False)
    return contact_request


def do_close_requests_between(blocker: User, other: User) -> int:
    """Close the open requests between two people, silently (one blocked the other).

    A youth who blocks declines; a recruiter who blocks withdraws.
    """
    now = timezone.now()
    closed = 0
    for recruiter, youth, status in (
        (blocker, other, Status.WITHDRAWN),
        (other, blocker, Status.DECLINED),
    ):
        closed += ContactRequest.objects.filter(
            recruiter=recruiter, youth=youth, status__in=OPEN_STATUSES
        ).update(status=status, responded_at=now)
    return closed
