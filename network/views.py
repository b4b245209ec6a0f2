"""Thin views: parse, call one action or selector, render."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.account.views import ConfirmEmailView as AllauthConfirmEmailView
from allauth.account.views import EmailView as AllauthEmailView
from allauth.account.views import LoginView as AllauthLoginView
from allauth.account.views import PasswordChangeView as AllauthPasswordChangeView
from allauth.account.views import PasswordResetView as AllauthPasswordResetView
from allauth.account.views import SignupView
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import actions, gatherings_selectors, selectors
from .forms import SIGNUP_FORMS, RoleSignupForm
from .models import Role
from .notification_kinds import notification_text


class InvalidFormStatusMixin:
    """A form sent back with errors answers 400, not 200: the request was refused."""

    def form_invalid(self, form: object) -> HttpResponse:
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


class LoginView(InvalidFormStatusMixin, AllauthLoginView):
    pass


class PasswordResetView(InvalidFormStatusMixin, AllauthPasswordResetView):
    pass


class PasswordChangeView(InvalidFormStatusMixin, AllauthPasswordChangeView):
    pass


class EmailView(InvalidFormStatusMixin, AllauthEmailView):
    pass


class ConfirmEmailView(AllauthConfirmEmailView):
    """allauth's confirmation page; a bad or expired link answers 404 with a way out."""

    def get(self, *args: object, **kwargs: object) -> HttpResponse:
        response = super().get(*args, **kwargs)
        if self.object is None:
            response.status_code = 404
        return response


class RoleSignupView(InvalidFormStatusMixin, SignupView):
    """allauth's sign-up, with the form of one role."""

    role: str = Role.YOUTH

    def get_form_class(self) -> type[RoleSignupForm]:
        return SIGNUP_FORMS[self.role]

    def get_context_data(self, **kwargs: object) -> dict:
        context = super().get_context_data(**kwargs)
        context["signup_role"] = self.role
        return context


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "network/dashboard.html",
        {
            "email_verified": EmailAddress.objects.filter(user=user, verified=True).exists(),
            "memberships": selectors.list_memberships(user),
            "latest_notifications": _with_texts(selectors.list_notifications(user)[:5]),
        },
    )


def _with_texts(notifications: object) -> list:
    items = list(notifications)
    for notification in items:
        notification.text = notification_text(notification)
    return items


@login_required
@require_GET
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.access_organisation(request.user, organisation_id)
    members = selectors.list_organisation_members(request.user, organisation)
    return render(
        request,
        "network/organisation.html",
        {
            "organisation": organisation,
            "members": members,
            "gatherings": gatherings_selectors.organisation_gatherings(organisation),
        },
    )


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    before_id = _int_or_none(request.GET.get("before"))
    notifications = _with_texts(selectors.list_notifications(request.user, before_id=before_id))
    next_cursor = (
        notifications[-1].pk if len(notifications) == selectors.NOTIFICATION_PAGE_SIZE else None
    )
    return render(
        request,
        "network/notifications.html",
        {"notifications": notifications, "next_cursor": next_cursor, "before": before_id},
    )


@login_required
@require_POST
def notifications_mark_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (``id``) or all of them read; works with and without htmx."""
    raw_id = request.POST.get("id")
    if raw_id is not None:
        notification_id = _int_or_none(raw_id)
        if notification_id is None:
            return HttpResponse(_("This notification does not exist."), status=400)
        notification = selectors.access_notification(request.user, notification_id)
        actions.do_mark_notifications_read(request.user, notification_ids=[notification.pk])
    else:
        actions.do_mark_notifications_read(request.user)
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return HttpResponseRedirect(reverse("network:notifications"))


@login_required
@require_GET
def notifications_since(request: HttpRequest) -> JsonResponse:
    """What a reconnecting tab missed since the last notification id it saw."""
    after_id = _int_or_none(request.GET.get("after"))
    if after_id is None:
        return JsonResponse(
            {"error": _("The 'after' parameter must be a notification number.")}, status=400
        )
    notifications = _with_texts(selectors.notifications_since(request.user, after_id=after_id))
    return JsonResponse(
        {
            "notifications": [
                {
                    "id": n.pk,
                    "kind": n.kind,
                    "text": n.text,
                    "url": n.url,
                    "created_at": n.created_at.isoformat(),
                    "read": not n.is_unread,
                }
                for n in notifications
            ],
            "unread_count": selectors.unread_notification_count(request.user),
        }
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the account when logged in."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    if not translation.check_for_language(language) or language not in dict(
        translation.trans_real.get_languages()
    ):
        return HttpResponse(_("This language is not available."), status=400)
    if request.user.is_authenticated:
        actions.do_set_language(request.user, language=language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
