"""An organisation awards an Open Badge for an accepted endorsement of one of its mentors, or
for a skill of an achievement its counsellor validated; its mentors can revoke it.

Views own the transaction; they fetch what is issued through ``skills.badge_selectors``
(``access_organisation_as_mentor``, ``access_issuable_*``, ``access_badge_as_issuer``),
which prove the caller is a mentor of the organisation.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from network import notification_kinds
from network.actions import do_notify
from network.models import Organisation, User

from .. import badge_selectors
from ..badges import issuer_key
from ..models import Achievement, BadgeAssertion, Endorsement, SkillConcept
from .validation import email_on_commit

MAX_REASON = 200


def check_issue_endorsement_badge(
    mentor: User, *, organisation: Organisation, endorsement: Endorsement
) -> BadgeAssertion:
    """Award a badge for an accepted endorsement given by a mentor of ``organisation``."""
    if not badge_selectors.is_organisation_mentor(mentor, organisation.pk):
        raise PermissionDenied(_("Only the organisation's mentors award its badges."))
    if endorsement.status != Endorsement.Status.ACCEPTED:
        raise ValidationError(_("The young person has not accepted this endorsement."))
    if endorsement.endorser_organisation_id != organisation.pk or not (
        endorsement.endorser_id
        and badge_selectors.is_organisation_mentor(endorsement.endorser, organisation.pk)
    ):
        raise ValidationError(_("This endorsement was not given by a mentor of the organisation."))
    narrative = _("%(context)s — %(observed)s") % {
        "context": endorsement.context,
        "observed": endorsement.observed,
    }
    try:
        with transaction.atomic():
            return do_issue_badge(
                organisation=organisation,
                youth=endorsement.youth,
                concept=endorsement.concept,
                endorsement=endorsement,
                narrative=narrative,
            )
    except IntegrityError:
        raise ValidationError(_("A badge was already awarded for this endorsement.")) from None


def check_issue_achievement_badge(
    mentor: User, *, organisation: Organisation, achievement: Achievement, concept: SkillConcept
) -> BadgeAssertion:
    """Award a badge for one skill of an achievement of a profile the organisation validated.

    The caller found the pair through ``badge_selectors.access_issuable_achievement``.
    """
    if not badge_selectors.is_organisation_mentor(mentor, organisation.pk):
        raise PermissionDenied(_("Only the organisation's mentors award its badges."))
    return do_issue_badge(
        organisation=organisation,
        youth=achievement.youth,
        concept=concept,
        achievement=achievement,
        narrative=f"{achievement.title} — {achievement.what_i_did}",
    )


def do_issue_badge(
    *,
    organisation: Organisation,
    youth: User,
    concept: SkillConcept,
    narrative: str,
    endorsement: Endorsement | None = None,
    achievement: Achievement | None = None,
) -> BadgeAssertion:
    badge = BadgeAssertion.objects.create(
        youth=youth,
        concept=concept,
        issuer=organisation,
        endorsement=endorsement,
        achievement=achievement,
        evidence_narrative=narrative[:4000],
    )
    # The signing key exists before anyone asks for the 3.0 credential.
    issuer_key(organisation)
    _tell_youth(badge, kind=notification_kinds.BADGE_ISSUED, template="badge_issued")
    return badge


def check_revoke_badge(mentor: User, *, badge: BadgeAssertion, reason: str) -> BadgeAssertion:
    """Revoke a badge (expects the row locked). Only the issuing organisation's mentors."""
    if not badge_selectors.is_organisation_mentor(mentor, badge.issuer_id):
        raise PermissionDenied(_("Only the organisation's mentors revoke its badges."))
    if badge.is_revoked:
        raise ValidationError(_("This badge is already revoked."))
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Say why the badge is revoked.")})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {"reason": _("Keep the reason under %(max)d characters.") % {"max": MAX_REASON}}
        )
    return do_revoke_badge(badge, reason=reason)


def do_revoke_badge(badge: BadgeAssertion, *, reason: str) -> BadgeAssertion:
    badge.revoked_at = timezone.now()
    badge.revocation_reason = reason
    badge.save(update_fields=["revoked_at", "revocation_reason"])
    _tell_youth(badge, kind=notification_kinds.BADGE_REVOKED, template="badge_revoked")
    return badge


def _tell_youth(badge: BadgeAssertion, *, kind: str, template: str) -> None:
    url = reverse("badges:mine")
    do_notify(
        badge.youth,
        kind=kind,
        params={
            "organisation": badge.issuer.name,
            "skill": badge.concept.label(badge.youth.language),
        },
        url=url,
    )
    email_on_commit(
        badge.youth,
        template=f"skills/badges/email_{template}",
        context={"badge": badge, "url": url},
    )
