"""Reads of recruiters' contact requests that depend on who asks.

Anonymity (DESIGN.md, safeguarding): everything a recruiter reads about a youth goes
through :func:`youth_identity_for_recruiter`: the name the youth chose to show recruiters
(anonymous by default, always anonymous under 18), and the first name only once an adult
youth accepted the request.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from .models import ContactRequest, Conversation, Membership, Mentorship, Role, User, YouthProfile
from .privacy import Audience, ShownIdentity, shown_identity
from .relations import blocked_user_ids

Status = ContactRequest.Status
OPEN_STATUSES = (Status.WAITING_FOR_MENTOR, Status.WAITING_FOR_YOUTH)
#: How many requests a list page shows; older ones stay in the database.
LIST_LIMIT = 100


def profile_of(youth: User) -> YouthProfile:
    """The youth's profile, or an unsaved one with the defaults (anonymous, not discoverable)."""
    try:
        return youth.youth_profile
    except YouthProfile.DoesNotExist:
        return YouthProfile(user=youth)


def youth_identity_for_recruiter(
    youth: User, *, accepted: bool = False, profile: YouthProfile | None = None
) -> ShownIdentity:
    """How a recruiter sees ``youth``: named after an adult's acceptance, else as chosen."""
    if accepted and not youth.is_minor:
        return ShownIdentity(anonymous=False, name=youth.first_name or "", place=youth.town)
    return shown_identity(Audience.RECRUITER, youth, profile or profile_of(youth))


def organisation_name(user: User) -> str:
    """The recruiter's first organisation, from prefetched memberships when available."""
    memberships = sorted(user.memberships.all(), key=lambda membership: membership.pk)
    return memberships[0].organisation.name if memberships else ""


def conversation_url(conversation: Conversation | None) -> str:
    """The conversation page, named by the messaging part of the network app."""
    if conversation is None:
        return ""
    try:
        return reverse("network:conversation", args=[conversation.pk])
    except NoReverseMatch:
        return ""


def _with_people(queryset: QuerySet[ContactRequest]) -> QuerySet[ContactRequest]:
    return queryset.select_related(
        "youth__youth_profile", "recruiter", "mentor", "conversation"
    ).prefetch_related(
        Prefetch(
            "recruiter__memberships",
            queryset=Membership.objects.select_related("organisation").order_by("id"),
        )
    )


def _annotate(requests: list[ContactRequest]) -> list[ContactRequest]:
    for contact_request in requests:
        contact_request.youth_identity = youth_identity_for_recruiter(
            contact_request.youth, accepted=contact_request.status == Status.ACCEPTED
        )
        contact_request.recruiter_organisation = organisation_name(contact_request.recruiter)
        contact_request.conversation_url = conversation_url(contact_request.conversation)
    return requests


def list_sent_requests(recruiter: User) -> list[ContactRequest]:
    """A recruiter's requests, newest first, with the youth shown as the recruiter may see."""
    requests = _with_people(
        ContactRequest.objects.filter(recruiter=recruiter)
        .exclude(youth__in=blocked_user_ids(recruiter))
        .filter(youth__is_active=True)
    )
    return _annotate(list(requests[:LIST_LIMIT]))


def list_incoming_requests(youth: User) -> list[ContactRequest]:
    """Requests that reached the youth (those waiting for a mentor have not yet)."""
    requests = _with_people(
        ContactRequest.objects.filter(
            youth=youth,
            status__in=[Status.WAITING_FOR_YOUTH, Status.ACCEPTED, Status.DECLINED],
            recruiter__is_active=True,
        ).exclude(recruiter__in=blocked_user_ids(youth))
    )
    return _annotate(list(requests[:LIST_LIMIT]))


def reviewable_youth_ids(mentor: User) -> QuerySet:
    """Youths whose recruiters' requests ``mentor`` reviews: those of an active mentorship."""
    return Mentorship.objects.filter(mentor=mentor, status=Mentorship.Status.ACTIVE).values(
        "youth_id"
    )


def list_requests_to_review(mentor: User) -> list[ContactRequest]:
    """Requests to the minors ``mentor`` follows: waiting ones first, then recent decisions."""
    if mentor.role != Role.MENTOR:
        return []
    requests = _with_people(
        ContactRequest.objects.filter(
            youth__in=reviewable_youth_ids(mentor), recruiter__is_active=True
        )
        .filter(Q(status=Status.WAITING_FOR_MENTOR) | Q(mentor=mentor))
        .exclude(recruiter__in=blocked_user_ids(mentor))
    )
    rows = _annotate(list(requests[:LIST_LIMIT]))
    rows.sort(key=lambda row: (row.status != Status.WAITING_FOR_MENTOR, -row.pk))
    return rows


def _locked(queryset: QuerySet[ContactRequest], lock: bool) -> QuerySet[ContactRequest]:
    return queryset.select_for_update(of=("self",)) if lock else queryset


def access_contact_request(user: User, request_id: int, *, lock: bool = False) -> ContactRequest:
    """A request its recruiter, its youth or a reviewing mentor may read; 404 for anyone else.

    A youth does not see a request still waiting for (or refused by) their mentor.
    """
    if not user.is_authenticated:
        raise Http404
    visible = Q(recruiter=user) | Q(
        youth=user, status__in=[Status.WAITING_FOR_YOUTH, Status.ACCEPTED, Status.DECLINED]
    )
    if user.role == Role.MENTOR:
        # Only requests a mentor reviews: to a minor they follow, waiting or decided by them.
        visible |= Q(youth__in=reviewable_youth_ids(user)) & (
            Q(status=Status.WAITING_FOR_MENTOR) | Q(mentor=user)
        )
    queryset = _locked(_with_people(ContactRequest.objects.filter(visible)), lock)
    contact_request = queryset.filter(pk=request_id).first()
    if contact_request is None:
        raise Http404
    _annotate([contact_request])
    return contact_request


def access_sent_request(recruiter: User, request_id: int, *, lock: bool = False) -> ContactRequest:
    request = access_contact_request(recruiter, request_id, lock=lock)
    if request.recruiter_id != recruiter.pk:
        raise Http404
    return request


def access_received_request(youth: User, request_id: int, *, lock: bool = False) -> ContactRequest:
    request = access_contact_request(youth, request_id, lock=lock)
    if request.youth_id != youth.pk:
        raise Http404
    return request


def access_request_to_review(
    mentor: User, request_id: int, *, lock: bool = False
) -> ContactRequest:
    request = access_contact_request(mentor, request_id, lock=lock)
    if mentor.role != Role.MENTOR or request.recruiter_id == mentor.pk:
        raise Http404
    return request


def open_request_between(recruiter: User, youth: User) -> ContactRequest | None:
    return ContactRequest.objects.filter(
        recruiter=recruiter, youth=youth, status__in=OPEN_STATUSES
    ).first()
