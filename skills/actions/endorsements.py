"""Endorsements: an adult vouches for a youth's skill; the youth accepts it before it shows.

Who may endorse (``skills.endorsement_selectors.endorsing_rights``): an active mentor of the
youth, or an adult the youth invited by e-mail. Someone without an account endorses through
the invitation's secret link, then confirms by e-mail (``endorsement_invitations``). Every
step notifies the other side live (``do_notify``) and by e-mail after commit, in the
recipient's language.

Refusals raise ``ValidationError`` (bad input: skill not on the profile, duplicate, too many
invitations), ``EndorsementRefused`` (the person may not endorse) or
``endorsement_selectors.LinkGone`` (expired or used link). Nothing is written then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network import notification_kinds
from network.actions import do_notify
from network.emails import send_after_commit
from network.feed import do_delete_endorsement_activity, do_record_endorsement_activity
from network.models import Membership, Mentorship, Organisation, Role, User
from network.relations import is_blocked_between

from ..endorsement_selectors import (
    OPEN_STATUSES,
    endorsing_rights,
    profile_concepts,
)
from ..endorsement_weight import endorsement_weight
from ..models import Endorsement, EndorsementInvitation, Relationship, SkillConcept


class EndorsementRefused(PermissionDenied):
    """This person may not endorse this youth (or this skill); the message says why."""


@dataclass(frozen=True)
class EndorsementDetails:
    """What the endorser says: how they know the youth, where they saw them, what they saw."""

    relationship: str
    context: str
    observed: str
    level_seen: int | None = None


# --- Side effects ----------------------------------------------------------------------------


def _absolute(path: str, site_url: str) -> str:
    return (site_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


def _send_email_after_commit(
    to: str, *, language: str, subject: Callable[[], str], body: Callable[[], str]
) -> None:
    """Write the e-mail in the recipient's language now; send it once the data is committed."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject_text, body_text = subject(), body()
    send_after_commit(subject_text, body_text, to)


def _notify(
    recipient: User, *, kind: str, name: str, concept: SkillConcept, url: str, site_url: str
) -> None:
    """Tell ``recipient`` live and by e-mail, in their language."""
    language = recipient.language or settings.LANGUAGE_CODE
    params = {"name": name, "skill": concept.label(language)}
    notification = do_notify(recipient, kind=kind, params=params, url=url)

    def body() -> str:
        text = notification_kinds.notification_text(notification)
        return f"{text}\n\n{_absolute(url, site_url)}\n\n— AcroJump"

    _send_email_after_commit(
        recipient.email,
        language=language,
        subject=lambda: _("AcroJump: an endorsement of your skills"),
        body=body,
    )


def _endorser_name(endorsement: Endorsement) -> str:
    if endorsement.endorser is not None:
        return endorsement.endorser.display_name
    return endorsement.endorser_name


# --- Endorsing with an account ---------------------------------------------------------------


def _refuse_unknown_skills(youth: User, concepts: Sequence[SkillConcept]) -> None:
    on_profile = {concept.pk for concept in profile_concepts(youth)}
    missing = [concept for concept in concepts if concept.pk not in on_profile]
    if missing:
        raise ValidationError(
            _(
                "“%(skill)s” is not on %(name)s's profile: only skills on the profile "
                "can be endorsed."
            )
            % {"skill": missing[0].label(), "name": youth.first_name or youth.display_name},
            code="not_on_profile",
        )


def _refuse_bad_details(details: EndorsementDetails) -> None:
    if details.relationship not in Relationship.values:
        raise ValidationError({"relationship": _("Choose how you know them.")})
    if not details.context.strip():
        raise ValidationError({"context": _("Say where and when you saw them.")})
    if not details.observed.strip():
        raise ValidationError({"observed": _("Say what you saw them do.")})


def _membership(endorser: User, organisation: Organisation | None) -> Membership | None:
    memberships = Membership.objects.filter(user=endorser).select_related("organisation")
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    return memberships.order_by("-organisation__verified", "id").first()


def blocked_refusal() -> str:
    return _("You cannot endorse this person's skills: one of you blocked the other.")


def check_endorse_skill(
    endorser: User,
    *,
    youth: User,
    concept: SkillConcept,
    details: EndorsementDetails,
    site_url: str = "",
) -> Endorsement:
    """Validate and make an endorsement from an account. The caller owns the transaction."""
    if endorser.pk == youth.pk:
        raise EndorsementRefused(_("You cannot endorse your own skills."))
    if youth.role != Role.YOUTH:
        raise EndorsementRefused(_("Only a young person's skills can be endorsed."))
    if endorser.is_minor:
        raise EndorsementRefused(_("Only adults can endorse a skill."))
    if is_blocked_between(endorser, youth):
        raise EndorsementRefused(blocked_refusal())
    _refuse_bad_details(details)
    _refuse_unknown_skills(youth, [concept])
    rights = endorsing_rights(endorser, youth)
    if concept.pk not in {allowed.pk for allowed in rights.concepts}:
        raise EndorsementRefused(
            _(
                "Only a mentor who follows %(name)s, or an adult they invited to endorse this "
                "skill, can endorse it."
            )
            % {"name": youth.first_name or youth.display_name}
        )
    if Endorsement.objects.filter(
        endorser=endorser, youth=youth, concept=concept, status__in=OPEN_STATUSES
    ).exists():
        raise ValidationError(
            _("You have already endorsed “%(skill)s” for %(name)s.")
            % {"skill": concept.label(), "name": youth.first_name or youth.display_name},
            code="duplicate",
        )
    try:
        with transaction.atomic():
            endorsement = do_endorse_skill(
                endorser,
                youth=youth,
                concept=concept,
                details=details,
                mentorship=rights.mentorship,
                site_url=site_url,
            )
    except IntegrityError:
        # Two submissions at once: the unique constraint kept the first.
        raise ValidationError(
            _("You have already endorsed “%(skill)s” for %(name)s.")
            % {"skill": concept.label(), "name": youth.first_name or youth.display_name},
            code="duplicate",
        ) from None
    for invitation in rights.invitations:
        _mark_used_when_done(invitation, endorser)
    return endorsement


def _mark_used_when_done(invitation: EndorsementInvitation, endorser: User) -> None:
    """An invitation to an account ends once each of its skills is endorsed by them."""
    wanted = {concept.pk for concept in invitation.concepts.all()}
    done = set(
        Endorsement.objects.filter(
            endorser=endorser, youth=invitation.youth, status__in=OPEN_STATUSES
        ).values_list("concept_id", flat=True)
    )
    if wanted <= done:
        EndorsementInvitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )


def do_endorse_skill(
    endorser: User,
    *,
    youth: User,
    concept: SkillConcept,
    details: EndorsementDetails,
    mentorship: Mentorship | None,
    site_url: str = "",
) -> Endorsement:
    """Store the endorsement, waiting for the youth, and tell them.

    The caller checked that ``endorser`` may endorse ``concept`` of ``youth`` (``mentorship``
    is the follow-up that allows it, ``None`` for an invited adult).
    """
    organisation = mentorship.organisation if mentorship is not None else None
    membership = _membership(endorser, organisation)
    if organisation is None and membership is not None:
        organisation = membership.organisation
    weight = endorsement_weight(
        endorser=endorser,
        relationship=details.relationship,
        mentorship=mentorship,
        organisation=organisation,
        function=membership.function if membership is not None else "",
        language=youth.language,
    )
    endorsement = Endorsement.objects.create(
        youth=youth,
        concept=concept,
        endorser=endorser,
        endorser_name=endorser.display_name,
        endorser_organisation=organisation,
        relationship=details.relationship,
        context=details.context.strip(),
        observed=details.observed.strip(),
        level_seen=details.level_seen,
        status=Endorsement.Status.WAITING_FOR_YOUTH,
        weight=weight.value,
        weight_reason=weight.reason[:300],
    )
    _notify(
        youth,
        kind=notification_kinds.ENDORSEMENT_RECEIVED,
        name=endorser.display_name,
        concept=concept,
        url=reverse("skills:endorsements"),
        site_url=site_url,
    )
    return endorsement


# --- The youth answers; the endorser withdraws -----------------------------------------------


def check_answer_endorsement(
    youth: User, *, endorsement: Endorsement, accept: bool, site_url: str = ""
) -> Endorsement:
    """Accept or decline an endorsement. ``endorsement`` comes from
    ``access_received_endorsement(youth, ..., lock=True)``: only the youth answers."""
    if endorsement.youth_id != youth.pk:
        raise PermissionDenied
    if endorsement.status != Endorsement.Status.WAITING_FOR_YOUTH:
        raise ValidationError(_("This endorsement has already been answered or withdrawn."))
    return do_answer_endorsement(youth, endorsement=endorsement, accept=accept, site_url=site_url)


def do_answer_endorsement(
    youth: User, *, endorsement: Endorsement, accept: bool, site_url: str = ""
) -> Endorsement:
    endorsement.status = Endorsement.Status.ACCEPTED if accept else Endorsement.Status.DECLINED
    endorsement.answered_at = timezone.now()
    endorsement.save(update_fields=["status", "answered_at"])
    if accept:
        do_record_endorsement_activity(youth, endorsement=endorsement)
    kind = (
        notification_kinds.ENDORSEMENT_ACCEPTED
        if accept
        else notification_kinds.ENDORSEMENT_DECLINED
    )
    if endorsement.endorser is not None:
        _notify(
            endorsement.endorser,
            kind=kind,
            name=youth.first_name or youth.display_name,
            concept=endorsement.concept,
            url=reverse("skills:endorsements"),
            site_url=site_url,
        )
    elif endorsement.endorser_email:
        # No account: only an e-mail, in the youth's language (the one they wrote in).
        language = youth.language or settings.LANGUAGE_CODE
        params = {
            "name": youth.first_name or youth.display_name,
            "skill": endorsement.concept.label(language),
        }
        render = notification_kinds.TEXTS[kind]
        _send_email_after_commit(
            endorsement.endorser_email,
            language=language,
            subject=lambda: _("AcroJump: your endorsement"),
            body=lambda: f"{render(params)}\n\n— AcroJump",
        )
    return endorsement


def check_withdraw_endorsement(
    endorser: User, *, endorsement: Endorsement, site_url: str = ""
) -> Endorsement:
    """Withdraw one's endorsement. ``endorsement`` comes from
    ``access_given_endorsement(endorser, ..., lock=True)``: only its author withdraws it."""
    if endorsement.endorser_id != endorser.pk:
        raise PermissionDenied
    if endorsement.status not in OPEN_STATUSES:
        raise ValidationError(_("This endorsement is no longer shown: nothing to withdraw."))
    return do_withdraw_endorsement(endorser, endorsement=endorsement, site_url=site_url)


def do_withdraw_endorsement(
    endorser: User | None, *, endorsement: Endorsement, site_url: str = ""
) -> Endorsement:
    """``endorser`` is ``None`` for someone without an account withdrawing by their link."""
    endorsement.status = Endorsement.Status.WITHDRAWN
    endorsement.withdrawn_at = timezone.now()
    endorsement.save(update_fields=["status", "withdrawn_at"])
    do_delete_endorsement_activity(endorsement.pk)
    _notify(
        endorsement.youth,
        kind=notification_kinds.ENDORSEMENT_WITHDRAWN,
        name=endorser.display_name if endorser is not None else endorsement.endorser_name,
        concept=endorsement.concept,
        url=reverse("skills:endorsements"),
        site_url=site_url,
    )
    return endorsement
