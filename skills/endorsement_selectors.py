"""Reads of endorsements that depend on who is asking: who may endorse whom, and the
endorsements and invitations one person may open or act on."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from network.models import Membership, Mentorship, Role, User

from .models import Endorsement, EndorsementInvitation, ProfileSkill, SkillConcept

OPEN_STATUSES = (
    Endorsement.Status.WAITING_FOR_EMAIL,
    Endorsement.Status.WAITING_FOR_YOUTH,
    Endorsement.Status.ACCEPTED,
)


class LinkGone(Exception):
    """An endorsement link that worked once: expired, or already used (HTTP 410)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class EndorsingRights:
    """Why ``endorser`` may endorse ``youth``, and which of the youth's skills."""

    mentorship: Mentorship | None = None
    invitations: list[EndorsementInvitation] = field(default_factory=list)
    concepts: list[SkillConcept] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return bool(self.concepts)


def endorsing_mentorship(endorser: User, youth: User) -> Mentorship | None:
    """The active follow-up that makes ``endorser`` one of ``youth``'s mentors, if any.

    Either they follow the youth themself, or a mentor of their organisation does and the
    youth agreed to share the follow-up with the organisation.
    """
    if not endorser.is_authenticated or endorser.pk == youth.pk:
        return None
    organisation_ids = Membership.objects.filter(user=endorser).values("organisation_id")
    mentorships = (
        Mentorship.objects.filter(youth=youth, status=Mentorship.Status.ACTIVE)
        .filter(
            Q(mentor=endorser)
            | Q(shared_with_organisation=True, organisation_id__in=organisation_ids)
        )
        .select_related("organisation")
        .order_by("started_at", "id")
    )
    found = list(mentorships)
    own = [mentorship for mentorship in found if mentorship.mentor_id == endorser.pk]
    return (own or found or [None])[0]


def open_invitations(email: str, youth: User) -> QuerySet[EndorsementInvitation]:
    """The youth's invitations to ``email`` that still work."""
    return EndorsementInvitation.objects.filter(
        youth=youth, email__iexact=email, used_at__isnull=True, expires_at__gt=timezone.now()
    ).prefetch_related("concepts")


def profile_concepts(youth: User) -> list[SkillConcept]:
    return [
        profile_skill.concept
        for profile_skill in ProfileSkill.objects.filter(youth=youth)
        .select_related("concept")
        .order_by("concept__name")
    ]


def endorsing_rights(endorser: User | None, youth: User) -> EndorsingRights:
    """What ``endorser`` may endorse of ``youth``'s skills: all of them for a mentor, the
    invited ones for an adult the youth invited, nothing for anybody else."""
    if (
        endorser is None
        or not endorser.is_authenticated
        or endorser.pk == youth.pk
        or youth.role != Role.YOUTH
        or endorser.is_minor
    ):
        return EndorsingRights()
    mentorship = endorsing_mentorship(endorser, youth)
    on_profile = profile_concepts(youth)
    if mentorship is not None:
        return EndorsingRights(mentorship=mentorship, concepts=on_profile)
    # A professional who held a discovery talk with the youth saw them: like an invited adult,
    # on every skill of the profile, for 90 days after the talk (network.talks).
    from network.talks_selectors import has_done_talk_with

    if has_done_talk_with(endorser, youth):
        return EndorsingRights(concepts=on_profile)
    invitations = list(open_invitations(endorser.email, youth))
    invited = {concept.pk for invitation in invitations for concept in invitation.concepts.all()}
    return EndorsingRights(
        invitations=invitations,
        concepts=[concept for concept in on_profile if concept.pk in invited],
    )


def access_youth_to_endorse(youth_id: int) -> User:
    try:
        return User.objects.get(pk=youth_id, role=Role.YOUTH, is_active=True)
    except User.DoesNotExist:
        raise Http404 from None


def _endorsements() -> QuerySet[Endorsement]:
    return Endorsement.objects.select_related(
        "youth", "endorser", "endorser_organisation", "concept"
    )


def access_received_endorsement(
    youth: User, endorsement_id: int, *, lock: bool = False
) -> Endorsement:
    """An endorsement of ``youth``'s skill, for the youth to accept or decline (else 404)."""
    if not youth.is_authenticated:
        raise Http404
    endorsements = _endorsements().filter(youth=youth)
    if lock:
        endorsements = endorsements.select_for_update(of=("self",))
    try:
        return endorsements.get(pk=endorsement_id)
    except Endorsement.DoesNotExist:
        raise Http404 from None


def access_given_endorsement(
    endorser: User, endorsement_id: int, *, lock: bool = False
) -> Endorsement:
    """An endorsement ``endorser`` wrote, for them to withdraw (else 404)."""
    if not endorser.is_authenticated:
        raise Http404
    endorsements = _endorsements().filter(endorser=endorser)
    if lock:
        endorsements = endorsements.select_for_update(of=("self",))
    try:
        return endorsements.get(pk=endorsement_id)
    except Endorsement.DoesNotExist:
        raise Http404 from None


def access_invitation_by_token(token: str, *, lock: bool = False) -> EndorsementInvitation:
    """The invitation behind a secret link; ``LinkGone`` once expired or used, 404 if unknown."""
    invitations = EndorsementInvitation.objects.select_related("youth")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    try:
        invitation = invitations.get(token=token, youth__is_active=True)
    except EndorsementInvitation.DoesNotExist:
        raise Http404 from None
    if invitation.used_at is not None:
        raise LinkGone("used")
    if invitation.expires_at <= timezone.now():
        raise LinkGone("expired")
    return invitation


def list_received_endorsements(youth: User) -> QuerySet[Endorsement]:
    return (
        _endorsements()
        .filter(youth=youth)
        .exclude(status=Endorsement.Status.WAITING_FOR_EMAIL)
        .order_by("-created_at", "-id")
    )


def list_given_endorsements(endorser: User) -> QuerySet[Endorsement]:
    return _endorsements().filter(endorser=endorser).order_by("-created_at", "-id")


def list_sent_invitations(youth: User) -> QuerySet[EndorsementInvitation]:
    return (
        EndorsementInvitation.objects.filter(youth=youth)
        .prefetch_related("concepts")
        .order_by("-created_at", "-id")
    )


def accepted_endorsements_by_concept(youth: User) -> dict[int, list[Endorsement]]:
    """The youth's accepted endorsements, by concept id, for the profile page (one query)."""
    by_concept: dict[int, list[Endorsement]] = {}
    for endorsement in (
        Endorsement.objects.filter(youth=youth, status=Endorsement.Status.ACCEPTED)
        .select_related("endorser", "endorser_organisation")
        .order_by("-weight", "-answered_at", "-id")
    ):
        by_concept.setdefault(endorsement.concept_id, []).append(endorsement)
    return by_concept


def waiting_for_email(endorsement_ids: list[int], email: str) -> bool:
    """Whether a confirmation link still has endorsements to confirm."""
    return Endorsement.objects.filter(
        pk__in=endorsement_ids,
        endorser__isnull=True,
        endorser_email__iexact=email,
        status=Endorsement.Status.WAITING_FOR_EMAIL,
    ).exists()
