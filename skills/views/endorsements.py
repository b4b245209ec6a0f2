"""Endorsement pages: endorse a skill, invite an adult by e-mail, answer, withdraw, and the
secret links for people without an account. Parse, call one action or selector, render."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.models import Role, User
from network.relations import is_blocked_between

from .. import endorsement_selectors as selectors
from ..actions.endorsement_invitations import (
    check_confirm_endorsement_email,
    check_endorse_by_link,
    check_invite_endorser,
    check_withdraw_by_link,
    read_confirmation_token,
    withdrawable_by_link,
)
from ..actions.endorsements import (
    EndorsementDetails,
    EndorsementRefused,
    blocked_refusal,
    check_answer_endorsement,
    check_endorse_skill,
    check_withdraw_endorsement,
)
from ..endorsement_selectors import LinkGone
from ..models import Relationship, SkillConcept, SkillLevel
from .common import add_errors, language_code, youth_required


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# --- Forms ---------------------------------------------------------------------------------


class ConceptsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, concept: SkillConcept) -> str:
        return concept.label(language_code())


def _concepts_field(concepts: Sequence[SkillConcept], label: str) -> ConceptsField:
    return ConceptsField(
        queryset=SkillConcept.objects.filter(pk__in=[concept.pk for concept in concepts]),
        label=label,
        error_messages={"required": gettext_lazy("Choose at least one skill.")},
    )


class EndorsementForm(forms.Form):
    relationship = forms.ChoiceField(
        label=gettext_lazy("How do you know them?"), choices=Relationship.choices
    )
    context = forms.CharField(
        label=gettext_lazy("Where and when did you see them at work?"),
        max_length=300,
        help_text=gettext_lazy("For example: the club's end-of-season tournament, June 2025."),
    )
    observed = forms.CharField(
        label=gettext_lazy("What did you see them do?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    level_seen = forms.TypedChoiceField(
        label=gettext_lazy("The level you saw (optional)"),
        choices=[("", gettext_lazy("I do not say"))] + list(SkillLevel.choices),
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: object, concepts: Sequence[SkillConcept], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields = {
            "concepts": _concepts_field(concepts, _("Which skills did you see?")),
            **self.fields,
        }

    def details(self) -> EndorsementDetails:
        return EndorsementDetails(
            relationship=self.cleaned_data["relationship"],
            context=self.cleaned_data["context"],
            observed=self.cleaned_data["observed"],
            level_seen=self.cleaned_data.get("level_seen"),
        )


class LinkEndorsementForm(EndorsementForm):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=150)


class InvitationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Their name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Their e-mail"))
    message = forms.CharField(
        label=gettext_lazy("Your message (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args: object, concepts: Sequence[SkillConcept], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["concepts"] = _concepts_field(concepts, _("Which skills did they see?"))


# --- The youth's page and the endorser's ---------------------------------------------------


def _endorsements_page(
    request: HttpRequest, *, invitation_form: InvitationForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    context: dict = {"given": list(selectors.list_given_endorsements(user))}
    if user.role == Role.YOUTH:
        concepts = selectors.profile_concepts(user)
        context.update(
            {
                "received": list(selectors.list_received_endorsements(user)),
                "invitations": list(selectors.list_sent_invitations(user)[:20]),
                "has_skills": bool(concepts),
                "invitation_form": invitation_form or InvitationForm(concepts=concepts),
            }
        )
    return render(request, "skills/endorsements/list.html", context, status=status)


@require_GET
def endorsements(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _endorsements_page(request)


@youth_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST, concepts=selectors.profile_concepts(request.user))
    if form.is_valid():
        try:
            with transaction.atomic():
                check_invite_endorser(
                    request.user,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    concepts=list(form.cleaned_data["concepts"]),
                    message=form.cleaned_data["message"],
                    site_url=_site_url(request),
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link works for 14 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return HttpResponseRedirect(reverse("skills:endorsements"))
    return _endorsements_page(request, invitation_form=form, status=400)


@youth_required
@require_POST
def answer(request: HttpRequest, endorsement_id: int, decision: str) -> HttpResponse:
    if decision not in ("accept", "decline"):
        raise Http404
    selectors.access_received_endorsement(request.user, endorsement_id)
    try:
        with transaction.atomic():
            endorsement = selectors.access_received_endorsement(
                request.user, endorsement_id, lock=True
            )
            check_answer_endorsement(
                request.user,
                endorsement=endorsement,
                accept=decision == "accept",
                site_url=_site_url(request),
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _endorsements_page(request, status=400)
    if decision == "accept":
        messages.success(request, _("Endorsement accepted: it is now on your profile."))
    else:
        messages.success(request, _("Endorsement declined: it will not be shown."))
    return HttpResponseRedirect(reverse("skills:endorsements"))


@require_POST
def withdraw(request: HttpRequest, endorsement_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("skills:endorsements"))
    selectors.access_given_endorsement(request.user, endorsement_id)
    try:
        with transaction.atomic():
            endorsement = selectors.access_given_endorsement(
                request.user, endorsement_id, lock=True
            )
            check_withdraw_endorsement(
                request.user, endorsement=endorsement, site_url=_site_url(request)
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _endorsements_page(request, status=400)
    messages.success(request, _("Your endorsement is withdrawn: it is no longer shown."))
    return HttpResponseRedirect(reverse("skills:endorsements"))


# --- Endorsing with an account -------------------------------------------------------------


def _refused(request: HttpRequest, youth: User, reason: str) -> HttpResponse:
    return render(
        request,
        "skills/endorsements/refused.html",
        {"youth": youth, "reason": reason},
        status=403,
    )


@require_http_methods(["GET", "POST"])
def endorse(request: HttpRequest, youth_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    youth = selectors.access_youth_to_endorse(youth_id)
    name = youth.first_name or youth.display_name
    if youth.pk == request.user.pk:
        return _refused(request, youth, _("You cannot endorse your own skills."))
    if is_blocked_between(request.user, youth):
        return _refused(request, youth, blocked_refusal())
    rights = selectors.endorsing_rights(request.user, youth)
    if not rights.allowed:
        return _refused(
            request,
            youth,
            _(
                "Only a mentor who follows %(name)s, or an adult they invited, can endorse "
                "their skills."
            )
            % {"name": name},
        )
    form = EndorsementForm(request.POST or None, concepts=rights.concepts)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                with transaction.atomic():
                    for concept in form.cleaned_data["concepts"]:
                        check_endorse_skill(
                            request.user,
                            youth=youth,
                            concept=concept,
                            details=form.details(),
                            site_url=_site_url(request),
                        )
            except EndorsementRefused as refusal:
                return _refused(request, youth, str(refusal))
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you. %(name)s will see your endorsement and can accept it.")
                    % {"name": name},
                )
                return HttpResponseRedirect(reverse("skills:endorsements"))
    return render(
        request,
        "skills/endorsements/endorse.html",
        {"form": form, "youth": youth, "by_link": False},
        status=status,
    )


# --- Without an account: the invitation's link and the e-mail confirmation -----------------


def _gone(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "skills/endorsements/gone.html", {"reason": reason}, status=410)


@require_http_methods(["GET", "POST"])
def endorse_by_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = selectors.access_invitation_by_token(token)
    except LinkGone as gone:
        return _gone(request, gone.reason)
    youth = invitation.youth
    account = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    if account is not None:
        # The invited adult has an account: they endorse logged in, as themself.
        if request.user.is_authenticated and request.user.pk == account.pk:
            return HttpResponseRedirect(reverse("skills:endorse", args=[youth.pk]))
        return render(
            request,
            "skills/endorsements/log_in_first.html",
            {"youth": youth, "next": reverse("skills:endorse", args=[youth.pk])},
        )
    concepts = list(invitation.concepts.all())
    form = LinkEndorsementForm(
        request.POST or None, concepts=concepts, initial={"name": invitation.name}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                with transaction.atomic():
                    locked = selectors.access_invitation_by_token(token, lock=True)
                    check_endorse_by_link(
                        locked,
                        name=form.cleaned_data["name"],
                        concepts=list(form.cleaned_data["concepts"]),
                        details=form.details(),
                        site_url=_site_url(request),
                    )
            except LinkGone as gone:
                return _gone(request, gone.reason)
            except ValidationError as error:
                add_errors(form, error)
            else:
                return render(
                    request,
                    "skills/endorsements/check_email.html",
                    {"youth": youth, "email": invitation.email},
                )
    return render(
        request,
        "skills/endorsements/endorse.html",
        {"form": form, "youth": youth, "by_link": True, "invitation": invitation},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    # Opening the link only shows a button: mail scanners open links on their own.
    try:
        data = read_confirmation_token(token)
        if not selectors.waiting_for_email(data.get("ids", []), data.get("email", "")):
            raise LinkGone("used")
        if request.method == "POST":
            with transaction.atomic():
                confirmed = check_confirm_endorsement_email(token, site_url=_site_url(request))
            return render(
                request,
                "skills/endorsements/confirmed.html",
                {"youth": confirmed[0].youth},
            )
    except LinkGone as gone:
        return _gone(request, gone.reason)
    except ValueError:
        raise Http404 from None
    return render(request, "skills/endorsements/confirm.html", {})


@require_http_methods(["GET", "POST"])
def withdraw_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """An endorser without an account withdraws with the link of their confirmation e-mail.

    Opening the link only shows what would be withdrawn and a button (mail scanners open
    links on their own)."""
    try:
        endorsements = withdrawable_by_link(token)
        if request.method == "POST":
            with transaction.atomic():
                withdrawn = check_withdraw_by_link(token, site_url=_site_url(request))
            return render(
                request,
                "skills/endorsements/withdrawn_by_link.html",
                {"youth": withdrawn[0].youth, "endorsements": withdrawn},
            )
    except LinkGone as gone:
        return _gone(request, gone.reason)
    except ValueError:
        raise Http404 from None
    return render(
        request,
        "skills/endorsements/withdraw_by_link.html",
        {"youth": endorsements[0].youth, "endorsements": endorsements},
    )
