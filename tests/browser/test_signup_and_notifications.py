"""Inès signs up, confirms her e-mail and is welcomed live, as she would on her phone.

Each test drives a real Chromium against daphne (see ``conftest.py``) and checks every
page it visits with axe-core.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.db import transaction
from django.utils import translation
from playwright.sync_api import Page, Response, expect

from network import actions, notification_kinds
from network.models import User

from .support import AccessibilityChecker, Mailbox, link_in

pytestmark = pytest.mark.browser

CONFIRMATION_LINK = r"/accounts/confirm-email/[^/\s]+/"
WELCOME_TEXT = "Bienvenue sur AcroJump, Inès"


def date_of_birth_for_age(age: int) -> datetime.date:
    """A date of birth that makes someone ``age`` today, well away from a birthday."""
    today = datetime.date.today()
    try:
        next_birthday = today.replace(year=today.year - age - 1)
    except ValueError:  # 29 February
        next_birthday = today.replace(year=today.year - age - 1, day=28)
    return next_birthday + datetime.timedelta(days=100)


@dataclass(frozen=True)
class Youth:
    first_name: str
    email: str
    date_of_birth: datetime.date
    town: str
    password: str


# Inès, 19, Roubaix: volunteers at a food bank, uses only her phone.
INES = Youth(
    first_name="Inès",
    email="ines.roubaix@example.org",
    date_of_birth=date_of_birth_for_age(19),
    town="Roubaix",
    password="Banque-alimentaire-59!",
)


def fill_youth_signup(
    page: Page, youth: Youth, *, date_of_birth: datetime.date | None = None
) -> None:
    page.fill("input[name='first_name']", youth.first_name)
    page.fill("input[name='email']", youth.email)
    page.fill("input[name='date_of_birth']", (date_of_birth or youth.date_of_birth).isoformat())
    page.fill("input[name='town']", youth.town)
    page.fill("input[name='password1']", youth.password)


def submit(page: Page, form_with: str) -> Response | None:
    """Submit the form holding the field ``form_with``; the response to that POST."""
    form = page.locator("main form").filter(has=page.locator(form_with))
    with page.expect_navigation() as navigation:
        form.locator("button[type='submit']").click()
    return navigation.value


def sign_up(page: Page, a11y: AccessibilityChecker, youth: Youth) -> None:
    """Sign ``youth`` up through the form; she lands on her space, logged in."""
    page.goto("/accounts/signup/")
    a11y.check(page)
    fill_youth_signup(page, youth)
    submit(page, "input[name='password1']")
    expect(page).to_have_url(re.compile(r"/espace/$"))
    a11y.check(page)


def log_out(page: Page, a11y: AccessibilityChecker) -> None:
    with page.expect_navigation():
        page.locator("header form[action$='/accounts/logout/'] button[type='submit']").click()
    expect(page.locator("[data-unread-count]")).to_have_count(0)
    a11y.check(page)


def log_in(page: Page, youth: Youth) -> None:
    page.fill("input[name='login']", youth.email)
    page.fill("input[name='password']", youth.password)
    submit(page, "input[name='password']")


def expect_realtime_open(page: Page) -> None:
    expect(page.locator("body")).to_have_attribute("data-realtime-state", "open")


def test_welcome_arrives_live_in_the_open_tab_after_confirming_the_email(
    page: Page, a11y: AccessibilityChecker, mailbox: Mailbox
) -> None:
    sign_up(page, a11y, INES)
    expect_realtime_open(page)
    badge = page.locator("[data-unread-count]")
    expect(badge).to_have_text("0")
    # Survives only if the tab is never reloaded.
    page.evaluate("() => { window.stillTheSamePage = true; }")

    confirmation = mailbox.wait_for(to=INES.email)
    link = link_in(confirmation, CONFIRMATION_LINK)
    second_tab = page.context.new_page()
    second_tab.goto(link)
    a11y.check(second_tab)
    with second_tab.expect_navigation():
        second_tab.locator("form[action*='/accounts/confirm-email/'] button[type='submit']").click()
    a11y.check(second_tab)

    expect(badge).to_have_text("1")
    expect(page.locator(".toast[data-toast]")).to_contain_text(WELCOME_TEXT)
    expect(page.locator("[data-live-region]")).to_contain_text(WELCOME_TEXT)
    assert page.evaluate("() => window.stillTheSamePage === true"), "the first tab reloaded"
    second_tab.close()

    log_out(page, a11y)
    page.goto("/accounts/login/")
    a11y.check(page)
    log_in(page, INES)
    expect(page).to_have_url(re.compile(r"/espace/$"))
    a11y.check(page)
    expect(badge).to_have_text("1")

    page.goto("/notifications/")
    a11y.check(page)
    welcome = page.locator("[data-notification-id]").filter(has_text=WELCOME_TEXT)
    expect(welcome).to_have_count(1)
    expect(welcome).to_have_class(re.compile(r"\bis-unread\b"))
    with page.expect_navigation():
        welcome.locator("button[type='submit']").click()
    a11y.check(page)
    expect(badge).to_have_text("0")
    expect(welcome).not_to_have_class(re.compile(r"\bis-unread\b"))


def test_invalid_confirmation_link_says_so_and_leads_to_a_new_link(
    page: Page, a11y: AccessibilityChecker
) -> None:
    sign_up(page, a11y, INES)
    log_out(page, a11y)

    response = page.goto("/accounts/confirm-email/garbage/")
    assert response is not None
    assert 400 <= response.status < 500, f"status {response.status} for a bad link"
    a11y.check(page)
    expect(page.locator("main")).to_contain_text("Ce lien ne marche pas")
    # The way out: log in, then ask for a new link from the e-mail page.
    with page.expect_navigation():
        page.locator("main a[href*='/accounts/email/']").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    a11y.check(page)
    log_in(page, INES)
    expect(page).to_have_url(re.compile(r"/accounts/email/$"))
    a11y.check(page)
    expect(page.locator("main button[name='action_send']")).to_be_visible()


def test_signup_with_a_birth_date_in_the_future_explains_and_keeps_what_was_typed(
    page: Page, a11y: AccessibilityChecker
) -> None:
    page.goto("/accounts/signup/")
    a11y.check(page)
    next_year = datetime.date.today() + datetime.timedelta(days=365)
    fill_youth_signup(page, INES, date_of_birth=next_year)
    response = submit(page, "input[name='password1']")

    assert response is not None and response.status == 400
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    a11y.check(page)
    date_field = page.locator(".field").filter(has=page.locator("input[name='date_of_birth']"))
    expect(date_field).to_contain_text("Cette date est dans le futur")
    expect(page.locator("input[name='date_of_birth']")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("input[name='date_of_birth']")).to_have_value(next_year.isoformat())
    expect(page.locator("input[name='first_name']")).to_have_value(INES.first_name)
    expect(page.locator("input[name='email']")).to_have_value(INES.email)
    expect(page.locator("input[name='town']")).to_have_value(INES.town)
    expect(page.locator("[data-unread-count]")).to_have_count(0)


def test_signup_with_an_email_already_used_explains_next_to_the_email(
    page: Page, a11y: AccessibilityChecker
) -> None:
    with translation.override("fr"):
        email_taken = str(get_adapter().error_messages["email_taken"])
    sign_up(page, a11y, INES)
    log_out(page, a11y)

    page.goto("/accounts/signup/")
    a11y.check(page)
    fill_youth_signup(page, INES)
    response = submit(page, "input[name='password1']")

    assert response is not None and response.status == 400
    a11y.check(page)
    email_field = page.locator(".field").filter(has=page.locator("input[name='email']"))
    expect(email_field).to_contain_text(email_taken)
    expect(page.locator("input[name='email']")).to_have_value(INES.email)
    expect(page.locator("input[name='first_name']")).to_have_value(INES.first_name)
    expect(page.locator("input[name='town']")).to_have_value(INES.town)


def _notify_welcome(email: str) -> None:
    user = User.objects.get(email=email)
    with transaction.atomic():
        actions.do_notify(
            user, kind=notification_kinds.WELCOME, params={"first_name": user.first_name}
        )


@pytest.mark.skipif(
    settings.CHANNEL_LAYERS["default"]["BACKEND"].endswith("InMemoryChannelLayer"),
    reason="needs REDIS_URL: the in-memory channel layer does not cross processes",
)
def test_notification_from_another_process_appears_live(
    page: Page, a11y: AccessibilityChecker, outside_browser_loop: Callable[..., Any]
) -> None:
    sign_up(page, a11y, INES)
    expect_realtime_open(page)
    badge = page.locator("[data-unread-count]")
    expect(badge).to_have_text("0")

    # This test process is not the daphne server: the push crosses Redis.
    outside_browser_loop(_notify_welcome, INES.email)

    expect(badge).to_have_text("1")
    expect(page.locator(".toast[data-toast]")).to_contain_text(WELCOME_TEXT)
    expect(page.locator("[data-live-region]")).to_contain_text(WELCOME_TEXT)
