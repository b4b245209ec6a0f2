"""Endorsements by people the youth invites by e-mail: the invitation with its secret link,
the endorsement written through it without an account, and the e-mail confirmation.

Same refusals as ``skills.actions.endorsements``; nothing is written when one is raised.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from network import notification_kinds
from network.actions import do_notify
from network.models import Role, User

from ..endorsement_selectors import OPEN_STATUSES, LinkGone
from ..endorsement_weight import endorsement_weight
from ..models import Endorsement, EndorsementInvitation, SkillConcept
from .endorsements import (
    EndorsementDetails,
    _absolute,
    _notify,
    _refuse_bad_details,
    _refuse_unknown_skills,
    _send_email_after_commit,
    do_withdraw_endorsement,
)

INVITATION_DAYS = 14
CONFIRMATION_DAYS = 14
MAX_INVITATIONS_PER_DAY = 10
CONFIRMATION_SALT = "skills.endorsement.confirm-email"
#: A withdrawal link works as long as the endorsement is shown: no expiry.
WITHDRAWAL_SALT = "skills.endorsement.withdraw-by-email"


# --- Invitations by e-mail, and endorsing without an account ---------------------------------


def check_invite_endorser(
    youth: User,
    *,
    name: str,
    email: str,
    concepts: Sequence[SkillConcept],
    message: str = "",
    site_url: str = "",
) -> EndorsementInvitation:
    """A youth asks an adult (by e-mail) to endorse some of their skills."""
    if youth.role != Role.YOUTH:
        raise PermissionDenied(_("Only young people have a portfolio."))
    email = email.strip()
    if not name.strip():
        raise ValidationError({"name": _("Write their name.")})
    own_emails = {youth.email.lower()} | {
        address.lower() for address in youth.emailaddress_set.values_list("email", flat=True)
    }
    if email.lower() in own_emails:
        raise ValidationError({"email": _("You cannot endorse your own skills.")})
    if not concepts:
        raise ValidationError({"concepts": _("Choose at least one skill.")})
    _refuse_unknown_skills(youth, concepts)
    since = timezone.now() - datetime.timedelta(days=1)
    if (
        EndorsementInvitation.objects.filter(youth=youth, created_at__gte=since).count()
        >= MAX_INVITATIONS_PER_DAY
    ):
        raise ValidationError(
            _(
                "You have sent %(count)d invitations in the last 24 hours, the most for one "
                "day. Try again tomorrow."
            )
            % {"count": MAX_INVITATIONS_PER_DAY},
            code="rate_limited",
        )
    return do_invite_endorser(
        youth,
        name=name.strip(),
        email=email,
        concepts=concepts,
        message=message.strip(),
        site_url=site_url,
    )


def do_invite_endorser(
    youth: User,
    *,
    name: str,
    email: str,
    concepts: Sequence[SkillConcept],
    message: str,
    site_url: str = "",
) -> EndorsementInvitation:
    invitation = EndorsementInvitation.objects.create(
        youth=youth,
        name=name,
        email=email,
        message=message,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )
    invitation.concepts.set(concepts)
    youth_name = youth.get_full_name() or youth.display_name
    account = User.objects.filter(email__iexact=email, is_active=True).first()
    language = account.language if account is not None else youth.language
    link = _absolute(reverse("skills:endorsement_link", args=[invitation.token]), site_url)

    def body() -> str:
        lines = [
            _("Hello %(name)s,") % {"name": name},
            "",
            _(
                "%(youth)s asks you to endorse skills you saw them use, on AcroJump, a network "
                "where young people show what they can do:"
            )
            % {"youth": youth_name},
            *[f"- {concept.label(language)}" for concept in concepts],
        ]
        if message:
            lines += ["", _("Their message:"), message]
        lines += [
            "",
            _("Open this link to write your endorsement (it works for %(days)d days, once):")
            % {"days": INVITATION_DAYS},
            link,
            "",
            "— AcroJump",
        ]
        return "\n".join(lines)

    _send_email_after_commit(
        email,
        language=language,
        subject=lambda: _("%(youth)s asks you to endorse their skills") % {"youth": youth_name},
        body=body,
    )
    if account is not None:
        do_notify(
            account,
            kind=notification_kinds.ENDORSEMENT_INVITED,
            params={"name": youth_name},
            url=reverse("skills:endorsement_link", args=[invitation.token]),
        )
    return invitation


def confirmation_token(endorsements: Sequence[Endorsement], email: str) -> str:
    return signing.dumps(
        {"ids": [endorsement.pk for endorsement in endorsements], "email": email.lower()},
        salt=CONFIRMATION_SALT,
    )


def withdrawal_token(endorsements: Sequence[Endorsement], email: str) -> str:
    """The secret link an endorser without an account withdraws their endorsements with."""
    return signing.dumps(
        {"ids": [endorsement.pk for endorsement in endorsements], "email": email.lower()},
        salt=WITHDRAWAL_SALT,
    )


def read_withdrawal_token(token: str) -> dict:
    """What a withdrawal link carries; ``ValueError`` if forged."""
    try:
        return signing.loads(token, salt=WITHDRAWAL_SALT)
    except signing.BadSignature:
        raise ValueError("bad withdrawal token") from None


def withdrawable_by_link(token: str) -> list[Endorsement]:
    """The endorsements a withdrawal link can still withdraw (``LinkGone`` if none)."""
    data = read_withdrawal_token(token)
    endorsements = list(
        Endorsement.objects.select_related("youth", "concept")
        .filter(
            pk__in=data.get("ids", []),
            endorser__isnull=True,
            endorser_email__iexact=data.get("email", ""),
        )
        .order_by("id")
    )
    if not endorsements:
        raise ValueError("bad withdrawal token")
    open_ones = [e for e in endorsements if e.status in OPEN_STATUSES]
    if not open_ones:
        raise LinkGone("used")
    return open_ones


def check_withdraw_by_link(token: str, *, site_url: str = "") -> list[Endorsement]:
    """Someone without an account withdraws the endorsements their e-mailed link names.

    The caller owns the transaction; rows are locked so a link opened twice withdraws once.
    """
    ids = [endorsement.pk for endorsement in withdrawable_by_link(token)]
    locked = list(
        Endorsement.objects.select_for_update(of=("self",))
        .select_related("youth", "concept")
        .filter(pk__in=ids, status__in=OPEN_STATUSES)
        .order_by("id")
    )
    if not locked:
        raise LinkGone("used")
    return [
        do_withdraw_endorsement(None, endorsement=endorsement, site_url=site_url)
        for endorsement in locked
    ]


def check_endorse_by_link(
    invitation: EndorsementInvitation,
    *,
    name: str,
    concepts: Sequence[SkillConcept],
    details: EndorsementDetails,
    site_url: str = "",
) -> list[Endorsement]:
    """Someone without an account endorses through an invitation's link.

    ``invitation`` comes from ``access_invitation_by_token(token, lock=True)``: still valid,
    not used. The endorsements wait for the endorser to confirm their e-mail.
    """
    if invitation.used_at is not None:
        raise LinkGone("used")
    if invitation.expires_at <= timezone.now():
        raise LinkGone("expired")
    if not name.strip():
        raise ValidationError({"name": _("Write your name.")})
    if not concepts:
        raise ValidationError({"concepts": _("Choose at least one skill.")})
    _refuse_bad_details(details)
    invited = {concept.pk for concept in invitation.concepts.all()}
    if any(concept.pk not in invited for concept in concepts):
        raise ValidationError({"concepts": _("You were not asked to endorse this skill.")})
    _refuse_unknown_skills(invitation.youth, concepts)
    if Endorsement.objects.filter(
        endorser__isnull=True,
        endorser_email__iexact=invitation.email,
        youth=invitation.youth,
        concept__in=concepts,
        status__in=OPEN_STATUSES,
    ).exists():
        raise ValidationError(_("You have already endorsed this skill."), code="duplicate")
    return do_endorse_by_link(
        invitation, name=name.strip(), concepts=concepts, details=details, site_url=site_url
    )


def do_endorse_by_link(
    invitation: EndorsementInvitation,
    *,
    name: str,
    concepts: Sequence[SkillConcept],
    details: EndorsementDetails,
    site_url: str = "",
) -> list[Endorsement]:
    youth = invitation.youth
    weight = endorsement_weight(
        endorser=None, relationship=details.relationship, language=youth.language
    )
    endorsements = [
        Endorsement.objects.create(
            youth=youth,
            concept=concept,
            endorser=None,
            endorser_name=name,
            endorser_email=invitation.email,
            relationship=details.relationship,
            context=details.context.strip(),
            observed=details.observed.strip(),
            level_seen=details.level_seen,
            status=Endorsement.Status.WAITING_FOR_EMAIL,
            weight=weight.value,
            weight_reason=weight.reason[:300],
        )
        for concept in concepts
    ]
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    link = _absolute(
        reverse(
            "skills:endorsement_confirm",
            args=[confirmation_token(endorsements, invitation.email)],
        ),
        site_url,
    )
    withdraw_link = _absolute(
        reverse(
            "skills:endorsement_withdraw_link",
            args=[withdrawal_token(endorsements, invitation.email)],
        ),
        site_url,
    )
    youth_name = youth.first_name or youth.display_name
    _send_email_after_commit(
        invitation.email,
        language=youth.language,
        subject=lambda: _("Confirm your endorsement of %(youth)s") % {"youth": youth_name},
        body=lambda: "\n".join(
            [
                _("Hello %(name)s,") % {"name": name},
                "",
                _(
                    "Thank you for your endorsement of %(youth)s. Confirm it is you by opening "
                    "this link (it works for %(days)d days):"
                )
                % {"youth": youth_name, "days": CONFIRMATION_DAYS},
                link,
                "",
                _("If you did not write it, ignore this e-mail: nothing will be shown."),
                "",
                _(
                    "Changed your mind later? Keep this e-mail: this link withdraws your "
                    "endorsement at any time:"
                ),
                withdraw_link,
                "",
                "— AcroJump",
            ]
        ),
    )
    return endorsements


def read_confirmation_token(token: str) -> dict:
    """What a confirmation link carries; ``LinkGone`` when expired, ``ValueError`` if forged."""
    try:
        return signing.loads(
            token, salt=CONFIRMATION_SALT, max_age=datetime.timedelta(days=CONFIRMATION_DAYS)
        )
    except signing.SignatureExpired:
        raise LinkGone("expired") from None
    except signing.BadSignature:
        raise ValueError("bad confirmation token") from None


def check_confirm_endorsement_email(token: str, *, site_url: str = "") -> list[Endorsement]:
    """The endorser confirmed their e-mail: the endorsements now wait for the youth.

    The caller owns the transaction; the rows are locked here so that a link opened twice
    at once confirms once.
    """
    data = read_confirmation_token(token)
    endorsements = list(
        Endorsement.objects.select_for_update(of=("self",))
        .select_related("youth", "concept")
        .filter(
            pk__in=data.get("ids", []),
            endorser__isnull=True,
            endorser_email__iexact=data.get("email", ""),
        )
        .order_by("id")
    )
    if not endorsements:
        raise ValueError("bad confirmation token")
    waiting = [e for e in endorsements if e.status == Endorsement.Status.WAITING_FOR_EMAIL]
    if not waiting:
        raise LinkGone("used")
    return do_confirm_endorsement_email(waiting, site_url=site_url)


def do_confirm_endorsement_email(
    endorsements: Sequence[Endorsement], *, site_url: str = ""
) -> list[Endorsement]:
    now = timezone.now()
    for endorsement in endorsements:
        endorsement.status = Endorsement.Status.WAITING_FOR_YOUTH
        endorsement.email_confirmed_at = now
        endorsement.save(update_fields=["status", "email_confirmed_at"])
        _notify(
            endorsement.youth,
            kind=notification_kinds.ENDORSEMENT_RECEIVED,
            name=endorsement.endorser_name,
            concept=endorsement.concept,
            url=reverse("skills:endorsements"),
            site_url=site_url,
        )
    return list(endorsements)
