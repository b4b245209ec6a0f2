"""Limits on what new accounts send (``network/ratelimit.py``), and the 429 a view answers."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network.models import ContactRequest, User, YouthProfile
from network.ratelimit import RateLimited, check_rate, is_new_account

pytestmark = pytest.mark.django_db


def age_account(user: User, days: int) -> None:
    user.date_joined = timezone.now() - datetime.timedelta(days=days)
    user.save(update_fields=["date_joined"])


def test_new_account_is_limited_per_kind(settings, ines: User) -> None:
    settings.NEW_ACCOUNT_LIMITS = {"comment": (2, 3600)}
    check_rate(ines, "comment")
    check_rate(ines, "comment")
    with pytest.raises(RateLimited) as refused:
        check_rate(ines, "comment")
    assert refused.value.code == "rate_limited"
    # Another kind has its own counter.
    check_rate(ines, "post")


def test_old_account_is_not_limited(settings, ines: User) -> None:
    settings.NEW_ACCOUNT_LIMITS = {"message": (1, 3600)}
    age_account(ines, 8)
    assert not is_new_account(ines)
    for _ in range(5):
        check_rate(ines, "message")


def test_new_account_days_setting_decides_who_is_new(settings, ines: User) -> None:
    settings.NEW_ACCOUNT_LIMITS = {"message": (1, 3600)}
    age_account(ines, 3)
    settings.NEW_ACCOUNT_DAYS = 2
    check_rate(ines, "message")
    check_rate(ines, "message")
    settings.NEW_ACCOUNT_DAYS = 7
    check_rate(ines, "message")
    with pytest.raises(RateLimited):
        check_rate(ines, "message")


def test_staff_is_not_limited(settings, ines: User) -> None:
    settings.NEW_ACCOUNT_LIMITS = {"post": (1, 3600)}
    ines.is_staff = True
    for _ in range(3):
        check_rate(ines, "post")


def test_window_resets(settings, ines: User, monkeypatch) -> None:
    settings.NEW_ACCOUNT_LIMITS = {"request": (1, 60)}
    start = timezone.now().replace(second=0, microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: start)
    check_rate(ines, "request")
    with pytest.raises(RateLimited):
        check_rate(ines, "request")
    # The next window starts a new count.
    monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=61))
    check_rate(ines, "request")


def test_contact_request_over_the_limit_is_429(settings, recruiter: User, make_user) -> None:
    settings.NEW_ACCOUNT_LIMITS = {"request": (1, 86400)}
    first = make_user("awa@example.org", first_name="Awa")
    second = make_user("lucas@example.org", first_name="Lucas")
    for youth in (first, second):
        YouthProfile.objects.create(user=youth, discoverable=True, visibility="recruiters")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(recruiter)
    message = {"message": "Bonjour, nous recrutons."}
    assert client.post(reverse("network:contact_new", args=[first.pk]), message).status_code == 302
    response = client.post(reverse("network:contact_new", args=[second.pk]), message)
    assert response.status_code == 429
    assert ContactRequest.objects.count() == 1
    # The message typed is kept on the page.
    assert "Bonjour, nous recrutons." in response.content.decode()
