"""Writes of connections (request, answer, cancel, remove) and organisation follows.

``check_*`` functions validate input and permission, raising ``ConnectionRefused`` with a
message for the person (and the HTTP status the view answers), ``Http404`` for ids the
person may not see, or ``ratelimit.RateLimited``; then they call ``do_*``.

Safeguarding (DESIGN.md): a recruiter never connects with a youth (they use contact
requests), and an adult never starts a connection with a minor unless they are that minor's
mentor. A minor may ask other youths and mentors. The other side is notified live; a new
request is also sent by e-mail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import notification_kinds_feed as kinds
from .actions import do_notify
from .connections_selectors import access_connection
from .emails import send_after_commit
from .models import Connection, Organisation, OrganisationFollow, Role, User
from .privacy import is_linked_mentor
from .ratelimit import check_rate
from .relations import connection_between, is_blocked_between

MESSAGE_MAX_LENGTH = 300


class ConnectionRefused(Exception):
    """A refused step; ``str()`` is the message for the person, ``status`` the HTTP answer."""

    def __init__(self, message: str, *, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def request_refusal(requester: User, addressee: User) -> str | None:
    """Why ``requester`` may not ask ``addressee`` to connect (roles and age), or ``None``.

    The state of the pair (blocked, already connected) is checked by the action.
    """
    roles = {requester.role, addressee.role}
    if Role.RECRUITER in roles and Role.YOUTH in roles:
        return _(
            "Recruiters and young people do not connect here: a recruiter sends a contact "
            "request instead."
        )
    if addressee.is_minor and not requester.is_minor and not is_linked_mentor(requester, addressee):
        return _(
            "To protect people under 18, only their mentors and other young people can ask "
            "them to connect."
        )
    return None


def check_request_connection(requester: User, *, addressee: User, message: str = "") -> Connection:
    """``requester`` asks ``addressee`` to connect.

    If ``addressee`` already asked ``requester``, that request is accepted instead.
    """
    message = message.strip()
    if addressee.pk == requester.pk:
        raise ConnectionRefused(_("You cannot connect with yourself."), status=400)
    if not addressee.is_active:
        raise ConnectionRefused(_("This account is no longer active."), status=409)
    if is_blocked_between(requester, addressee):
        raise ConnectionRefused(_("You cannot connect: one of you blocked the other."))
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ConnectionRefused(
            _("Keep your message under %(count)s characters.") % {"count": MESSAGE_MAX_LENGTH},
            status=400,
        )
    try:
        with transaction.atomic():
            existing = connection_between(requester, addressee)
            if existing is not None:
                existing = access_connection(requester, existing.pk, lock=True)
            if existing is not None and existing.status == Connection.Status.ACCEPTED:
                raise ConnectionRefused(_("You are already connected."), status=409)
            if existing is not None and existing.requester_id == requester.pk:
                raise ConnectionRefused(
                    _("Your request is already waiting for an answer."), status=409
                )
            if existing is not None:
                # They asked first: saying yes is the answer, whatever the roles (the rules
                # were checked when they asked).
                return do_answer_connection(existing, accept=True)
            refusal = request_refusal(requester, addressee)
            if refusal:
                raise ConnectionRefused(refusal)
            check_rate(requester, "request")
            return do_request_connection(requester, addressee=addressee, message=message)
    except IntegrityError:
        # The same pair asked at the same moment from two tabs.
        raise ConnectionRefused(
            _("Your request is already waiting for an answer."), status=409
        ) from None


def do_request_connection(requester: User, *, addressee: User, message: str = "") -> Connection:
    connection = Connection.objects.create(
        requester=requester, addressee=addressee, message=message
    )
    url = reverse("network:connections")
    notification = do_notify(
        addressee, kind=kinds.CONNECTION_REQUESTED, params={"name": requester.display_name}, url=url
    )
    with translation.override(addressee.language or "fr"):
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Someone wants to connect with you")
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": addressee.first_name or addressee.display_name},
                kinds.TEXTS[kinds.CONNECTION_REQUESTED](notification.params),
                _("Answer on AcroJump: %(url)s") % {"url": _absolute(url)},
            ]
        )
    send_after_commit(subject, body, addressee.email)
    return connection


def check_answer_connection(addressee: User, *, connection_id: int, accept: bool) -> Connection:
    """The person a request is addressed to accepts it, or declines it (the row is deleted,
    so either may ask again later; the requester is not told)."""
    with transaction.atomic():
        connection = access_connection(addressee, connection_id, lock=True)
        if connection.addressee_id != addressee.pk:
            raise ConnectionRefused(_("Only the person you asked can answer."))
        if connection.status != Connection.Status.PENDING:
            raise ConnectionRefused(_("This request was already answered."), status=409)
        if accept and is_blocked_between(connection.requester_id, addressee):
            raise ConnectionRefused(_("You cannot connect: one of you blocked the other."))
        return do_answer_connection(connection, accept=accept)


def do_answer_connection(connection: Connection, *, accept: bool) -> Connection:
    """Expects ``connection`` pending and locked."""
    if not accept:
        connection.delete()
        return connection
    connection.status = Connection.Status.ACCEPTED
    connection.responded_at = timezone.now()
    connection.save(update_fields=["status", "responded_at"])
    do_notify(
        connection.requester,
        kind=kinds.CONNECTION_ACCEPTED,
        params={"name": connection.addressee.display_name},
        url=reverse("network:connections"),
    )
    return connection


def check_cancel_connection_request(user: User, *, connection_id: int) -> None:
    """The person who asked withdraws a request still waiting."""
    with transaction.atomic():
        connection = access_connection(user, connection_id, lock=True)
        if connection.requester_id != user.pk:
            raise ConnectionRefused(_("Only the person who asked can cancel this request."))
        if connection.status != Connection.Status.PENDING:
            raise ConnectionRefused(_("This request was already answered."), status=409)
        connection.delete()


def check_remove_connection(user: User, *, other_id: int) -> None:
    """Either side ends an accepted connection; 404 when there is none."""
    with transaction.atomic():
        connection = connection_between(user, other_id)
        if connection is None or connection.status != Connection.Status.ACCEPTED:
            raise Http404
        access_connection(user, connection.pk, lock=True).delete()


# --- Organisations --------------------------------------------------------------------------


def do_follow_organisation(user: User, *, organisation: Organisation) -> OrganisationFollow:
    """Follow ``organisation`` in the feed; following twice changes nothing."""
    follow, _created = OrganisationFollow.objects.get_or_create(
        user=user, organisation=organisation
    )
    return follow


def do_unfollow_organisation(user: User, *, organisation: Organisation) -> None:
    OrganisationFollow.objects.filter(user=user, organisation=organisation).delete()
