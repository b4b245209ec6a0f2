"""Thin views of blocking, reporting and the staff moderation queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import blocking, moderation
from . import moderation_selectors as selectors
from .forms_safety import ModerationForm, ReportForm
from .models import Block, ModerationAction, Report, User

# --- Blocking ------------------------------------------------------------------------------


@login_required
@require_GET
def blocked_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "network/safety/blocked.html", {"blocks": selectors.list_blocks(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def block(request: HttpRequest, user_id: int) -> HttpResponse:
    """GET explains what blocking does; POST blocks and goes to the list of blocked people."""
    person = User.objects.select_related("youth_profile").filter(pk=user_id).first()
    if person is None:
        raise Http404
    context = {
        "person": person,
        "name": selectors.name_for(request.user, person),
        "already": Block.objects.filter(blocker=request.user, blocked=person).exists(),
    }
    if request.method == "POST":
        try:
            blocking.check_block(request.user, blocked_id=user_id)
        except blocking.BlockError as error:
            context["error"] = str(error)
            return render(request, "network/safety/block.html", context, status=400)
        messages.success(
            request,
            _("%(name)s is blocked. You no longer see each other.") % {"name": context["name"]},
        )
        return HttpResponseRedirect(reverse("network:blocked"))
    if person.pk == request.user.pk:
        context["error"] = _("You cannot block yourself.")
        return render(request, "network/safety/block.html", context, status=400)
    return render(request, "network/safety/block.html", context)


@login_required
@require_POST
def unblock(request: HttpRequest, user_id: int) -> HttpResponse:
    blocking.check_unblock(request.user, blocked_id=user_id)
    messages.success(request, _("The block is lifted."))
    return HttpResponseRedirect(reverse("network:blocked"))


# --- Reporting -----------------------------------------------------------------------------


def _target_from(data: dict) -> tuple[str, int]:
    target_type = data.get("type", "")
    try:
        target_id = int(data.get("id", ""))
    except ValueError:
        raise Http404 from None
    if target_type not in Report.Target.values or target_id <= 0:
        raise Http404
    return target_type, target_id


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("network:dashboard")


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """``signaler/?type=post&id=5``: what is reported, a reason, details; POST then back."""
    source = request.POST if request.method == "POST" else request.GET
    target_type, target_id = _target_from(source)
    target = selectors.reportable_target(request.user, target_type, target_id)
    form = ReportForm(request.POST or None)
    context = {
        "form": form,
        "target": target,
        "target_label": Report.Target(target_type).label,
        "person_name": (
            selectors.name_for(request.user, target.reported_user)
            if target.reported_user is not None
            else ""
        ),
        "next": _next_url(request),
    }
    if request.method == "GET":
        return render(request, "network/safety/report.html", context)
    if form.is_valid():
        try:
            _report, created = moderation.check_report(
                request.user,
                target_type=target_type,
                target_id=target_id,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except moderation.ReportError as error:
            context["error"] = str(error)
        else:
            if created:
                messages.success(
                    request, _("Thank you. The AcroJump team will look at your report.")
                )
            else:
                messages.info(
                    request,
                    _("You already reported this. Thank you: the AcroJump team is looking at it."),
                )
            return HttpResponseRedirect(context["next"])
    return render(request, "network/safety/report.html", context, status=400)


# --- Moderation (staff) --------------------------------------------------------------------


@login_required
@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    reports = selectors.list_open_reports(request.user)
    return render(
        request,
        "network/safety/queue.html",
        {"reports": reports, "open_count": selectors.count_open_reports(request.user)},
    )


def _report_page(
    request: HttpRequest,
    report_id: int,
    *,
    form: ModerationForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    found = selectors.access_report(request.user, report_id)
    actions, other_reports = selectors.person_history(request.user, found)
    return render(
        request,
        "network/safety/report_detail.html",
        {
            "report": found,
            "content": selectors.current_content(found),
            "history_actions": actions,
            "history_reports": other_reports,
            "report_actions": found.actions.select_related("moderator").order_by("id"),
            "kinds": ModerationAction.Kind.choices,
            "form": form,
            "error": error,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderation_report(request: HttpRequest, report_id: int) -> HttpResponse:
    """A report with the excerpt, the content now, the person's history; POST acts."""
    if request.method == "GET":
        return _report_page(request, report_id)
    selectors.require_moderator(request.user)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        return _report_page(
            request,
            report_id,
            form=form,
            error=_("Choose an action; 2000 characters at most."),
            status=400,
        )
    try:
        action = moderation.check_moderate(
            request.user,
            report_id=report_id,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
        )
    except moderation.ModerationError as refused:
        return _report_page(request, report_id, form=form, error=str(refused), status=400)
    messages.success(
        request, _("Done: %(action)s.") % {"action": action.get_kind_display().lower()}
    )
    return HttpResponseRedirect(reverse("network:moderation_queue"))


@login_required
@require_GET
def moderation_journal(request: HttpRequest) -> HttpResponse:
    return render(
        request, "network/safety/journal.html", {"actions": selectors.list_actions(request.user)}
    )
