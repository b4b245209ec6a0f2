"""Open Badges pages and the public documents verifiers fetch."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from network.models import Organisation

from .. import badge_selectors, badges
from ..actions import badges as badge_actions
from .common import youth_required

JSON_LD = "application/ld+json"


def _public(response: HttpResponse, *, max_age: int = 300) -> HttpResponse:
    # Verifiers and backpacks fetch these from anywhere.
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _json(data: dict, *, status: int = 200) -> HttpResponse:
    return _public(
        JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False, "indent": 2}),
        max_age=60,
    )


def _organisation(organisation_id: int) -> Organisation:
    try:
        return Organisation.objects.get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404 from None


# --- Public documents -----------------------------------------------------------------------


@require_GET
def issuer(request: HttpRequest, organisation_id: int) -> HttpResponse:
    return _json(badges.issuer_json(_organisation(organisation_id)))


@require_GET
def jwks(request: HttpRequest, organisation_id: int) -> HttpResponse:
    return _json(badges.public_jwks(_organisation(organisation_id)))


@require_GET
def revocations(request: HttpRequest, organisation_id: int) -> HttpResponse:
    return _json(badges.revocation_list_json(_organisation(organisation_id)))


@require_GET
def badge_class(request: HttpRequest, organisation_id: int, slug: str) -> HttpResponse:
    organisation, concept = badge_selectors.badge_class_exists(organisation_id, slug)
    return _json(badges.badge_class_json(organisation, concept))


@require_GET
def badge_class_image(request: HttpRequest, organisation_id: int, slug: str) -> HttpResponse:
    organisation, concept = badge_selectors.badge_class_exists(organisation_id, slug)
    png = badges.badge_image(concept.label("fr"), organisation.name)
    return _public(HttpResponse(png, content_type="image/png"), max_age=86400)


@require_GET
def assertion(request: HttpRequest, badge_id: uuid.UUID) -> HttpResponse:
    """Hosted verification: the assertion at its own id; a revoked one answers 410 Gone."""
    badge = badge_selectors.public_badge(badge_id)
    if badge.is_revoked:
        return _json(badges.revoked_assertion_json(badge), status=410)
    return _json(badges.assertion_json(badge))


@require_GET
def assertion_image(request: HttpRequest, badge_id: uuid.UUID) -> HttpResponse:
    """The badge PNG with the assertion baked in (iTXt ``openbadges``)."""
    badge = badge_selectors.public_badge(badge_id)
    if badge.is_revoked:
        raise Http404
    png = badges.bake_png(
        badges.badge_image(badge.concept.label("fr"), badge.issuer.name),
        badges.assertion_json(badge),
    )
    response = HttpResponse(png, content_type="image/png")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="badge-{badge.pk}.png"'
    return _public(response)


@require_GET
def credential(request: HttpRequest, badge_id: uuid.UUID) -> HttpResponse:
    """The Open Badges 3.0 credential as a VC-JWT (revocation is told by the status list)."""
    badge = badge_selectors.public_badge(badge_id)
    response = HttpResponse(badges.credential_jwt(badge), content_type="application/vc+jwt")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="badge-{badge.pk}.jwt"'
    return _public(response)


# --- People ---------------------------------------------------------------------------------


@youth_required
@require_GET
def my_badges(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "skills/badges/mine.html",
        {"badges": badge_selectors.list_own_badges(request.user)},
    )


def _organisation_page(request: HttpRequest, organisation: Organisation, *, status: int = 200):
    return render(
        request,
        "skills/badges/organisation.html",
        {
            "organisation": organisation,
            "endorsements": badge_selectors.issuable_endorsements(organisation),
            "achievements": badge_selectors.issuable_achievements(organisation),
            "badges": badge_selectors.list_organisation_badges(organisation),
        },
        status=status,
    )


@require_GET
def organisation_badges(request: HttpRequest, organisation_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation = badge_selectors.access_organisation_as_mentor(request.user, organisation_id)
    return _organisation_page(request, organisation)


def _done(request: HttpRequest, organisation_id: int, text: str) -> HttpResponse:
    messages.success(request, text)
    return HttpResponseRedirect(reverse("badges:organisation", args=[organisation_id]))


@require_POST
def issue_endorsement_badge(
    request: HttpRequest, organisation_id: int, endorsement_id: int
) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("badges:organisation", args=[organisation_id]))
    organisation = badge_selectors.access_organisation_as_mentor(request.user, organisation_id)
    endorsement = badge_selectors.access_issuable_endorsement(organisation, endorsement_id)
    try:
        with transaction.atomic():
            badge_actions.check_issue_endorsement_badge(
                request.user, organisation=organisation, endorsement=endorsement
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _organisation_page(request, organisation, status=400)
    return _done(request, organisation.pk, _("The badge is awarded."))


@require_POST
def issue_achievement_badge(
    request: HttpRequest, organisation_id: int, achievement_id: int, concept_id: int
) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("badges:organisation", args=[organisation_id]))
    organisation = badge_selectors.access_organisation_as_mentor(request.user, organisation_id)
    with transaction.atomic():
        item = badge_selectors.access_issuable_achievement(organisation, achievement_id, concept_id)
        badge_actions.check_issue_achievement_badge(
            request.user,
            organisation=organisation,
            achievement=item.achievement,
            concept=item.concept,
        )
    return _done(request, organisation.pk, _("The badge is awarded."))


@require_POST
def revoke_badge(request: HttpRequest, badge_id: uuid.UUID) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("badges:mine"))
    badge = badge_selectors.access_badge_as_issuer(request.user, badge_id)
    try:
        with transaction.atomic():
            locked = badge_selectors.access_badge_as_issuer(request.user, badge_id, lock=True)
            badge_actions.check_revoke_badge(
                request.user, badge=locked, reason=request.POST.get("reason", "")
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _organisation_page(request, badge.issuer, status=400)
    return _done(request, badge.issuer_id, _("The badge is revoked."))
