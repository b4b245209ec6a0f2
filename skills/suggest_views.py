"""Skill suggestions from free text (public: the taxonomy is public data)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    from .suggest import suggest_skills

    text = request.GET.get("q", "")
    language = request.GET.get("lang", "fr")
    return JsonResponse({"results": suggest_skills(text, language=language)})
