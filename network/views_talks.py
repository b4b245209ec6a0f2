"""Thin views of discovery talks, appointments and the agenda: parse, call one action or
selector, render. Every form works without JavaScript (POST, then redirect)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import ics
from . import talks as actions
from . import talks_selectors as selectors
from .agenda import agenda_for
from .forms_talks import BookingForm, SlotFilterForm, SlotForm
from .models import Role


def _refused(request: HttpRequest, error: Exception, *, back: str) -> HttpResponse:
    return render(
        request, "network/talks/refused.html", {"error": str(error), "back": back}, status=409
    )


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@login_required
@require_GET
def talk_list(request: HttpRequest) -> HttpResponse:
    """ "Meet a professional": upcoming free talks, filtered by job and way of meeting; for a
    youth, also the free appointment slots of their counsellors."""
    form = SlotFilterForm(request.GET or None)
    occupation_id = None
    mode = ""
    if form.is_bound and form.is_valid():
        occupation = form.cleaned_data["occupation"]
        occupation_id = occupation.pk if occupation else None
        mode = form.cleaned_data["mode"]
    is_youth = request.user.role == Role.YOUTH
    return render(
        request,
        "network/talks/list.html",
        {
            "form": form,
            "slots": selectors.free_talk_slots(
                request.user, occupation_id=occupation_id, mode=mode
            )[:100],
            "appointment_slots": selectors.appointment_slots_for(request.user) if is_youth else [],
            "is_youth": is_youth,
            "can_offer": selectors.can_offer_talks(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def slot_detail(request: HttpRequest, slot_id: int) -> HttpResponse:
    """A youth reads a slot and books it (POST). Only youths book."""
    if request.user.role != Role.YOUTH:
        raise PermissionDenied(_("Only young people book time slots."))
    slot = selectors.access_bookable_slot(request.user, slot_id)
    form = BookingForm(request.POST or None)
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_book_slot(
                request.user, slot_id=slot.pk, message=form.cleaned_data["message"]
            )
        except actions.TalkError as exc:
            error, status = str(exc), 409
        else:
            messages.success(request, _("Booked! You will get an e-mail once it is confirmed."))
            return HttpResponseRedirect(reverse("network:agenda"))
    return render(
        request,
        "network/talks/slot.html",
        {
            "slot": slot,
            "ends_at": selectors.ends_at(slot),
            "form": form,
            "error": error,
            "is_free": not slot.bookings.filter(status__in=selectors.LIVE_STATUSES).exists()
            and slot.cancelled_at is None
            and slot.starts_at > timezone.now(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_slots(request: HttpRequest) -> HttpResponse:
    """The host's slots with their bookings; POST offers a new slot."""
    if not selectors.can_offer_talks(request.user):
        raise PermissionDenied(_("Only professionals and counsellors offer time slots."))
    appointments = selectors.can_offer_appointments(request.user)
    form = SlotForm(request.POST or None, appointments=appointments)
    error = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.check_offer_slot(
                    request.user,
                    kind=form.cleaned_data.get("kind") or "talk",
                    starts_at=form.starts_at(),
                    duration_minutes=form.cleaned_data["duration_minutes"],
                    mode=form.cleaned_data["mode"],
                    where=form.cleaned_data["where"],
                    topic=form.cleaned_data["topic"],
                    occupation=form.cleaned_data["occupation"],
                )
            except actions.TalkError as exc:
                error = str(exc)
            else:
                messages.success(request, _("Your time slot is offered."))
                return HttpResponseRedirect(reverse("network:my_slots"))
        status = 400
    return render(
        request,
        "network/talks/my_slots.html",
        {
            "form": form,
            "error": error,
            "slots": selectors.host_slots(request.user),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
@require_POST
def slot_cancel(request: HttpRequest, slot_id: int) -> HttpResponse:
    back = reverse("network:my_slots")
    try:
        actions.check_cancel_slot(request.user, slot_id=slot_id)
    except actions.TalkError as exc:
        return _refused(request, exc, back=back)
    messages.success(request, _("The time slot is cancelled."))
    return HttpResponseRedirect(back)


def _booking_step(request: HttpRequest, booking_id: int, step: str) -> HttpResponse:
    back = _back(request, reverse("network:agenda"))
    action = {
        "confirm": actions.check_confirm_booking,
        "decline": actions.check_decline_booking,
        "cancel": actions.check_cancel_booking,
        "done": actions.check_mark_done,
    }[step]
    try:
        action(request.user, booking_id=booking_id)
    except actions.TalkError as exc:
        return _refused(request, exc, back=back)
    done = {
        "confirm": _("Confirmed. You both have it in your agenda."),
        "decline": _("Declined. The young person is told."),
        "cancel": _("Cancelled. The other person is told."),
        "done": _("Marked as done. Thank you for your time!"),
    }
    messages.success(request, done[step])
    return HttpResponseRedirect(back)


@login_required
@require_POST
def booking_confirm(request: HttpRequest, booking_id: int) -> HttpResponse:
    return _booking_step(request, booking_id, "confirm")


@login_required
@require_POST
def booking_decline(request: HttpRequest, booking_id: int) -> HttpResponse:
    return _booking_step(request, booking_id, "decline")


@login_required
@require_POST
def booking_cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    return _booking_step(request, booking_id, "cancel")


@login_required
@require_POST
def booking_done(request: HttpRequest, booking_id: int) -> HttpResponse:
    return _booking_step(request, booking_id, "done")


@login_required
@require_GET
def booking_ics(request: HttpRequest, booking_id: int) -> HttpResponse:
    """The calendar file of a booking, for its two people only (404 for anybody else)."""
    booking = selectors.access_booking(request.user, booking_id)
    response = HttpResponse(ics.booking_calendar(booking), content_type=ics.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{ics.filename(booking)}"'
    return response


@login_required
@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    upcoming, recent = agenda_for(request.user)
    return render(
        request,
        "network/agenda.html",
        {"upcoming": upcoming, "recent": recent, "now": timezone.now()},
    )
