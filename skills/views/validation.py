"""Profile validation pages: the youth asks, the counsellor reviews and answers."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.models import Role
from network.privacy import Audience

from .. import badge_selectors, validation_selectors
from ..actions import validation as validation_actions
from ..models import ProfileValidation
from .common import add_errors, youth_required


class AskValidationForm(forms.Form):
    counsellor = forms.TypedChoiceField(label=gettext_lazy("Counsellor"), coerce=int)

    def __init__(self, *args: object, mentorships: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].choices = [
            (
                mentorship.mentor_id,
                f"{mentorship.mentor.display_name}"
                + (f" ({mentorship.organisation.name})" if mentorship.organisation else ""),
            )
            for mentorship in mentorships
        ]


class AnswerValidationForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Your answer"),
        choices=[
            ("validate", gettext_lazy("I validate this profile")),
            ("decline", gettext_lazy("Not yet: it needs work")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the young person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=validation_actions.MAX_COMMENT,
    )


def _mentor_required(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.role != Role.MENTOR:
        raise PermissionDenied(_("Only mentors answer validation requests."))
    return None


def _mine_context(request: HttpRequest, form: AskValidationForm | None = None) -> dict:
    youth = request.user
    mentorships = list(validation_selectors.active_counsellors(youth))
    validations = list(validation_selectors.list_own_validations(youth))
    return {
        "form": form or AskValidationForm(mentorships=mentorships),
        "mentorships": mentorships,
        "validations": validations,
        "waiting": any(v.status == ProfileValidation.Status.REQUESTED for v in validations),
        "mark": validation_selectors.validation_mark(youth, audience=Audience.OWNER),
    }


@youth_required
@require_GET
def validation_mine(request: HttpRequest) -> HttpResponse:
    return render(request, "skills/validation/mine.html", _mine_context(request))


@youth_required
@require_POST
def validation_ask(request: HttpRequest) -> HttpResponse:
    mentorships = list(validation_selectors.active_counsellors(request.user))
    form = AskValidationForm(request.POST, mentorships=mentorships)
    if form.is_valid():
        try:
            with transaction.atomic():
                validation_actions.check_request_validation(
                    request.user, counsellor_id=form.cleaned_data["counsellor"]
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your counsellor is asked to validate your profile."))
            return HttpResponseRedirect(reverse("skills:validation_mine"))
    return render(request, "skills/validation/mine.html", _mine_context(request, form), status=400)


@youth_required
@require_POST
def validation_withdraw(request: HttpRequest, validation_id: int) -> HttpResponse:
    try:
        with transaction.atomic():
            validation = validation_selectors.access_validation(
                request.user, validation_id, lock=True
            )
            validation_actions.check_withdraw_validation(request.user, validation=validation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return HttpResponseRedirect(reverse("skills:validation_mine"))


@require_GET
def validation_requests(request: HttpRequest) -> HttpResponse:
    refused = _mentor_required(request)
    if refused:
        return refused
    return render(
        request,
        "skills/validation/requests.html",
        {
            "validations": validation_selectors.list_requests_for_counsellor(request.user),
            "organisations": badge_selectors.mentor_organisations(request.user),
        },
    )


def _review_context(request: HttpRequest, validation: ProfileValidation) -> dict:
    youth = validation.youth
    # A counsellor who no longer follows the youth sees the request, not the profile.
    follows = request.user.pk == youth.pk or (
        validation_selectors.active_mentorship(youth, request.user) is not None
    )
    return {
        "validation": validation,
        "youth": youth,
        "follows": follows,
        "snapshot": validation_selectors.profile_snapshot(youth) if follows else None,
        "mark": (
            validation_selectors.validation_mark(youth, audience=Audience.MENTOR)
            if follows
            else None
        ),
        "can_answer": (
            follows
            and request.user.pk == validation.counsellor_id
            and validation.status == ProfileValidation.Status.REQUESTED
        ),
    }


@require_http_methods(["GET", "POST"])
def validation_review(request: HttpRequest, validation_id: int) -> HttpResponse:
    """The counsellor asked reviews the profile and answers; the youth can read the answer."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    validation = validation_selectors.access_validation(request.user, validation_id)
    if request.method == "GET":
        form = AnswerValidationForm()
        return render(
            request,
            "skills/validation/review.html",
            {**_review_context(request, validation), "form": form},
        )
    validation_selectors.require_counsellor(request.user, validation)
    form = AnswerValidationForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                locked = validation_selectors.access_validation(
                    request.user, validation_id, lock=True
                )
                validation_actions.check_answer_validation(
                    request.user,
                    validation=locked,
                    validate=form.cleaned_data["decision"] == "validate",
                    comment=form.cleaned_data["comment"],
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your answer is sent to the young person."))
            return HttpResponseRedirect(reverse("skills:validation_requests"))
    return render(
        request,
        "skills/validation/review.html",
        {**_review_context(request, validation), "form": form},
        status=400,
    )
