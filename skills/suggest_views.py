"""Skill suggestions from free text (public: the taxonomy is public data)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from .suggest import MAX_TEXT_LENGTH, SUPPORTED_LANGUAGES, suggest_skills

# The page reads these messages as they are, in the visitor's language (French by default).
_ERRORS = {
    "text_too_long": {
        "fr": "Le texte est trop long : {max} caractères au plus.",
        "en": "The text is too long: {max} characters at most.",
    },
    "unsupported_language": {
        "fr": "Langue non prise en charge : choisissez parmi {languages}.",
        "en": "Unsupported language: choose one of {languages}.",
    },
}


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    """``GET /skills/suggest/?q=TEXT&lang=fr`` -> ``{"results": [{"uri", "label", "score"}]}``."""
    text = request.GET.get("q", "")
    language = request.GET.get("lang", "fr")
    if len(text) > MAX_TEXT_LENGTH:
        return _error("text_too_long", max=MAX_TEXT_LENGTH)
    if language not in SUPPORTED_LANGUAGES:
        return _error("unsupported_language", languages=", ".join(SUPPORTED_LANGUAGES))
    return JsonResponse({"results": suggest_skills(text, language=language)})


def _error(code: str, **values: object) -> JsonResponse:
    visitor_language = "en" if (translation.get_language() or "fr").startswith("en") else "fr"
    message = _ERRORS[code][visitor_language].format(**values)
    return JsonResponse({"error": message, "code": code}, status=400)
