"""Rachid, head chef in Lille, offers a discovery talk through his "My time slots" page; Lucas
(18, Dijon) finds it in "Meet a professional" and books it; Rachid confirms; both see it in
their agenda with its calendar file. On a 360 px phone, every page checked with axe-core."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from network.actions import AccountDetails, do_register_user
from network.models import Booking, Organisation, Role, User
from tests.factories import PASSWORD, birth_date

from .support import AccessibilityChecker

pytestmark = pytest.mark.browser

RACHID_EMAIL = "rachid.talks@example.org"
LUCAS_EMAIL = "lucas.talks@example.org"


def set_up_rachid_and_lucas() -> None:
    rachid = User(email=RACHID_EMAIL, first_name="Rachid", last_name="Amrani")
    rachid.set_password(PASSWORD)
    do_register_user(
        rachid,
        details=AccountDetails(
            role=Role.MENTOR,
            town="Lille",
            organisation_name="Restaurant Le Beffroi Gourmand",
            organisation_kind=Organisation.Kind.COMPANY,
            function="Chef de cuisine, bénévole",
        ),
    )
    lucas = User(email=LUCAS_EMAIL, first_name="Lucas")
    lucas.set_password(PASSWORD)
    do_register_user(
        lucas,
        details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(18), town="Dijon"),
    )


def booking_status() -> str:
    return Booking.objects.get(youth__email=LUCAS_EMAIL).status


def log_in(page: Page, a11y: AccessibilityChecker, email: str) -> None:
    page.goto("/accounts/login/")
    a11y.check(page)
    page.fill("input[name='login']", email)
    page.fill("input[name='password']", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    a11y.check(page)


def log_out(page: Page) -> None:
    with page.expect_navigation():
        page.locator("header form[action$='/logout/'] button").click()


def test_lucas_books_a_talk_with_rachid_who_confirms_and_both_see_it_in_their_agenda(
    page: Page, a11y: AccessibilityChecker, outside_browser_loop: Callable[..., Any]
) -> None:
    outside_browser_loop(set_up_rachid_and_lucas)
    page.set_viewport_size({"width": 360, "height": 740})
    day = timezone.localdate() + datetime.timedelta(days=8)

    # Rachid offers a slot.
    log_in(page, a11y, RACHID_EMAIL)
    page.goto("/talks/slots/")
    a11y.check(page)
    page.select_option("select[name='kind']", "talk")
    page.fill("input[name='date']", day.isoformat())
    page.fill("input[name='time']", "15:00")
    page.fill("input[name='duration_minutes']", "45")
    page.select_option("select[name='mode']", "in_person")
    page.fill("input[name='where']", "Le Beffroi Gourmand, 12 place du Théâtre, Lille")
    page.fill("input[name='topic']", "Chef de cuisine : la vie en brigade")
    with page.expect_navigation():
        page.locator("main form[action='/talks/slots/'] button[type='submit']").click()
    a11y.check(page)
    expect(page.locator("main [data-slot-id]")).to_have_count(1)
    log_out(page)

    # Lucas finds it and books it.
    log_in(page, a11y, LUCAS_EMAIL)
    with page.expect_navigation():
        page.locator("header nav a[href='/talks/']").click()
    a11y.check(page)
    expect(page.locator("main")).to_contain_text("Chef de cuisine : la vie en brigade")
    with page.expect_navigation():
        page.locator("main [data-slot-id] a.button").first.click()
    a11y.check(page)
    page.fill("textarea[name='message']", "Comment on devient chef ?")
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    a11y.check(page)
    expect(page.locator("main [data-booking-status='requested']")).to_have_count(1)
    assert outside_browser_loop(booking_status) == Booking.Status.REQUESTED
    log_out(page)

    # Rachid confirms from his slots, and sees it in his agenda.
    log_in(page, a11y, RACHID_EMAIL)
    expect(page.locator("[data-unread-count]")).not_to_have_text("0")
    page.goto("/talks/slots/")
    a11y.check(page)
    expect(page.locator("main")).to_contain_text("Comment on devient chef ?")
    with page.expect_navigation():
        page.locator(
            "main [data-booking-status='requested'] form[action$='/confirm/'] button"
        ).click()
    a11y.check(page)
    assert outside_browser_loop(booking_status) == Booking.Status.CONFIRMED
    with page.expect_navigation():
        page.locator("header nav a[href='/agenda/']").click()
    a11y.check(page)
    expect(page.locator("main [data-booking-status='confirmed']")).to_have_count(1)
    expect(page.locator("main [data-ics-link]")).to_have_count(1)
    log_out(page)

    # Lucas sees it confirmed, with the place and the calendar file.
    log_in(page, a11y, LUCAS_EMAIL)
    page.goto("/agenda/")
    a11y.check(page)
    item = page.locator("main [data-booking-status='confirmed']")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("12 place du Théâtre")
    expect(item).to_contain_text("Rachid Amrani")
    response = page.request.get(item.locator("[data-ics-link]").get_attribute("href"))
    assert response.status == 200
    assert "BEGIN:VEVENT" in response.text()
