"""Thin views of opportunities: parse, call one action or selector, render.

Refused actions answer with the reason on the page and a 4xx status (403 by default, 409 for
a double application); ids a person may not see answer 404 (``access_*`` selectors).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import opportunities as actions
from . import opportunities_selectors as selectors
from .forms_opportunities import ApplyForm, DecisionForm, FilterForm, OpportunityForm, RecommendForm
from .models import Application, Opportunity, Role
from .opportunity_fit import fit_of, youth_situation

CSS = "acrojump/css/opportunities.css"


def _add_errors(form: object, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _require_poster(request: HttpRequest) -> None:
    if request.user.role not in selectors.POSTER_ROLES:
        raise PermissionDenied(_("Only recruiters and mentors of an organisation post offers."))


def _language() -> str:
    return (translation.get_language() or "fr")[:2]


# --- Youths -------------------------------------------------------------------------------------


@login_required
@require_GET
def opportunity_list(request: HttpRequest) -> HttpResponse:
    """Open opportunities ranked by fit for a youth; others are sent to their own offers."""
    if request.user.role != Role.YOUTH:
        return HttpResponseRedirect(reverse("network:my_opportunities"))
    form = FilterForm(request.GET or None)
    situation = youth_situation(request.user)
    rows = selectors.ranked_opportunities(
        request.user,
        situation=situation,
        filters=form.filters() if form.is_bound else selectors.Filters(),
    )
    return render(
        request,
        "network/opportunities/list.html",
        {"rows": rows, "form": form, "situation": situation, "css": CSS},
    )


@login_required
@require_GET
def opportunity_detail(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = selectors.access_opportunity(request.user, opportunity_id)
    return _detail(request, opportunity, ApplyForm())


def _detail(
    request: HttpRequest,
    opportunity: Opportunity,
    apply_form: ApplyForm,
    *,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    context: dict = {
        "opportunity": opportunity,
        "apply_form": apply_form,
        "refusal": refusal,
        "css": CSS,
        "manages": selectors.is_member(user, opportunity.organisation_id),
    }
    if user.role == Role.YOUTH:
        context["fit"] = fit_of(opportunity, youth_situation(user))
        context["application"] = selectors.application_of(user, opportunity)
        context["apply_refusal"] = actions.apply_refusal(user, opportunity)
    return render(request, "network/opportunities/detail.html", context, status=status)


@login_required
@require_POST
def opportunity_apply(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = selectors.access_opportunity(request.user, opportunity_id)
    form = ApplyForm(request.POST)
    if not form.is_valid():
        return _detail(request, opportunity, form, status=400)
    try:
        actions.check_apply(
            request.user,
            opportunity=opportunity,
            message=form.cleaned_data["message"],
            named=form.cleaned_data["named"],
        )
    except actions.Refused as refused:
        return _detail(
            request, opportunity, form, refusal=refused.messages[0], status=refused.status
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _detail(request, opportunity, form, status=400)
    messages.success(request, _("Your application is sent. You can follow it here."))
    return HttpResponseRedirect(reverse("network:my_applications"))


@login_required
@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    if request.user.role != Role.YOUTH:
        raise PermissionDenied(_("Only young people apply to opportunities."))
    return render(
        request,
        "network/opportunities/my_applications.html",
        {
            "applications": selectors.my_applications(request.user),
            "withdrawable": actions.WITHDRAWABLE,
            "css": CSS,
        },
    )


@login_required
@require_POST
def application_withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    try:
        actions.check_withdraw(request.user, application_id=application_id)
    except actions.Refused as refused:
        messages.error(request, refused.messages[0])
        return HttpResponseRedirect(reverse("network:my_applications"))
    messages.success(request, _("Your application is withdrawn."))
    return HttpResponseRedirect(reverse("network:my_applications"))


# --- Posters ------------------------------------------------------------------------------------


@login_required
@require_GET
def my_opportunities(request: HttpRequest) -> HttpResponse:
    _require_poster(request)
    return render(
        request,
        "network/opportunities/mine.html",
        {
            "opportunities": selectors.managed_opportunities(request.user),
            "organisations": selectors.posting_organisations(request.user),
            "css": CSS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_new(request: HttpRequest) -> HttpResponse:
    _require_poster(request)
    organisations = list(selectors.posting_organisations(request.user))
    if not organisations:
        raise PermissionDenied(_("Join an organisation first: offers are posted in its name."))
    raw = request.POST.get("organisation") or request.GET.get("organisation")
    chosen = organisations[0]
    if raw:
        try:
            chosen = selectors.access_posting_organisation(request.user, int(raw))
        except ValueError:
            chosen = organisations[0]
    form = OpportunityForm(
        request.POST or None, initial={"no_diploma_required": True, "town": chosen.town}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                opportunity = actions.check_create_opportunity(
                    request.user, organisation=chosen, data=form.details()
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your offer is online."))
                return HttpResponseRedirect(reverse("network:opportunity", args=[opportunity.pk]))
        status = 400
    return render(
        request,
        "network/opportunities/form.html",
        {
            "form": form,
            "organisations": organisations,
            "organisation": chosen,
            "opportunity": None,
            "css": CSS,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = selectors.access_managed_opportunity(request.user, opportunity_id)
    form = OpportunityForm(request.POST or None, initial=OpportunityForm.initial_from(opportunity))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.check_edit_opportunity(
                    request.user, opportunity_id=opportunity.pk, data=form.details()
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your changes are saved."))
                return HttpResponseRedirect(reverse("network:opportunity", args=[opportunity.pk]))
        status = 400
    return render(
        request,
        "network/opportunities/form.html",
        {
            "form": form,
            "organisation": opportunity.organisation,
            "opportunity": opportunity,
            "css": CSS,
        },
        status=status,
    )


@login_required
@require_POST
def opportunity_status(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = actions.check_set_opportunity_open(
        request.user, opportunity_id=opportunity_id, open=request.POST.get("open") == "1"
    )
    if opportunity.status == Opportunity.Status.OPEN:
        messages.success(request, _("The offer is open again."))
    else:
        messages.success(request, _("The offer is closed: it no longer takes applications."))
    return HttpResponseRedirect(reverse("network:opportunity", args=[opportunity.pk]))


@login_required
@require_GET
def opportunity_pipeline(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = selectors.access_managed_opportunity(request.user, opportunity_id)
    groups = selectors.pipeline(request.user, opportunity)
    columns = [
        (status, label, groups[status])
        for status, label in Application.Status.choices
        if status in groups
    ]
    return render(
        request,
        "network/opportunities/pipeline.html",
        {"opportunity": opportunity, "columns": columns, "css": CSS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_decide(request: HttpRequest, application_id: int) -> HttpResponse:
    """GET: the form, its message prefilled with kind words for the chosen status."""
    application = selectors.access_managed_application(request.user, application_id)
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                actions.check_decide(
                    request.user,
                    application_id=application.pk,
                    status=form.cleaned_data["status"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Done: the young person is told."))
                return HttpResponseRedirect(
                    reverse("network:opportunity_pipeline", args=[application.opportunity_id])
                )
        status = 400
    else:
        chosen = request.GET.get("status", Application.Status.NOT_RETAINED)
        if chosen not in actions.MOVES:
            chosen = Application.Status.NOT_RETAINED
        form = DecisionForm(
            initial={
                "status": chosen,
                "message": actions.default_decision_message(
                    application, status=chosen, language=_language()
                ),
            }
        )
    return render(
        request,
        "network/opportunities/decide.html",
        {
            "form": form,
            "candidate": selectors.candidate(application),
            "opportunity": application.opportunity,
            "css": CSS,
        },
        status=status,
    )


@login_required
@require_GET
def suggested_profiles(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = selectors.access_managed_opportunity(request.user, opportunity_id)
    return render(
        request,
        "network/opportunities/suggested.html",
        {
            "opportunity": opportunity,
            "profiles": selectors.suggested_profiles(opportunity, viewer=request.user),
            "css": CSS,
        },
    )


# --- Counsellors --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def application_recommend(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.access_mentored_application(request.user, application_id)
    form = RecommendForm(request.POST or None, initial={"text": application.recommendation})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.check_recommend(
                    request.user, application_id=application.pk, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your recommendation is added: the recruiter sees it."))
                return HttpResponseRedirect(
                    reverse("network:application_recommend", args=[application.pk])
                )
        status = 400
    return render(
        request,
        "network/opportunities/recommend.html",
        {"form": form, "application": application, "css": CSS},
        status=status,
    )
