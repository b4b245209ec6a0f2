"""Helpers of the portfolio views: who may open them, errors, flags, private files."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from network.models import Role

from ..coach import TextFlag

# --- Helpers -------------------------------------------------------------------------------


def youth_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages of one's own portfolio: log-in first; only youths have a portfolio."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.role != Role.YOUTH:
            raise PermissionDenied(_("Only young people have a portfolio."))
        return view(request, *args, **kwargs)

    return wrapped


def language_code() -> str:
    return (translation.get_language() or "fr")[:2]


def viewer_of(request: HttpRequest) -> object | None:
    return request.user if request.user.is_authenticated else None


def add_errors(form: object, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _flag_rows(flags: list[TextFlag], form: object | None = None) -> list[dict]:
    """Flags ready for the page: where (field label or item, with a link), what, advice."""
    rows = []
    for flag in flags:
        where, url = flag.field, ""
        if flag.field.startswith(("experience:", "achievement:")):
            kind, pk, title = flag.field.split(":", 2)
            where = title
            url = reverse(f"skills:{kind}_edit", args=[int(pk)])
        elif form is not None and flag.field in form.fields:
            where = str(form.fields[flag.field].label)
        elif flag.field.startswith("caption"):
            where = _("Caption")
        rows.append(
            {
                "where": where,
                "url": url,
                "excerpt": flag.excerpt,
                "advice": flag.advice,
                "blocking": flag.blocking,
            }
        )
    return rows


def flags_context(flags: list[TextFlag], form: object | None = None) -> dict:
    return {
        "flags": _flag_rows(flags, form),
        "flags_blocking": any(flag.blocking for flag in flags),
    }


def file_response(
    field_file: object, *, content_type: str, filename: str, inline: bool
) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=filename
    )
    # Private files: never kept by shared caches, and never run as a page if opened directly.
    patch_cache_control(response, private=True, max_age=300)
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def confirm_delete(
    request: HttpRequest,
    *,
    title: str,
    explanation: str,
    cancel_url: str,
    delete: Callable[[], None],
    done_message: str,
    done_url: str,
) -> HttpResponse:
    if request.method == "POST":
        with transaction.atomic():
            delete()
        messages.success(request, done_message)
        return HttpResponseRedirect(done_url)
    return render(
        request,
        "skills/confirm_delete.html",
        {"title": title, "explanation": explanation, "cancel_url": cancel_url},
    )
