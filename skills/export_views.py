"""Downloads of a person's own data: everything as JSON or as a readable PDF, and the
one-page skills CV as PDF.

Both answer only about the logged-in person: no id comes from the request.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from network.models import Role

from .cv_pdf import CV_LANGUAGES, render_cv_pdf
from .data_pdf import render_data_pdf
from .export import collect_user_data


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_GET
def export_data(request: HttpRequest) -> HttpResponse:
    """All the data AcroJump holds about the logged-in person, as a JSON file."""
    data = collect_user_data(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return _attachment(response, f"acrojump-mes-donnees-{timezone.localdate().isoformat()}.json")


@never_cache
@login_required
@require_GET
def export_data_pdf(request: HttpRequest) -> HttpResponse:
    """The same data as ``export_data``, as a PDF to read, in the account's language."""
    response = HttpResponse(render_data_pdf(request.user), content_type="application/pdf")
    return _attachment(response, f"acrojump-mes-donnees-{timezone.localdate().isoformat()}.pdf")


@never_cache
@login_required
@require_GET
def export_cv(request: HttpRequest) -> HttpResponse:
    """The logged-in youth's one-page skills CV: ``?lang=fr|en`` (default: the account's
    language), ``?contact=0`` for a version without name and contact details."""
    if request.user.role != Role.YOUTH:
        raise PermissionDenied(_("The skills CV is made from a young person's portfolio."))
    language = request.GET.get("lang") or (
        request.user.language if request.user.language in CV_LANGUAGES else "fr"
    )
    if language not in CV_LANGUAGES:
        return HttpResponse(
            _("The CV exists in French (lang=fr) or English (lang=en)."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    include_contact = request.GET.get("contact", "1") != "0"
    pdf = render_cv_pdf(request.user, language=language, include_contact=include_contact)
    response = HttpResponse(pdf, content_type="application/pdf")
    return _attachment(response, f"acrojump-cv-{language}.pdf")
