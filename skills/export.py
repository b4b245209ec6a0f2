"""Everything AcroJump holds about one person, as JSON-ready data (DESIGN.md: every youth can
download all their data).

The export is a registry of sections. A section is a function ``(user) -> JSON-ready value``
registered under a name with ``@export_section("name")``; ``collect_user_data`` calls them
all. An app that stores something about a person (endorsements, messages, mentor notes)
registers its own section in a module imported at start-up (its ``AppConfig.ready()``), so
what it stores is never missing from the export and this module never imports that app.

Every section reads only rows that belong to ``user``: the caller passes the person who asks
for their own data, never an id from a request.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from network.models import (
    FollowRequest,
    Membership,
    MentorNote,
    Mentorship,
    Notification,
    User,
    YouthProfile,
)
from network.notification_kinds import notification_text

from .badges import assertion_url, credential_url
from .models import (
    Achievement,
    BadgeAssertion,
    Endorsement,
    EndorsementInvitation,
    Experience,
    PersonalDocument,
    ProfileSkill,
    ProfileValidation,
    SkillConcept,
    SkillProposal,
)

EXPORT_FORMAT = "acrojump-personal-data"
EXPORT_VERSION = 1
#: Key of the export's own description; no section may take it.
META_KEY = "export"

ExportSection = Callable[[User], Any]

_SECTIONS: dict[str, ExportSection] = {}
_TITLES: dict[str, str | Promise] = {}


def export_section(
    name: str, *, title: str | Promise | None = None
) -> Callable[[ExportSection], ExportSection]:
    """Register a section of the personal-data export under ``name``.

    Sections come out in registration order. A name can only be taken once, so two apps
    never overwrite each other's data silently. ``title`` (lazily translated) heads the
    section in the readable PDF.
    """

    def register(function: ExportSection) -> ExportSection:
        existing = _SECTIONS.get(name)
        if name == META_KEY or (
            existing is not None and _qualname(existing) != _qualname(function)
        ):
            raise ValueError(f"The export section {name!r} is already taken.")
        _SECTIONS[name] = function
        if title is not None:
            _TITLES[name] = title
        return function

    return register


def _qualname(function: ExportSection) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def registered_sections() -> list[str]:
    return list(_SECTIONS)


def section_title(name: str) -> str:
    """The heading of a section, in the active language (its name if it has no title)."""
    title = _TITLES.get(name)
    return str(title) if title is not None else capfirst(name.replace("_", " "))


def collect_user_data(user: User) -> dict[str, Any]:
    """All the sections for ``user``, with readable labels in the user's language."""
    with translation.override(user.language or "fr"):
        data: dict[str, Any] = {
            META_KEY: {
                "format": EXPORT_FORMAT,
                "version": EXPORT_VERSION,
                "exported_at": timezone.now().isoformat(),
                "language": user.language,
                "sections": registered_sections(),
            }
        }
        for name, section in _SECTIONS.items():
            data[name] = section(user)
    return data


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def skill_data(concept: SkillConcept) -> dict[str, str]:
    """A skill as the export names it: its URI (ESCO or AcroJump) and its everyday label."""
    return {"uri": concept.uri, "label": concept.label()}


@export_section("account", title=_("My account"))
def _account(user: User) -> dict[str, Any]:
    # The password hash is deliberately left out: it is a secret, not information about
    # the person.
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "role_label": str(user.get_role_display()),
        "date_of_birth": _iso(user.date_of_birth),
        "town": user.town,
        "language": user.language,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("id")
        ],
    }


@export_section("profile", title=_("My profile"))
def _profile(user: User) -> dict[str, Any] | None:
    profile = YouthProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "headline": profile.headline,
        "goals": profile.goals,
        "available_from": _iso(profile.available_from),
        "mobility_km": profile.mobility_km,
        "languages": profile.languages,
        "driving_licence": profile.driving_licence,
        "visibility": profile.visibility,
        "visibility_label": str(profile.get_visibility_display()),
        "discoverable": profile.discoverable,
        "display_mode": profile.display_mode,
        "display_mode_label": str(profile.get_display_mode_display()),
        "updated_at": _iso(profile.updated_at),
    }


@export_section("experiences", title=_("My experiences"))
def _experiences(user: User) -> list[dict[str, Any]]:
    experiences = Experience.objects.filter(youth=user).prefetch_related("skills").order_by("id")
    return [
        {
            "id": experience.pk,
            "kind": experience.kind,
            "kind_label": str(experience.get_kind_display()),
            "title": experience.title,
            "organisation_name": experience.organisation_name,
            "place": experience.place,
            "started_on": _iso(experience.started_on),
            "ended_on": _iso(experience.ended_on),
            "description": experience.description,
            "visibility": experience.visibility,
            "skills": [skill_data(concept) for concept in _by_uri(experience.skills.all())],
            "created_at": _iso(experience.created_at),
            "updated_at": _iso(experience.updated_at),
        }
        for experience in experiences
    ]


@export_section("achievements", title=_("My achievements"))
def _achievements(user: User) -> list[dict[str, Any]]:
    achievements = (
        Achievement.objects.filter(youth=user).prefetch_related("skills", "evidence").order_by("id")
    )
    return [
        {
            "id": achievement.pk,
            "title": achievement.title,
            "what_i_did": achievement.what_i_did,
            "achieved_on": _iso(achievement.achieved_on),
            "experience_id": achievement.experience_id,
            "visibility": achievement.visibility,
            "skills": [skill_data(concept) for concept in _by_uri(achievement.skills.all())],
            "evidence": [
                {
                    "id": evidence.pk,
                    "kind": evidence.kind,
                    "caption": evidence.caption,
                    "url": evidence.url,
                    # The name the file is stored under (never the uploaded name).
                    "file_name": evidence.stored_name,
                    "content_type": evidence.content_type,
                    "size": evidence.size,
                    "created_at": _iso(evidence.created_at),
                }
                for evidence in achievement.evidence.all()
            ],
            "created_at": _iso(achievement.created_at),
            "updated_at": _iso(achievement.updated_at),
        }
        for achievement in achievements
    ]


@export_section("skills", title=_("My skills"))
def _profile_skills(user: User) -> list[dict[str, Any]]:
    profile_skills = (
        ProfileSkill.objects.filter(youth=user).select_related("concept").order_by("id")
    )
    return [
        {
            **skill_data(profile_skill.concept),
            "level": profile_skill.level,
            "level_label": str(profile_skill.get_level_display()),
            "created_at": _iso(profile_skill.created_at),
            "updated_at": _iso(profile_skill.updated_at),
        }
        for profile_skill in profile_skills
    ]


@export_section("documents", title=_("My documents"))
def _documents(user: User) -> list[dict[str, Any]]:
    return [
        {
            "id": document.pk,
            "title": document.title,
            "file_name": document.stored_name,
            "content_type": document.content_type,
            "size": document.size,
            "shared_with_mentors": document.shared_with_mentors,
            "created_at": _iso(document.created_at),
        }
        for document in PersonalDocument.objects.filter(youth=user).order_by("id")
    ]


@export_section("skill_proposals", title=_("Skills I suggested"))
def _skill_proposals(user: User) -> list[dict[str, Any]]:
    proposals = (
        SkillProposal.objects.filter(proposed_by=user).select_related("concept").order_by("id")
    )
    return [
        {
            "text": proposal.text,
            "language": proposal.language,
            "status": proposal.status,
            "status_label": str(proposal.get_status_display()),
            "mapped_to": skill_data(proposal.concept) if proposal.concept else None,
            "created_at": _iso(proposal.created_at),
        }
        for proposal in proposals
    ]


@export_section("organisations", title=_("My organisations"))
def _organisations(user: User) -> list[dict[str, Any]]:
    memberships = Membership.objects.filter(user=user).select_related("organisation").order_by("id")
    return [
        {
            "organisation": membership.organisation.name,
            "kind": membership.organisation.kind,
            "kind_label": str(membership.organisation.get_kind_display()),
            "town": membership.organisation.town,
            "function": membership.function,
            "can_manage": membership.is_admin,
            "joined_at": _iso(membership.joined_at),
        }
        for membership in memberships
    ]


@export_section("notifications", title=_("Notifications"))
def _notifications(user: User) -> list[dict[str, Any]]:
    return [
        {
            "kind": notification.kind,
            "text": notification_text(notification),
            "params": notification.params,
            "url": notification.url,
            "created_at": _iso(notification.created_at),
            "read_at": _iso(notification.read_at),
        }
        for notification in Notification.objects.filter(recipient=user).order_by("id")
    ]


@export_section("mentorships", title=_("Mentors and follow-up"))
def _mentorships(user: User) -> dict[str, Any]:
    """Who follows (or followed) the person and who they follow, and their follow-up requests."""
    mentorships = (
        Mentorship.objects.filter(Q(youth=user) | Q(mentor=user))
        .select_related("youth", "mentor", "organisation")
        .order_by("id")
    )
    return {
        "mentorships": [
            {
                "youth": mentorship.youth.display_name,
                "mentor": mentorship.mentor.display_name,
                "organisation": mentorship.organisation.name if mentorship.organisation else None,
                "status": mentorship.status,
                "status_label": str(mentorship.get_status_display()),
                "shared_with_organisation": mentorship.shared_with_organisation,
                "created_at": _iso(mentorship.created_at),
                "started_at": _iso(mentorship.started_at),
                "ended_at": _iso(mentorship.ended_at),
            }
            for mentorship in mentorships
        ],
        "follow_requests": [
            {
                "organisation": follow_request.organisation.name,
                "message": follow_request.message,
                "status": follow_request.status,
                "taken_by": follow_request.taken_by.display_name
                if follow_request.taken_by
                else None,
                "proposed_appointment": _iso(follow_request.proposed_appointment),
                "appointment_place": follow_request.appointment_place,
                "created_at": _iso(follow_request.created_at),
            }
            for follow_request in FollowRequest.objects.filter(youth=user)
            .select_related("organisation", "taken_by")
            .order_by("id")
        ],
    }


@export_section("mentor_notes", title=_("Notes mentors wrote about me"))
def _mentor_notes(user: User) -> list[dict[str, Any]]:
    """Mentors' private notes about the person: hidden from their contacts, not from them
    (right of access)."""
    notes = MentorNote.objects.filter(youth=user).select_related("author", "organisation")
    return [
        {
            "author": note.author.display_name if note.author else None,
            "organisation": note.organisation.name,
            "text": note.text,
            "created_at": _iso(note.created_at),
            "updated_at": _iso(note.updated_at),
        }
        for note in notes.order_by("id")
    ]


@export_section("validations", title=_("Profile validations"))
def _validations(user: User) -> list[dict[str, Any]]:
    """Validations of the profile asked by the youth, or answered by the counsellor."""
    validations = (
        ProfileValidation.objects.filter(Q(youth=user) | Q(counsellor=user))
        .select_related("youth", "counsellor", "organisation")
        .order_by("id")
    )
    return [
        {
            "youth": validation.youth.display_name,
            "counsellor": validation.counsellor.display_name if validation.counsellor else None,
            "organisation": validation.organisation.name if validation.organisation else None,
            "status": validation.status,
            "status_label": str(validation.get_status_display()),
            "comment": validation.comment,
            # What the profile said when validated: the youth's own data only.
            "snapshot": validation.snapshot if validation.youth_id == user.pk else None,
            "requested_at": _iso(validation.requested_at),
            "validated_at": _iso(validation.validated_at),
        }
        for validation in validations
    ]


@export_section("badges", title=_("Badges"))
def _badges(user: User) -> list[dict[str, Any]]:
    badges = BadgeAssertion.objects.filter(youth=user).select_related("concept", "issuer")
    return [
        {
            "id": str(badge.pk),
            "skill": skill_data(badge.concept),
            "issuer": badge.issuer.name,
            "evidence": badge.evidence_narrative,
            "endorsement_id": badge.endorsement_id,
            "achievement_id": badge.achievement_id,
            "issued_at": _iso(badge.issued_at),
            "revoked_at": _iso(badge.revoked_at),
            "revocation_reason": badge.revocation_reason,
            "open_badges_2": assertion_url(badge),
            "open_badges_3": credential_url(badge),
        }
        for badge in badges.order_by("issued_at", "pk")
    ]


def _endorsement_data(endorsement: Endorsement) -> dict[str, Any]:
    return {
        "id": endorsement.pk,
        "skill": skill_data(endorsement.concept),
        "relationship": endorsement.relationship,
        "relationship_label": str(endorsement.get_relationship_display()),
        "context": endorsement.context,
        "observed": endorsement.observed,
        "level_seen": endorsement.level_seen,
        "status": endorsement.status,
        "status_label": str(endorsement.get_status_display()),
        "weight": endorsement.weight,
        "weight_reason": endorsement.weight_reason,
        "organisation": (
            endorsement.endorser_organisation.name if endorsement.endorser_organisation else None
        ),
        "created_at": _iso(endorsement.created_at),
        "email_confirmed_at": _iso(endorsement.email_confirmed_at),
        "answered_at": _iso(endorsement.answered_at),
        "withdrawn_at": _iso(endorsement.withdrawn_at),
    }


@export_section("endorsements_received", title=_("Endorsements I received"))
def _endorsements_received(user: User) -> dict[str, Any]:
    """Endorsements of the person's skills (with who gave them), and the invitations they
    sent by e-mail."""
    endorsements = (
        Endorsement.objects.filter(youth=user)
        .select_related("concept", "endorser", "endorser_organisation")
        .order_by("id")
    )
    invitations = (
        EndorsementInvitation.objects.filter(youth=user).prefetch_related("concepts").order_by("id")
    )
    return {
        "endorsements": [
            {
                **_endorsement_data(endorsement),
                "endorser_name": endorsement.endorser_name,
                "endorsed_by_email": endorsement.endorser_id is None,
            }
            for endorsement in endorsements
        ],
        "invitations": [
            {
                "name": invitation.name,
                "email": invitation.email,
                "skills": [skill_data(concept) for concept in _by_uri(invitation.concepts.all())],
                "message": invitation.message,
                "created_at": _iso(invitation.created_at),
                "expires_at": _iso(invitation.expires_at),
                "used_at": _iso(invitation.used_at),
            }
            for invitation in invitations
        ],
    }


@export_section("endorsements_given", title=_("Endorsements I gave"))
def _endorsements_given(user: User) -> list[dict[str, Any]]:
    """Endorsements the person wrote for others (the young person is named by first name)."""
    endorsements = (
        Endorsement.objects.filter(endorser=user)
        .select_related("concept", "youth", "endorser_organisation")
        .order_by("id")
    )
    return [
        {**_endorsement_data(endorsement), "youth": endorsement.youth.first_name}
        for endorsement in endorsements
    ]


def _by_uri(concepts: Any) -> list[SkillConcept]:
    return sorted(concepts, key=lambda concept: concept.uri)
