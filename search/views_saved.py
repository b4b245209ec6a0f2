"""Thin views of saved searches: the list, save (from the search page), delete, alerts on
and off. Only recruiters use them (403 for anybody else); a saved search of another recruiter
does not exist for them (404). Every form is a POST with CSRF, then a redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import saved_searches as actions
from .views import CSS


def _require_recruiter(request: HttpRequest) -> None:
    if not actions.can_save_searches(request.user):
        raise PermissionDenied(_("Only recruiters save searches."))


def _list(request: HttpRequest, *, errors: list[str] | None = None, status: int = 200):
    context = {
        "css": CSS,
        "rows": actions.saved_search_rows(request.user),
        "max_saved": actions.MAX_SAVED,
        "errors": errors or [],
    }
    if errors and request.method == "POST" and "params" in request.POST:
        # A refused save: its name and filters come back to be fixed, nothing is lost.
        context["retry"] = {
            "name": request.POST.get("name", ""),
            "params": request.POST["params"],
            "search_url": actions.search_url(request.POST["params"]),
        }
    return render(request, "search/saved_searches.html", context, status=status)


@login_required
@require_GET
def saved_searches(request: HttpRequest) -> HttpResponse:
    """``GET /recherche/recherches/``: the recruiter's saved searches."""
    _require_recruiter(request)
    return _list(request)


@login_required
@require_POST
def save_search(request: HttpRequest) -> HttpResponse:
    """``POST name, params`` (the search page's query string), then back to that search."""
    _require_recruiter(request)
    try:
        saved = actions.check_save_search(
            request.user, name=request.POST.get("name", ""), params=request.POST.get("params", "")
        )
    except actions.SavedSearchError as error:
        return _list(request, errors=error.messages, status=400)
    messages.success(
        request,
        _("Search “%(name)s” saved. We will tell you when new profiles match it.")
        % {"name": saved.name},
    )
    return HttpResponseRedirect(actions.search_url(saved.params))


@login_required
@require_POST
def delete_saved_search(request: HttpRequest, pk: int) -> HttpResponse:
    _require_recruiter(request)
    with transaction.atomic():
        saved = actions.access_saved_search(request.user, pk, lock=True)
        name = saved.name
        actions.do_delete_saved_search(saved)
    messages.success(request, _("Search “%(name)s” deleted.") % {"name": name})
    return HttpResponseRedirect(reverse("search:saved_searches"))


@login_required
@require_POST
def toggle_saved_search_alerts(request: HttpRequest, pk: int) -> HttpResponse:
    """``POST alerts=1`` turns the alerts on, ``alerts=0`` off (a double click changes nothing
    twice)."""
    _require_recruiter(request)
    wanted = request.POST.get("alerts", "")
    if wanted not in ("0", "1"):
        actions.access_saved_search(request.user, pk)  # 404 first for someone else's
        return _list(request, errors=[_("Choose to turn the alerts on or off.")], status=400)
    with transaction.atomic():
        saved = actions.access_saved_search(request.user, pk, lock=True)
        actions.do_set_saved_search_alerts(saved, alerts=wanted == "1")
    if saved.alerts:
        text = _("Alerts on for “%(name)s”: we will tell you about new profiles.")
    else:
        text = _("Alerts off for “%(name)s”.")
    messages.success(request, text % {"name": saved.name})
    return HttpResponseRedirect(reverse("search:saved_searches"))
