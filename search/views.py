"""Recruiter search pages: the search with its filters and facets, and similar profiles."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from network.models import Role
from network.relations import is_blocked_between
from skills.models import SkillLevel

from . import presenters, service
from .query import QueryError, decode_cursor, encode_cursor, parse

CSS = "acrojump/css/search.css"


def _require_recruiter(request: HttpRequest) -> None:
    user = request.user
    if not (user.role == Role.RECRUITER or user.is_staff or user.role == Role.STAFF):
        raise PermissionDenied


@login_required
@require_GET
def profiles(request: HttpRequest) -> HttpResponse:
    """``GET /recherche/?q=&must=&nice=&level=&endorsed=&validated=&town=&km=&before=&lang=``"""
    _require_recruiter(request)
    context = {"css": CSS, "params": request.GET, "levels": SkillLevel.choices}
    try:
        query = parse(request.GET)
    except QueryError as error:
        context["errors"] = error.messages
        return render(request, "search/profiles.html", context, status=400)
    after = None
    if request.GET.get("after"):
        after = decode_cursor(request.GET["after"])
        if after is None:
            context["errors"] = [_("This page of results no longer exists. Start again.")]
            return render(request, "search/profiles.html", context, status=400)
    results = service.search_profiles(query, viewer=request.user, after=after)
    page = results.page
    context.update(
        query=query,
        cards=presenters.cards(page.hits),
        total=page.total,
        degraded=results.degraded,
        facets=presenters.facet_links(page.facets, request.GET),
        endorsed_count=page.facets.endorsed,
        next_url=presenters.next_page_url(request.GET, encode_cursor(page.next_after))
        if page.next_after
        else "",
        first_page=after is None,
        saved_params=query.params(),
    )
    return render(request, "search/profiles.html", context)


@login_required
@require_GET
def similar(request: HttpRequest, user_id: int) -> HttpResponse:
    """Profiles that share skills with profile ``user_id`` (404 when it is not in search)."""
    _require_recruiter(request)
    if is_blocked_between(request.user, user_id):
        raise Http404
    results = service.similar_profiles(user_id, viewer=request.user, size=12)
    if results is None:
        raise Http404
    return render(
        request,
        "search/similar.html",
        {
            "css": CSS,
            "cards": presenters.cards(results.page.hits),
            "degraded": results.degraded,
            "start": presenters.cards(service.document_hits([user_id]))[:1],
        },
    )
