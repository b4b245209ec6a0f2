"""Thin views of mentorship: parse, call one action or selector, render."""

from __future__ import annotations

import segno
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import mentorship as actions
from . import mentorship_selectors as selectors
from .models import Role


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _require_role(request: HttpRequest, role: str) -> None:
    if request.user.role != role:
        raise PermissionDenied(_("This page is not for your kind of account."))


# --- Mentors --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    """GET explains; POST makes a new link and shows it with its QR code."""
    _require_role(request, Role.MENTOR)
    context: dict = {}
    if request.method == "POST":
        invitation = actions.check_create_invitation(request.user)
        url = request.build_absolute_uri(
            reverse("network:mentor_invitation", args=[invitation.token])
        )
        qr_svg = segno.make(url, error="m").svg_inline(
            scale=5, title=_("QR code of the invitation link")
        )
        context = {"invitation": invitation, "invitation_url": url, "qr_svg": qr_svg}
    elif selectors.mentor_organisation(request.user) is None:
        raise PermissionDenied(_("Only mentors of an organisation can invite young people."))
    return render(request, "network/mentorship/invite.html", context)


@login_required
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "all")
    if show not in ("all", "attention", "pending"):
        show = "all"
    sort = request.GET.get("sort", "attention")
    if sort not in selectors.SORTS:
        sort = "attention"
    rows = selectors.caseload(request.user, show=show, sort=sort)
    return render(
        request,
        "network/mentorship/caseload.html",
        {"rows": rows, "show": show, "sort": sort, "inactive_days": selectors.INACTIVE_AFTER.days},
    )


@login_required
@require_POST
def answer_request(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    _require_role(request, Role.MENTOR)
    try:
        actions.check_answer_request(
            request.user, mentorship_id=mentorship_id, accept=request.POST.get("answer") == "accept"
        )
    except actions.MentorshipError as error:
        return HttpResponse(str(error), status=409)
    return HttpResponseRedirect(reverse("network:mentor_caseload"))


@login_required
@require_http_methods(["GET", "POST"])
def youth_detail(request: HttpRequest, youth_id: int) -> HttpResponse:
    """A followed youth, with the organisation's private notes; POST adds a note."""
    youth, organisation = selectors.access_followed_youth(request.user, youth_id)
    error = ""
    status = 200
    text = ""
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            actions.check_add_note(request.user, youth=youth, text=text)
        except actions.MentorshipError as exc:
            error, status = str(exc), 400
        else:
            return HttpResponseRedirect(reverse("network:mentor_youth", args=[youth.pk]))
    return render(
        request,
        "network/mentorship/youth.html",
        {
            "youth": youth,
            "organisation": organisation,
            "notes": selectors.list_notes(request.user, youth),
            "error": error,
            "text": text,
        },
        status=status,
    )


@login_required
@require_GET
def follow_requests(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/mentorship/follow_requests.html",
        {
            "follow_requests": selectors.list_follow_requests(request.user),
            "now": timezone.localtime(),
        },
    )


@login_required
@require_POST
def take_follow_request(request: HttpRequest, follow_request_id: int) -> HttpResponse:
    raw = request.POST.get("appointment", "")
    appointment = parse_datetime(raw) if raw else None
    if appointment is not None and timezone.is_naive(appointment):
        appointment = timezone.make_aware(appointment)
    try:
        actions.check_take_follow_request(
            request.user,
            follow_request_id=follow_request_id,
            appointment=appointment,
            place=request.POST.get("place", ""),
        )
    except actions.MentorshipError as error:
        return render(
            request,
            "network/mentorship/follow_requests.html",
            {
                "follow_requests": selectors.list_follow_requests(request.user),
                "error": str(error),
                "error_request_id": follow_request_id,
                "now": timezone.localtime(),
            },
            status=400,
        )
    return HttpResponseRedirect(reverse("network:follow_requests"))


# --- Youths ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page a youth reaches from a mentor's link or QR code: consent or refusal."""
    try:
        found = selectors.access_invitation(token)
    except selectors.InvitationGone as gone:
        return render(
            request, "network/mentorship/invitation_gone.html", {"message": str(gone)}, status=410
        )
    if request.method == "POST":
        try:
            actions.check_answer_invitation(
                request.user, token=token, accept=request.POST.get("answer") == "accept"
            )
        except actions.MentorshipError as error:
            return render(
                request,
                "network/mentorship/invitation.html",
                {"invitation": found, "error": str(error)},
                status=409,
            )
        except selectors.InvitationGone as gone:
            return render(
                request,
                "network/mentorship/invitation_gone.html",
                {"message": str(gone)},
                status=410,
            )
        return HttpResponseRedirect(reverse("network:my_mentors"))
    return render(request, "network/mentorship/invitation.html", {"invitation": found})


def _my_mentors_context(request: HttpRequest, **extra: object) -> dict:
    # Near the youth by default (all towns when none is near); an empty town lists all.
    town = request.GET.get("town", request.user.town)[:120]
    choices = selectors.list_mentor_choices(town=town)
    if "town" not in request.GET and not choices.exists():
        town = ""
        choices = selectors.list_mentor_choices()
    return {
        "mentorships": selectors.list_youth_mentorships(request.user),
        "follow_requests": selectors.list_youth_follow_requests(request.user),
        "mentor_choices": choices,
        "mentor_town": town,
        "follow_organisations": selectors.list_follow_organisations(),
        "has_counsellor": selectors.has_counsellor(request.user),
        **extra,
    }


@login_required
@require_GET
def my_mentors(request: HttpRequest) -> HttpResponse:
    _require_role(request, Role.YOUTH)
    return render(request, "network/mentorship/my_mentors.html", _my_mentors_context(request))


def _refused(request: HttpRequest, message: str, field: str) -> HttpResponse:
    return render(
        request,
        "network/mentorship/my_mentors.html",
        _my_mentors_context(request, **{f"{field}_error": message}),
        status=400,
    )


@login_required
@require_POST
def ask_mentor(request: HttpRequest) -> HttpResponse:
    """A youth asks a mentor chosen from the list (membership id) or by e-mail address."""
    _require_role(request, Role.YOUTH)
    mentor = None
    membership_id = _int(request.POST.get("membership"))
    if membership_id is not None:
        choice = selectors.list_mentor_choices().filter(pk=membership_id).first()
        mentor = choice.user if choice else None
    elif request.POST.get("email", "").strip():
        mentor = selectors.find_mentor_by_email(request.POST["email"])
    try:
        actions.check_request_mentor(request.user, mentor=mentor)
    except actions.MentorshipError as error:
        return _refused(request, str(error), "ask")
    return HttpResponseRedirect(reverse("network:my_mentors"))


@login_required
@require_POST
def set_sharing(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    try:
        actions.check_set_sharing(
            request.user, mentorship_id=mentorship_id, shared=request.POST.get("shared") == "1"
        )
    except actions.MentorshipError as error:
        return HttpResponse(str(error), status=409)
    return HttpResponseRedirect(reverse("network:my_mentors"))


@login_required
@require_POST
def end_mentorship(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    try:
        actions.check_end_mentorship(request.user, mentorship_id=mentorship_id)
    except actions.MentorshipError as error:
        return HttpResponse(str(error), status=409)
    if request.user.role == Role.MENTOR:
        return HttpResponseRedirect(reverse("network:mentor_caseload"))
    return HttpResponseRedirect(reverse("network:my_mentors"))


@login_required
@require_POST
def ask_follow_up(request: HttpRequest) -> HttpResponse:
    """Online pre-registration at a Mission Locale or verified partner."""
    _require_role(request, Role.YOUTH)
    organisation_id = _int(request.POST.get("organisation"))
    if organisation_id is None:
        return _refused(request, _("Choose an organisation."), "follow")
    organisation = selectors.access_follow_organisation(organisation_id)
    try:
        actions.check_create_follow_request(
            request.user, organisation=organisation, message=request.POST.get("message", "")
        )
    except actions.MentorshipError as error:
        return _refused(request, str(error), "follow")
    return HttpResponseRedirect(reverse("network:my_mentors"))
