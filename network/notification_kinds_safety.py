"""Notification kinds of contact requests, blocking and moderation, in the reader's language.

Texts a recruiter reads name the youth only as ``network.contact`` allows (anonymous until
an adult youth accepts), so the parameters carry the name already chosen for the reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

CONTACT_REQUEST_TO_REVIEW = "contact_request_to_review"
CONTACT_REQUEST_NEW = "contact_request_new"
CONTACT_REQUEST_APPROVED = "contact_request_approved"
CONTACT_REQUEST_REFUSED = "contact_request_refused"
CONTACT_REQUEST_ACCEPTED = "contact_request_accepted"
CONTACT_REQUEST_DECLINED = "contact_request_declined"
CONTACT_REQUEST_WITHDRAWN = "contact_request_withdrawn"
MODERATION_WARNING = "moderation_warning"
REPORT_HANDLED = "report_handled"


def _contact_request_to_review(params: dict[str, Any]) -> str:
    return _("%(recruiter)s of %(organisation)s wants to contact %(name)s: please review it.") % {
        "recruiter": params.get("recruiter", ""),
        "organisation": params.get("organisation", ""),
        "name": params.get("name", ""),
    }


def _contact_request_new(params: dict[str, Any]) -> str:
    return _("%(recruiter)s of %(organisation)s would like to talk with you.") % {
        "recruiter": params.get("recruiter", ""),
        "organisation": params.get("organisation", ""),
    }


def _contact_request_approved(params: dict[str, Any]) -> str:
    return _(
        "A mentor approved your contact request to %(name)s: it now waits for their answer."
    ) % {"name": params.get("name", "")}


def _contact_request_refused(params: dict[str, Any]) -> str:
    return _("The mentor of %(name)s did not approve your contact request.") % {
        "name": params.get("name", "")
    }


def _contact_request_accepted(params: dict[str, Any]) -> str:
    return _("%(name)s accepted your contact request: you can now write to each other.") % {
        "name": params.get("name", "")
    }


def _contact_request_declined(params: dict[str, Any]) -> str:
    return _("%(name)s declined your contact request.") % {"name": params.get("name", "")}


def _contact_request_withdrawn(params: dict[str, Any]) -> str:
    return _("%(recruiter)s withdrew their contact request.") % {
        "recruiter": params.get("recruiter", "")
    }


def _moderation_warning(params: dict[str, Any]) -> str:
    return _("Warning from the AcroJump team: %(note)s") % {"note": params.get("note", "")}


def _report_handled(params: dict[str, Any]) -> str:
    return _("Thank you: the AcroJump team looked at your report.")


TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    CONTACT_REQUEST_TO_REVIEW: _contact_request_to_review,
    CONTACT_REQUEST_NEW: _contact_request_new,
    CONTACT_REQUEST_APPROVED: _contact_request_approved,
    CONTACT_REQUEST_REFUSED: _contact_request_refused,
    CONTACT_REQUEST_ACCEPTED: _contact_request_accepted,
    CONTACT_REQUEST_DECLINED: _contact_request_declined,
    CONTACT_REQUEST_WITHDRAWN: _contact_request_withdrawn,
    MODERATION_WARNING: _moderation_warning,
    REPORT_HANDLED: _report_handled,
}
