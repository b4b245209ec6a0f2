"""Thin views of connections ("Mon réseau") and of following organisations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import connections as actions
from . import connections_selectors as selectors
from .forms_feed import ConnectionRequestForm
from .models import Connection
from .ratelimit import RateLimited
from .relations import connection_between
from .selectors import access_organisation


@login_required
@require_GET
def connections(request: HttpRequest) -> HttpResponse:
    user = request.user
    rows = [
        (
            connection,
            connection.addressee if connection.requester_id == user.pk else connection.requester,
        )
        for connection in selectors.list_connections(user)
    ]
    return render(
        request,
        "network/connections/index.html",
        {
            "connections": rows,
            "received": selectors.list_received_requests(user),
            "sent": selectors.list_sent_requests(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_connection(request: HttpRequest, user_id: int) -> HttpResponse:
    """GET says where the pair stands (or why asking is not possible); POST asks."""
    person = selectors.access_person(request.user, user_id)
    form = ConnectionRequestForm(request.POST if request.method == "POST" else None)
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            connection = actions.check_request_connection(
                request.user, addressee=person, message=form.cleaned_data["message"]
            )
        except RateLimited as limited:
            error, status = limited.messages[0], 429
        except actions.ConnectionRefused as refused:
            error, status = str(refused), refused.status
        else:
            if connection.status == Connection.Status.ACCEPTED:
                messages.success(
                    request,
                    _("You are now connected with %(name)s.") % {"name": person.display_name},
                )
            else:
                messages.success(request, _("Your request is sent."))
            return HttpResponseRedirect(reverse("network:connections"))
    existing = connection_between(request.user, person) if person.pk != request.user.pk else None
    refusal = None if existing else actions.request_refusal(request.user, person)
    if person.pk == request.user.pk:
        refusal = _("You cannot connect with yourself.")
    return render(
        request,
        "network/connections/request.html",
        {
            "person": person,
            "form": form,
            "existing": existing,
            "refusal": refusal,
            "error": error,
        },
        status=status,
    )


def _refused(request: HttpRequest, refused: actions.ConnectionRefused) -> HttpResponse:
    return render(
        request,
        "network/connections/refused.html",
        {"error": str(refused)},
        status=refused.status,
    )


@login_required
@require_POST
def answer_connection(request: HttpRequest, connection_id: int) -> HttpResponse:
    try:
        actions.check_answer_connection(
            request.user,
            connection_id=connection_id,
            accept=request.POST.get("answer") == "accept",
        )
    except actions.ConnectionRefused as refused:
        return _refused(request, refused)
    return HttpResponseRedirect(reverse("network:connections"))


@login_required
@require_POST
def cancel_connection(request: HttpRequest, connection_id: int) -> HttpResponse:
    try:
        actions.check_cancel_connection_request(request.user, connection_id=connection_id)
    except actions.ConnectionRefused as refused:
        return _refused(request, refused)
    return HttpResponseRedirect(reverse("network:connections"))


@login_required
@require_POST
def remove_connection(request: HttpRequest, user_id: int) -> HttpResponse:
    actions.check_remove_connection(request.user, other_id=user_id)
    return HttpResponseRedirect(reverse("network:connections"))


@login_required
@require_http_methods(["GET", "POST"])
def follow_organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """GET shows whether the person follows the organisation; POST follows or unfollows."""
    organisation = access_organisation(request.user, organisation_id)
    if request.method == "POST":
        if request.POST.get("follow") == "0":
            actions.do_unfollow_organisation(request.user, organisation=organisation)
            messages.success(
                request, _("You no longer follow %(name)s.") % {"name": organisation.name}
            )
        else:
            actions.do_follow_organisation(request.user, organisation=organisation)
            messages.success(
                request,
                _("You follow %(name)s: its news shows in your feed.")
                % {"name": organisation.name},
            )
        return HttpResponseRedirect(reverse("network:organisation_follow", args=[organisation.pk]))
    return render(
        request,
        "network/connections/follow.html",
        {"state": selectors.follow_state(request.user, organisation)},
    )
