"""Nadia, counsellor at the Mission Locale of Dijon, invites Lucas with a link; Lucas opens it,
sees who invites him and accepts; Nadia finds him in her caseload and writes a private note.
On a 360 px phone, every page checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from network.actions import AccountDetails, do_register_user
from network.models import Organisation, Role, User
from tests.factories import PASSWORD, birth_date

from .support import AccessibilityChecker

pytestmark = pytest.mark.browser

NADIA_EMAIL = "nadia.benali.mentorship@example.org"
LUCAS_EMAIL = "lucas.mentorship@example.org"


def set_up_nadia_and_lucas() -> None:
    nadia = User(email=NADIA_EMAIL, first_name="Nadia", last_name="Benali")
    nadia.set_password(PASSWORD)
    do_register_user(
        nadia,
        details=AccountDetails(
            role=Role.MENTOR,
            town="Dijon",
            organisation_name="Mission Locale de Dijon",
            organisation_kind=Organisation.Kind.MISSION_LOCALE,
            function="Conseillère",
        ),
    )
    lucas = User(email=LUCAS_EMAIL, first_name="Lucas")
    lucas.set_password(PASSWORD)
    do_register_user(
        lucas,
        details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(18), town="Dijon"),
    )


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


def test_nadia_invites_lucas_who_accepts_and_she_writes_a_note(
    page: Page, a11y: AccessibilityChecker, outside_browser_loop: Callable[..., Any]
) -> None:
    outside_browser_loop(set_up_nadia_and_lucas)
    page.set_viewport_size({"width": 360, "height": 740})

    log_in(page, a11y, NADIA_EMAIL)
    with page.expect_navigation():
        page.locator("header nav a[href='/mentor/caseload/']").click()
    a11y.check(page)
    with page.expect_navigation():
        page.locator("main a[href='/mentor/invite/']").first.click()
    a11y.check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Créer un lien d'invitation").click()
    a11y.check(page)
    expect(page.locator(".qr-code svg")).to_be_visible()
    link = page.locator("[data-invitation-url]").get_attribute("href")
    assert link and "/invitation/" in link
    log_out(page)

    log_in(page, a11y, LUCAS_EMAIL)
    page.goto(link)
    a11y.check(page)
    expect(page.locator("main")).to_contain_text("Nadia Benali aimerait te suivre")
    expect(page.locator("main")).to_contain_text("Mission Locale de Dijon")
    with page.expect_navigation():
        page.get_by_role("button", name="J'accepte").click()
    expect(page).to_have_url(re.compile(r"/my-mentors/$"))
    a11y.check(page)
    expect(page.locator("main")).to_contain_text("Nadia Benali")
    # The link works once.
    page.goto(link)
    expect(page.locator("main")).to_contain_text("déjà servi")
    a11y.check(page)
    log_out(page)

    log_in(page, a11y, NADIA_EMAIL)
    expect(page.locator("[data-unread-count]")).not_to_have_text("0")
    page.goto("/mentor/caseload/")
    a11y.check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Lucas").click()
    a11y.check(page)
    page.fill("textarea[name='text']", "Premier entretien : motivé par le son et la technique.")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer la note").click()
    a11y.check(page)
    expect(page.locator("main")).to_contain_text("motivé par le son et la technique")
