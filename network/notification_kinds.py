"""What each kind of notification says, written in the reader's language when shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Notification

WELCOME = "welcome"
EMAIL_CONFIRMED = "email_confirmed"
ENDORSEMENT_INVITED = "endorsement_invited"
ENDORSEMENT_RECEIVED = "endorsement_received"
ENDORSEMENT_ACCEPTED = "endorsement_accepted"
ENDORSEMENT_DECLINED = "endorsement_declined"
ENDORSEMENT_WITHDRAWN = "endorsement_withdrawn"
# Mentorship (network/mentorship.py): each step tells the other side.
MENTOR_INVITATION_ACCEPTED = "mentor_invitation_accepted"
MENTOR_INVITATION_DECLINED = "mentor_invitation_declined"
MENTORSHIP_REQUESTED = "mentorship_requested"
MENTORSHIP_REQUEST_ACCEPTED = "mentorship_request_accepted"
MENTORSHIP_REQUEST_DECLINED = "mentorship_request_declined"
MENTORSHIP_ENDED = "mentorship_ended"
MENTORSHIP_SHARED = "mentorship_shared"
MENTORSHIP_UNSHARED = "mentorship_unshared"
FOLLOW_REQUEST_NEW = "follow_request_new"
FOLLOW_REQUEST_TAKEN = "follow_request_taken"

# Profile validation and Open Badges (skills/actions/validation.py, skills/actions/badges.py).
VALIDATION_REQUESTED = "validation_requested"
VALIDATION_WITHDRAWN = "validation_withdrawn"
PROFILE_VALIDATED = "profile_validated"
PROFILE_VALIDATION_DECLINED = "profile_validation_declined"
BADGE_ISSUED = "badge_issued"
BADGE_REVOKED = "badge_revoked"


def _welcome(params: dict[str, Any]) -> str:
    return _(
        "Welcome to AcroJump, %(first_name)s! Your e-mail is confirmed: "
        "you can now build your profile."
    ) % {"first_name": params.get("first_name", "")}


def _email_confirmed(params: dict[str, Any]) -> str:
    return _("Your e-mail address %(email)s is confirmed.") % {"email": params.get("email", "")}


def _name(params: dict[str, Any]) -> dict[str, str]:
    return {"name": params.get("name", "")}


def _mentor_invitation_accepted(params: dict[str, Any]) -> str:
    return _("%(name)s accepted your invitation: you now follow them.") % _name(params)


def _mentor_invitation_declined(params: dict[str, Any]) -> str:
    return _("%(name)s declined your invitation.") % _name(params)


def _mentorship_requested(params: dict[str, Any]) -> str:
    return _("%(name)s asks you to be their mentor.") % _name(params)


def _mentorship_request_accepted(params: dict[str, Any]) -> str:
    return _("%(name)s accepted to be your mentor.") % _name(params)


def _mentorship_request_declined(params: dict[str, Any]) -> str:
    return _("%(name)s declined to be your mentor.") % _name(params)


def _mentorship_ended(params: dict[str, Any]) -> str:
    return _("%(name)s ended the mentorship.") % _name(params)


def _mentorship_shared(params: dict[str, Any]) -> str:
    return _("%(name)s agreed that the other mentors of %(organisation)s follow them too.") % {
        "name": params.get("name", ""),
        "organisation": params.get("organisation", ""),
    }


def _mentorship_unshared(params: dict[str, Any]) -> str:
    return _(
        "%(name)s no longer shares their follow-up with the other mentors of %(organisation)s."
    ) % {"name": params.get("name", ""), "organisation": params.get("organisation", "")}


def _follow_request_new(params: dict[str, Any]) -> str:
    return _("%(name)s asks %(organisation)s to follow them.") % {
        "name": params.get("name", ""),
        "organisation": params.get("organisation", ""),
    }


def _when(iso: str) -> str:
    """A stored ISO date and time, written the reader's way when shown."""
    moment = parse_datetime(iso) if iso else None
    if moment is None:
        return iso
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _follow_request_taken(params: dict[str, Any]) -> str:
    return _(
        "%(name)s of %(organisation)s will follow you. First appointment: %(when)s, %(place)s."
    ) % {
        "name": params.get("name", ""),
        "organisation": params.get("organisation", ""),
        "when": _when(params.get("when", "")),
        "place": params.get("place", ""),
    }


def _validation_requested(params: dict[str, Any]) -> str:
    return _("%(name)s asks you to validate their profile.") % _name(params)


def _validation_withdrawn(params: dict[str, Any]) -> str:
    return _("%(name)s withdrew their request to validate their profile.") % _name(params)


def _profile_validated(params: dict[str, Any]) -> str:
    return _("%(name)s validated your profile.") % _name(params)


def _profile_validation_declined(params: dict[str, Any]) -> str:
    return _("%(name)s did not validate your profile yet: read their comment.") % _name(params)


def _badge_issued(params: dict[str, Any]) -> str:
    return _("%(organisation)s awarded you the badge “%(skill)s”.") % {
        "organisation": params.get("organisation", ""),
        "skill": params.get("skill", ""),
    }


def _badge_revoked(params: dict[str, Any]) -> str:
    return _("%(organisation)s revoked your badge “%(skill)s”.") % {
        "organisation": params.get("organisation", ""),
        "skill": params.get("skill", ""),
    }


def _endorsement_invited(params: dict[str, Any]) -> str:
    return _("%(name)s asks you to endorse their skills on AcroJump.") % {
        "name": params.get("name", "")
    }


def _endorsement_received(params: dict[str, Any]) -> str:
    return _("%(name)s endorsed your skill “%(skill)s”. Accept it to show it on your profile.") % {
        "name": params.get("name", ""),
        "skill": params.get("skill", ""),
    }


def _endorsement_accepted(params: dict[str, Any]) -> str:
    return _("%(name)s accepted your endorsement of “%(skill)s”: it is on their profile.") % {
        "name": params.get("name", ""),
        "skill": params.get("skill", ""),
    }


def _endorsement_declined(params: dict[str, Any]) -> str:
    return _("%(name)s chose not to show your endorsement of “%(skill)s”.") % {
        "name": params.get("name", ""),
        "skill": params.get("skill", ""),
    }


def _endorsement_withdrawn(params: dict[str, Any]) -> str:
    return _("%(name)s withdrew their endorsement of your skill “%(skill)s”.") % {
        "name": params.get("name", ""),
        "skill": params.get("skill", ""),
    }


TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    WELCOME: _welcome,
    EMAIL_CONFIRMED: _email_confirmed,
    MENTOR_INVITATION_ACCEPTED: _mentor_invitation_accepted,
    MENTOR_INVITATION_DECLINED: _mentor_invitation_declined,
    MENTORSHIP_REQUESTED: _mentorship_requested,
    MENTORSHIP_REQUEST_ACCEPTED: _mentorship_request_accepted,
    MENTORSHIP_REQUEST_DECLINED: _mentorship_request_declined,
    MENTORSHIP_ENDED: _mentorship_ended,
    MENTORSHIP_SHARED: _mentorship_shared,
    MENTORSHIP_UNSHARED: _mentorship_unshared,
    FOLLOW_REQUEST_NEW: _follow_request_new,
    FOLLOW_REQUEST_TAKEN: _follow_request_taken,
    VALIDATION_REQUESTED: _validation_requested,
    VALIDATION_WITHDRAWN: _validation_withdrawn,
    PROFILE_VALIDATED: _profile_validated,
    PROFILE_VALIDATION_DECLINED: _profile_validation_declined,
    BADGE_ISSUED: _badge_issued,
    BADGE_REVOKED: _badge_revoked,
    ENDORSEMENT_INVITED: _endorsement_invited,
    ENDORSEMENT_RECEIVED: _endorsement_received,
    ENDORSEMENT_ACCEPTED: _endorsement_accepted,
    ENDORSEMENT_DECLINED: _endorsement_declined,
    ENDORSEMENT_WITHDRAWN: _endorsement_withdrawn,
}

# The network's other parts keep their kinds beside their actions, each in its own module.
from . import (  # noqa: E402
    notification_kinds_events,
    notification_kinds_feed,
    notification_kinds_safety,
)

TEXTS.update(notification_kinds_feed.TEXTS)
TEXTS.update(notification_kinds_safety.TEXTS)
TEXTS.update(notification_kinds_events.TEXTS)


def notification_text(notification: Notification) -> str:
    render = TEXTS.get(notification.kind)
    if render is None:
        return _("You have a new notification.")
    return render(notification.params)
