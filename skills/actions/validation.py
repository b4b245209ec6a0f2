"""A youth asks their counsellor to validate the profile before it goes to partner employers
(the Mission Locale "CV library" practice); the counsellor validates or declines it.

Views own the transaction and fetch validations through
``skills.validation_selectors.access_validation(..., lock=True)``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network import notification_kinds
from network.actions import do_notify
from network.emails import send_after_commit
from network.models import Mentorship, Role, User

from .. import validation_selectors
from ..models import ProfileValidation

MAX_COMMENT = 2000


def email_on_commit(recipient: User, *, template: str, context: dict) -> None:
    """Send ``template`` (``<template>_subject.txt`` / ``.txt``) to ``recipient`` after commit,
    in their language."""
    with translation.override(recipient.language or "fr"):
        full = {**context, "recipient": recipient, "site_url": site_url()}
        subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
        body = render_to_string(f"{template}.txt", full)
    send_after_commit(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, recipient.email)


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def check_request_validation(youth: User, *, counsellor_id: int) -> ProfileValidation:
    """The youth asks one of their counsellors (active mentorship) to validate the profile.

    One open request at a time: a new one withdraws nothing silently, it is refused.
    """
    if youth.role != Role.YOUTH:
        raise PermissionDenied(_("Only young people have a profile to validate."))
    mentorship = next(
        (
            mentorship
            for mentorship in validation_selectors.active_counsellors(youth)
            if mentorship.mentor_id == counsellor_id
        ),
        None,
    )
    if mentorship is None:
        raise ValidationError({"counsellor": _("Choose one of the counsellors who follow you.")})
    # Two clicks at once must not open two requests (the caller owns the transaction).
    User.objects.select_for_update().filter(pk=youth.pk).first()
    if ProfileValidation.objects.filter(
        youth=youth, status=ProfileValidation.Status.REQUESTED
    ).exists():
        raise ValidationError(
            _("You already asked for a validation: wait for the answer or withdraw it.")
        )
    return do_request_validation(youth, counsellor=mentorship.mentor, mentorship=mentorship)


def do_request_validation(
    youth: User, *, counsellor: User, mentorship: Mentorship
) -> ProfileValidation:
    """Store the request and tell the counsellor (notification and e-mail)."""
    validation = ProfileValidation.objects.create(
        youth=youth,
        counsellor=counsellor,
        organisation=mentorship.organisation,
        status=ProfileValidation.Status.REQUESTED,
    )
    url = reverse("skills:validation_review", args=[validation.pk])
    do_notify(
        counsellor,
        kind=notification_kinds.VALIDATION_REQUESTED,
        params={"name": youth.display_name},
        url=url,
    )
    email_on_commit(
        counsellor,
        template="skills/validation/email_requested",
        context={"youth": youth, "url": url},
    )
    return validation


def check_withdraw_validation(youth: User, *, validation: ProfileValidation) -> None:
    """The youth withdraws a request not answered yet. Expects the validation row locked."""
    if validation.youth_id != youth.pk:
        raise PermissionDenied
    if validation.status != ProfileValidation.Status.REQUESTED:
        raise ValidationError(_("This request was already answered."))
    validation.status = ProfileValidation.Status.WITHDRAWN
    validation.save(update_fields=["status"])
    if validation.counsellor is not None:
        do_notify(
            validation.counsellor,
            kind=notification_kinds.VALIDATION_WITHDRAWN,
            params={"name": youth.display_name},
            url=reverse("skills:validation_requests"),
        )


def check_answer_validation(
    counsellor: User, *, validation: ProfileValidation, validate: bool, comment: str
) -> ProfileValidation:
    """The counsellor asked validates or declines, with a comment (required to decline).

    Expects the validation row locked. Nobody else may answer, and only while the
    counsellor still follows the youth.
    """
    validation_selectors.require_counsellor(counsellor, validation)
    if validation.status != ProfileValidation.Status.REQUESTED:
        raise ValidationError(_("This request is no longer waiting for an answer."))
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise ValidationError(
            {"comment": _("Keep the comment under %(max)d characters.") % {"max": MAX_COMMENT}}
        )
    if not validate and not comment:
        raise ValidationError({"comment": _("Say what the young person should improve.")})
    return do_answer_validation(
        counsellor, validation=validation, validate=validate, comment=comment
    )


def do_answer_validation(
    counsellor: User, *, validation: ProfileValidation, validate: bool, comment: str
) -> ProfileValidation:
    validation.comment = comment
    if validate:
        validation.status = ProfileValidation.Status.VALIDATED
        validation.validated_at = timezone.now()
        validation.snapshot = validation_selectors.profile_snapshot(validation.youth)
    else:
        validation.status = ProfileValidation.Status.DECLINED
    validation.save(update_fields=["status", "comment", "validated_at", "snapshot"])
    youth = validation.youth
    url = reverse("skills:validation_mine")
    do_notify(
        youth,
        kind=(
            notification_kinds.PROFILE_VALIDATED
            if validate
            else notification_kinds.PROFILE_VALIDATION_DECLINED
        ),
        params={"name": counsellor.display_name},
        url=url,
    )
    email_on_commit(
        youth,
        template="skills/validation/email_answered",
        context={"validation": validation, "counsellor": counsellor, "url": url},
    )
    return validation
