"""Thin views of workshops and job datings: parse, call one action or selector, render.

Every form posts and redirects, so the pages work without JavaScript. A refused action
answers 400 (bad input) or 409 (state) with the reason on the page.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import gatherings as actions
from . import gatherings_selectors as selectors
from .forms_gatherings import (
    InviteRecruiterForm,
    JobDatingForm,
    MoveMeetingForm,
    OutcomeForm,
    PreselectForm,
    SeatForm,
    WorkshopForm,
)
from .models import JobDatingMeeting, Opportunity, Role, User
from .relations import mentored_youth_ids


def _refused(
    request: HttpRequest, error: Exception, *, back: str, status: int = 409
) -> HttpResponse:
    return render(
        request,
        "network/gatherings/refused.html",
        {"reason": str(error), "back": back},
        status=status,
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


# --- Workshops -------------------------------------------------------------------------------


@login_required
@require_GET
def workshop_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "workshops": list(selectors.upcoming_workshops(user)[:50]),
        "mine": list(selectors.my_registrations(user)) if user.role == Role.YOUTH else [],
        "can_organise": selectors.organiser_organisations(user).exists(),
        "organised": (
            list(selectors.organised_workshops(user).order_by("-starts_at")[:50])
            if user.role == Role.MENTOR
            else []
        ),
    }
    return render(request, "network/gatherings/workshop_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def workshop_create(request: HttpRequest) -> HttpResponse:
    if not selectors.organiser_organisations(request.user).exists():
        raise PermissionDenied(
            _(
                "Only counsellors and members of a Mission Locale, school, association or "
                "club can organise workshops and job datings; companies take part in them."
            )
        )
    form = WorkshopForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            starts_at, ends_at = form.window()
            try:
                workshop = actions.check_create_workshop(
                    request.user,
                    details=actions.WorkshopDetails(
                        title=form.cleaned_data["title"],
                        description=form.cleaned_data["description"],
                        starts_at=starts_at,
                        ends_at=ends_at,
                        place=form.cleaned_data["place"],
                        capacity=form.cleaned_data["capacity"],
                    ),
                )
            except actions.GatheringError as error:
                form.add_error(None, str(error))
            else:
                return HttpResponseRedirect(reverse("network:workshop", args=[workshop.pk]))
        status = 400
    return render(request, "network/gatherings/workshop_form.html", {"form": form}, status=status)


@login_required
@require_GET
def workshop_detail(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = selectors.access_workshop(request.user, workshop_id)
    is_organiser = selectors.is_organiser(request.user, workshop.organisation_id)
    registration = selectors.registration_of(request.user, workshop)
    context = {
        "workshop": workshop,
        "is_organiser": is_organiser,
        "registration": registration,
        "position": selectors.waiting_position(registration) if registration else None,
        "attendees": selectors.workshop_attendees(workshop) if is_organiser else None,
        "is_past": workshop.starts_at <= timezone.now(),
    }
    return render(request, "network/gatherings/workshop_detail.html", context)


@login_required
@require_POST
def workshop_register(request: HttpRequest, workshop_id: int) -> HttpResponse:
    back = reverse("network:workshop", args=[workshop_id])
    try:
        result = actions.check_register(request.user, workshop_id=workshop_id)
    except actions.GatheringError as error:
        return _refused(request, error, back=back)
    registration = result.registration
    if not result.created:
        messages.info(request, _("You were already registered: nothing changed."))
    elif registration.status == registration.Status.REGISTERED:
        messages.success(request, _("You are registered. See you there!"))
    else:
        messages.info(request, _("The workshop is full: you are on the waiting list."))
    return HttpResponseRedirect(back)


@login_required
@require_POST
def workshop_unregister(request: HttpRequest, workshop_id: int) -> HttpResponse:
    back = reverse("network:workshop", args=[workshop_id])
    try:
        actions.check_cancel_registration(request.user, workshop_id=workshop_id)
    except actions.GatheringError as error:
        return _refused(request, error, back=back)
    messages.success(request, _("Your registration is cancelled."))
    return HttpResponseRedirect(back)


@login_required
@require_POST
def workshop_cancel(request: HttpRequest, workshop_id: int) -> HttpResponse:
    back = reverse("network:workshop", args=[workshop_id])
    try:
        actions.check_cancel_workshop(request.user, workshop_id=workshop_id)
    except actions.GatheringError as error:
        return _refused(request, error, back=back)
    messages.success(request, _("The workshop is cancelled; everyone registered was told."))
    return HttpResponseRedirect(back)


# --- Job datings ---------------------------------------------------------------------------


@login_required
@require_GET
def job_dating_list(request: HttpRequest) -> HttpResponse:
    context = {
        "job_datings": list(selectors.job_datings_for(request.user)[:50]),
        "can_organise": selectors.organiser_organisations(request.user).exists(),
    }
    return render(request, "network/gatherings/job_dating_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def job_dating_create(request: HttpRequest) -> HttpResponse:
    if not selectors.organiser_organisations(request.user).exists():
        raise PermissionDenied(
            _(
                "Only counsellors and members of a Mission Locale, school, association or "
                "club can organise workshops and job datings; companies take part in them."
            )
        )
    form = JobDatingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            starts_at, ends_at = form.window()
            data = form.cleaned_data
            try:
                job_dating = actions.check_create_job_dating(
                    request.user,
                    details=actions.JobDatingDetails(
                        title=data["title"],
                        description=data["description"],
                        starts_at=starts_at,
                        ends_at=ends_at,
                        mode=data["mode"],
                        place=data["place"],
                        video_link=data["video_link"],
                        meeting_minutes=data["meeting_minutes"],
                    ),
                )
            except actions.GatheringError as error:
                form.add_error(None, str(error))
            else:
                return HttpResponseRedirect(reverse("network:job_dating", args=[job_dating.pk]))
        status = 400
    return render(request, "network/gatherings/job_dating_form.html", {"form": form}, status=status)


def _followed_youths(user: User, exclude: set[int]) -> list[User]:
    return list(
        User.objects.filter(id__in=mentored_youth_ids(user), is_active=True)
        .exclude(id__in=exclude)
        .order_by("first_name", "last_name")
    )


@login_required
@require_GET
def job_dating_detail(request: HttpRequest, job_dating_id: int) -> HttpResponse:
    """One page, three views: the organisers', a recruiter's, a youth's."""
    user = request.user
    if selectors.organiser_organisations(user).filter(job_datings__pk=job_dating_id).exists():
        return _organiser_page(request, job_dating_id)
    if user.role == Role.RECRUITER:
        seat = selectors.access_seat(user, job_dating_id)
        opportunities = list(
            Opportunity.objects.filter(
                organisation__in=user.organisations.all(), status=Opportunity.Status.OPEN
            ).order_by("title")
        )
        meetings = selectors.meetings_of_seat(seat)
        context = {
            "job_dating": seat.job_dating,
            "seat": seat,
            "meetings": meetings,
            "seat_form": SeatForm(
                opportunities=opportunities,
                initial={"opportunity": seat.opportunity_id, "table": seat.table},
            ),
            "outcome_choices": JobDatingMeeting.Outcome.choices,
            "now": timezone.now(),
        }
        return render(request, "network/gatherings/job_dating_recruiter.html", context)
    candidacy = selectors.access_candidacy(user, job_dating_id)
    context = {
        "job_dating": candidacy.job_dating,
        "candidacy": candidacy,
        "meetings": selectors.meetings_of_candidate(candidacy),
    }
    return render(request, "network/gatherings/job_dating_youth.html", context)


def _organiser_page(
    request: HttpRequest, job_dating_id: int, *, status: int = 200, **forms: object
) -> HttpResponse:
    job_dating = selectors.access_job_dating_as_organiser(request.user, job_dating_id)
    candidates = selectors.candidates_of(job_dating)
    schedule = selectors.schedule_of(job_dating)
    starts = actions.slot_starts(job_dating)
    by_start: dict = defaultdict(list)
    for meeting in schedule:
        by_start[meeting.starts_at].append(meeting)
    context = {
        "job_dating": job_dating,
        "seats": selectors.seats_of(job_dating),
        "candidates": candidates,
        "schedule": [(start, by_start.get(start, [])) for start in starts],
        "slot_starts": starts,
        "invite_form": forms.get("invite_form") or InviteRecruiterForm(),
        "preselect_form": forms.get("preselect_form")
        or PreselectForm(youths=_followed_youths(request.user, {c.youth_id for c in candidates})),
        "outcome_choices": JobDatingMeeting.Outcome.choices,
        "error": forms.get("error"),
    }
    return render(request, "network/gatherings/job_dating_organiser.html", context, status=status)


def _back(job_dating_id: int) -> str:
    return reverse("network:job_dating", args=[job_dating_id])


@login_required
@require_POST
def job_dating_invite(request: HttpRequest, job_dating_id: int) -> HttpResponse:
    selectors.access_job_dating_as_organiser(request.user, job_dating_id)
    form = InviteRecruiterForm(request.POST)
    if form.is_valid():
        try:
            actions.check_invite_recruiter(
                request.user, job_dating_id=job_dating_id, email=form.cleaned_data["email"]
            )
        except actions.GatheringError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("The recruiter is invited and was told."))
            return HttpResponseRedirect(_back(job_dating_id))
    return _organiser_page(request, job_dating_id, status=400, invite_form=form)


@login_required
@require_POST
def job_dating_preselect(request: HttpRequest, job_dating_id: int) -> HttpResponse:
    selectors.access_job_dating_as_organiser(request.user, job_dating_id)
    youth_id = _int(request.POST.get("youth"))
    try:
        if youth_id is None:
            raise actions.GatheringError(_("Choose a young person you follow."))
        actions.check_preselect_youth(request.user, job_dating_id=job_dating_id, youth_id=youth_id)
    except actions.GatheringError as error:
        return _organiser_page(request, job_dating_id, status=400, error=str(error))
    messages.success(request, _("The young person is pre-selected."))
    return HttpResponseRedirect(_back(job_dating_id))


@login_required
@require_POST
def job_dating_remove_candidate(
    request: HttpRequest, job_dating_id: int, candidate_id: int
) -> HttpResponse:
    try:
        actions.check_remove_candidate(
            request.user, job_dating_id=job_dating_id, candidate_id=candidate_id
        )
    except actions.GatheringError as error:
        return _refused(request, error, back=_back(job_dating_id))
    return HttpResponseRedirect(_back(job_dating_id))


@login_required
@require_POST
def job_dating_generate(request: HttpRequest, job_dating_id: int) -> HttpResponse:
    try:
        meetings = actions.check_generate_schedule(request.user, job_dating_id=job_dating_id)
    except actions.GatheringError as error:
        return _refused(request, error, back=_back(job_dating_id))
    messages.success(
        request,
        _("Schedule ready: %(count)s meetings. Everyone was told.") % {"count": len(meetings)},
    )
    return HttpResponseRedirect(_back(job_dating_id) + "#schedule")


@login_required
@require_POST
def job_dating_seat(request: HttpRequest, job_dating_id: int) -> HttpResponse:
    seat = selectors.access_seat(request.user, job_dating_id)
    opportunities = list(
        Opportunity.objects.filter(organisation__in=request.user.organisations.all())
    )
    form = SeatForm(request.POST, opportunities=opportunities)
    if not form.is_valid():
        return _refused(
            request,
            actions.GatheringError(_("Choose an open opportunity of your organisation.")),
            back=_back(job_dating_id),
            status=400,
        )
    try:
        actions.check_set_seat(
            request.user,
            job_dating_id=seat.job_dating_id,
            opportunity_id=form.cleaned_data["opportunity"],
            table=form.cleaned_data["table"],
        )
    except actions.GatheringError as error:
        return _refused(request, error, back=_back(job_dating_id), status=400)
    messages.success(request, _("Saved."))
    return HttpResponseRedirect(_back(job_dating_id))


@login_required
@require_POST
def meeting_move(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.access_meeting(request.user, meeting_id)
    job_dating = selectors.access_job_dating_as_organiser(request.user, meeting.job_dating_id)
    back = _back(job_dating.pk) + "#schedule"
    form = MoveMeetingForm(request.POST, starts=actions.slot_starts(job_dating))
    if not form.is_valid():
        return _refused(
            request,
            actions.GatheringError(_("Choose one of the times of the schedule.")),
            back=back,
            status=400,
        )
    try:
        actions.check_move_meeting(
            request.user, meeting_id=meeting_id, starts_at=form.cleaned_data["starts_at"]
        )
    except actions.GatheringError as error:
        return _refused(request, error, back=back)
    messages.success(request, _("The meeting is moved."))
    return HttpResponseRedirect(back)


@login_required
@require_POST
def meeting_remove(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.access_meeting(request.user, meeting_id)
    back = _back(meeting.job_dating_id) + "#schedule"
    try:
        actions.check_remove_meeting(request.user, meeting_id=meeting_id)
    except actions.GatheringError as error:
        return _refused(request, error, back=back)
    messages.success(request, _("The meeting is removed."))
    return HttpResponseRedirect(back)


@login_required
@require_POST
def meeting_outcome(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.access_meeting(request.user, meeting_id)
    back = _back(meeting.job_dating_id)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _refused(
            request,
            actions.GatheringError(_("Choose one of the outcomes.")),
            back=back,
            status=400,
        )
    try:
        actions.check_record_outcome(
            request.user,
            meeting_id=meeting_id,
            outcome=form.cleaned_data["outcome"],
            notes=form.cleaned_data["notes"],
        )
    except actions.GatheringError as error:
        return _refused(request, error, back=back)
    messages.success(request, _("Outcome saved."))
    return HttpResponseRedirect(back + f"#meeting-{meeting_id}")


@login_required
@require_http_methods(["GET", "POST"])
def job_dating_check_in(request: HttpRequest, job_dating_id: int) -> HttpResponse:
    """The list the counsellor ticks at the door; big buttons, no JavaScript needed."""
    job_dating = selectors.access_job_dating_as_organiser(request.user, job_dating_id)
    back = reverse("network:job_dating_check_in", args=[job_dating_id])
    if request.method == "POST":
        candidate_id = _int(request.POST.get("candidate"))
        try:
            if candidate_id is None:
                raise actions.GatheringError(_("This young person is not on the list."))
            actions.check_check_in(
                request.user,
                job_dating_id=job_dating_id,
                candidate_id=candidate_id,
                present=request.POST.get("present", "1") == "1",
            )
        except actions.GatheringError as error:
            return _refused(request, error, back=back)
        return HttpResponseRedirect(back + f"#candidate-{candidate_id}")
    context = {"job_dating": job_dating, "candidates": selectors.candidates_of(job_dating)}
    return render(request, "network/gatherings/check_in.html", context)


@login_required
@require_GET
def candidate_card(request: HttpRequest, job_dating_id: int, candidate_id: int) -> HttpResponse:
    if request.user.role != Role.RECRUITER:
        raise Http404
    page = selectors.candidate_card(request.user, job_dating_id, candidate_id)
    seat = selectors.access_seat(request.user, job_dating_id)
    return render(
        request,
        "network/gatherings/candidate_card.html",
        {"page": page, "job_dating": seat.job_dating},
    )


@login_required
@require_GET
def outcomes(request: HttpRequest) -> HttpResponse:
    if not selectors.organiser_organisations(request.user).exists():
        raise PermissionDenied(_("This page is for counsellors who organise job datings."))
    report = selectors.outcomes_report(request.user)
    return render(request, "network/gatherings/outcomes.html", {"report": report})
