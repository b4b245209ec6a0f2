"""Evidence and personal documents: upload, download through a permission check, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import actions, selectors
from ..actions import PublicTextFlagged
from ..forms import (
    DocumentForm,
    EvidenceFileForm,
    EvidenceLinkForm,
)
from ..models import Evidence
from ..uploads import UploadRejected
from .common import (
    add_errors,
    confirm_delete,
    file_response,
    flags_context,
    viewer_of,
    youth_required,
)
from .items import render_achievement

# --- Evidence ------------------------------------------------------------------------------


@youth_required
@require_POST
def evidence_add_file(request: HttpRequest, achievement_id: int) -> HttpResponse:
    achievement = selectors.access_own_achievement(request.user, achievement_id)
    form = EvidenceFileForm(request.POST, request.FILES)
    extra: dict = {}
    if form.is_valid():
        try:
            with transaction.atomic():
                locked = selectors.access_own_achievement(request.user, achievement_id, lock=True)
                actions.check_add_evidence_file(
                    request.user,
                    achievement=locked,
                    upload=form.cleaned_data["file"],
                    caption=form.cleaned_data.get("caption", ""),
                    keep_my_words=form.cleaned_data.get("keep_my_words", False),
                )
        except UploadRejected as rejected:
            form.add_error("file", rejected.message)
        except ValidationError as error:
            add_errors(form, error)
        except PublicTextFlagged as flagged:
            extra = flags_context(flagged.flags, form)
        else:
            messages.success(request, _("Your evidence is added."))
            return HttpResponseRedirect(
                reverse("skills:achievement_detail", args=[achievement.pk]) + "#evidence"
            )
    achievement.shown_experience = achievement.experience
    return render_achievement(request, achievement, status=400, file_form=form, **extra)


@youth_required
@require_POST
def evidence_add_link(request: HttpRequest, achievement_id: int) -> HttpResponse:
    achievement = selectors.access_own_achievement(request.user, achievement_id)
    form = EvidenceLinkForm(request.POST)
    extra: dict = {}
    if form.is_valid():
        try:
            with transaction.atomic():
                locked = selectors.access_own_achievement(request.user, achievement_id, lock=True)
                actions.check_add_evidence_link(
                    request.user,
                    achievement=locked,
                    url=form.cleaned_data["url"],
                    caption=form.cleaned_data.get("caption", ""),
                    keep_my_words=form.cleaned_data.get("keep_my_words", False),
                )
        except ValidationError as error:
            add_errors(form, error)
        except PublicTextFlagged as flagged:
            extra = flags_context(flagged.flags, form)
        else:
            messages.success(request, _("Your link is added."))
            return HttpResponseRedirect(
                reverse("skills:achievement_detail", args=[achievement.pk]) + "#evidence"
            )
    achievement.shown_experience = achievement.experience
    return render_achievement(request, achievement, status=400, link_form=form, **extra)


@require_GET
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """The file of a piece of evidence, for whoever may see its achievement."""
    evidence = selectors.access_evidence(viewer_of(request), evidence_id)
    if evidence.kind == Evidence.Kind.LINK or not evidence.file:
        raise Http404
    extension = evidence.stored_name.rsplit(".", 1)[-1]
    return file_response(
        evidence.file,
        content_type=evidence.content_type,
        filename=f"preuve-{evidence.pk}.{extension}",
        inline=evidence.kind == Evidence.Kind.IMAGE,
    )


@youth_required
@require_http_methods(["GET", "POST"])
def evidence_delete(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = selectors.access_own_evidence(request.user, evidence_id)
    achievement_url = reverse("skills:achievement_detail", args=[evidence.achievement_id])

    def delete() -> None:
        locked = selectors.access_own_evidence(request.user, evidence_id, lock=True)
        actions.do_delete_evidence(request.user, evidence=locked)

    return confirm_delete(
        request,
        title=_("Delete this evidence?"),
        explanation=str(evidence),
        cancel_url=achievement_url,
        delete=delete,
        done_message=_("The evidence is deleted."),
        done_url=achievement_url + "#evidence",
    )


# --- Personal documents --------------------------------------------------------------------


@youth_required
@require_http_methods(["GET", "POST"])
def document_list(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    actions.check_add_document(
                        request.user,
                        title=form.cleaned_data["title"],
                        upload=form.cleaned_data["file"],
                        shared_with_mentors=form.cleaned_data.get("shared_with_mentors", False),
                    )
            except UploadRejected as rejected:
                form.add_error("file", rejected.message)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Your document is saved."))
                return HttpResponseRedirect(reverse("skills:document_list"))
        status = 400
    else:
        form = DocumentForm()
    return render(
        request,
        "skills/documents.html",
        {"form": form, "documents": selectors.list_own_documents(request.user)},
        status=status,
    )


@require_GET
def document_file(request: HttpRequest, document_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    document = selectors.access_document(request.user, document_id)
    extension = document.stored_name.rsplit(".", 1)[-1]
    return file_response(
        document.file,
        content_type=document.content_type,
        filename=f"document-{document.pk}.{extension}",
        inline=False,
    )


@youth_required
@require_POST
def document_share(request: HttpRequest, document_id: int) -> HttpResponse:
    shared = request.POST.get("shared") == "1"
    with transaction.atomic():
        document = selectors.access_own_document(request.user, document_id, lock=True)
        actions.do_share_document(request.user, document=document, shared=shared)
    message = (
        _("Your mentors can now see “%(title)s”.")
        if shared
        else _("“%(title)s” is now only for you.")
    )
    messages.success(request, message % {"title": document.title})
    return HttpResponseRedirect(reverse("skills:document_list"))


@youth_required
@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.access_own_document(request.user, document_id)

    def delete() -> None:
        locked = selectors.access_own_document(request.user, document_id, lock=True)
        actions.do_delete_document(request.user, document=locked)

    return confirm_delete(
        request,
        title=_("Delete the document “%(title)s”?") % {"title": document.title},
        explanation=_("The file is deleted for good."),
        cancel_url=reverse("skills:document_list"),
        delete=delete,
        done_message=_("The document is deleted."),
        done_url=reverse("skills:document_list"),
    )
