"""Thin views of recruiters' contact requests: parse, call one action or selector, render.

Every page works without JavaScript: forms POST, then redirect; refused input comes back
on the page with a message and a 4xx status.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import contact as actions
from . import contact_selectors as selectors
from .forms_safety import ContactRequestForm, ReviewForm
from .models import Role, User
from .ratelimit import RateLimited

LIST_TEMPLATES = {
    Role.RECRUITER: "network/contact/recruiter_list.html",
    Role.YOUTH: "network/contact/youth_list.html",
    Role.MENTOR: "network/contact/mentor_list.html",
}


def _list_context(user: User) -> dict:
    if user.role == Role.RECRUITER:
        return {"requests": selectors.list_sent_requests(user)}
    if user.role == Role.YOUTH:
        return {"requests": selectors.list_incoming_requests(user)}
    return {"requests": selectors.list_requests_to_review(user)}


@login_required
@require_GET
def contact_list(request: HttpRequest) -> HttpResponse:
    """One address for everyone: a recruiter's requests, a youth's incoming ones, or the
    requests to the minors a mentor follows."""
    template = LIST_TEMPLATES.get(request.user.role)
    if template is None:
        raise PermissionDenied(_("This page is not for your kind of account."))
    return render(request, template, _list_context(request.user))


def _contactable_youth(youth_id: int) -> User:
    youth = User.objects.select_related("youth_profile").filter(pk=youth_id).first()
    if youth is None:
        raise Http404
    return youth


@login_required
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest, youth_id: int) -> HttpResponse:
    """A recruiter writes a contact request from a youth's profile."""
    youth = _contactable_youth(youth_id)
    refusal = actions.contact_refusal(request.user, youth)
    identity = selectors.youth_identity_for_recruiter(youth)
    form = ContactRequestForm(request.POST or None)
    context = {"youth": youth, "identity": identity, "form": form, "refusal": refusal}
    if refusal is not None:
        return render(request, "network/contact/new.html", context, status=403)
    if request.method == "GET":
        return render(request, "network/contact/new.html", context)
    status = 400
    if form.is_valid():
        try:
            contact_request = actions.check_send_contact_request(
                request.user,
                youth=youth,
                message=form.cleaned_data["message"],
                subject=form.cleaned_data["subject"],
            )
        except RateLimited as limited:
            context["error"] = limited.messages[0]
            status = 429
        except actions.ContactRefused as refused:
            context["refusal"] = str(refused)
            status = 403
        except actions.ContactError as error:
            context["error"] = str(error)
        else:
            messages.success(
                request,
                _("Your request is sent. You will be told when it is answered.")
                if contact_request.status == contact_request.Status.WAITING_FOR_YOUTH
                else _(
                    "Your request is sent. This young person is under 18: their mentor "
                    "reads it first."
                ),
            )
            return HttpResponseRedirect(reverse("network:contact_requests"))
    return render(request, "network/contact/new.html", context, status=status)


def _detail(
    request: HttpRequest, request_id: int, *, error: str = "", status: int = 200
) -> HttpResponse:
    contact_request = selectors.access_contact_request(request.user, request_id)
    return render(
        request,
        "network/contact/detail.html",
        {
            "contact_request": contact_request,
            "error": error,
            "conversation_url": selectors.conversation_url(contact_request.conversation),
        },
        status=status,
    )


@login_required
@require_GET
def contact_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    return _detail(request, request_id)


@login_required
@require_POST
def contact_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    """The youth accepts (then goes to the new conversation) or declines."""
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        return _detail(request, request_id, error=_("Choose to accept or decline."), status=400)
    try:
        contact_request = actions.check_answer_contact_request(
            request.user, request_id=request_id, accept=answer == "accept"
        )
    except actions.ContactError as error:
        return _detail(request, request_id, error=str(error), status=400)
    if answer == "accept":
        messages.success(request, _("You accepted: you can now write to each other."))
        url = selectors.conversation_url(contact_request.conversation)
        return HttpResponseRedirect(url or reverse("network:contact_requests"))
    messages.success(request, _("You declined this request. The recruiter is told."))
    return HttpResponseRedirect(reverse("network:contact_requests"))


@login_required
@require_POST
def contact_review(request: HttpRequest, request_id: int) -> HttpResponse:
    """A mentor approves or refuses a request to a minor they follow."""
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _detail(
            request,
            request_id,
            error=_("Choose to approve or refuse; 500 characters at most."),
            status=400,
        )
    try:
        actions.check_review_contact_request(
            request.user,
            request_id=request_id,
            approve=form.cleaned_data["answer"] == "approve",
            note=form.cleaned_data["note"],
        )
    except actions.ContactError as error:
        return _detail(request, request_id, error=str(error), status=400)
    messages.success(request, _("Your answer is saved."))
    return HttpResponseRedirect(reverse("network:contact_requests"))


@login_required
@require_POST
def contact_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    try:
        actions.check_withdraw_contact_request(request.user, request_id=request_id)
    except actions.ContactError as error:
        return _detail(request, request_id, error=str(error), status=400)
    messages.success(request, _("Your request is withdrawn."))
    return HttpResponseRedirect(reverse("network:contact_requests"))
