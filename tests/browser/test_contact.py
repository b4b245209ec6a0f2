"""Contact requests, blocking, reporting and moderation, clicked through on a phone.

Sandrine Morel (HR at a logistics warehouse near Lille) finds Inès (19, Roubaix), whose
profile is anonymous to recruiters, and asks to talk with her from the profile. Inès sees
the request arrive live on her phone and accepts; only then does Sandrine see her first
name, and both land in their conversation. Then Inès reports and blocks Kevin, who wrote
nasty things, and Léa of the AcroJump team warns him. Every page visited is checked with
axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from network.actions import AccountDetails, do_register_user
from network.models import (
    ContactRequest,
    DisplayMode,
    Organisation,
    Role,
    User,
    Visibility,
    YouthProfile,
)
from tests.factories import PASSWORD, birth_date

from .support import AccessibilityChecker
from .test_mentorship import log_in, log_out

pytestmark = pytest.mark.browser

SANDRINE_EMAIL = "sandrine.morel.contact@example.org"
INES_EMAIL = "ines.contact@example.org"
MESSAGE = "Bonjour, nous cherchons des préparateurs de commandes à Lesquin, sans diplôme requis."


def set_up_sandrine_and_ines() -> int:
    sandrine = User(email=SANDRINE_EMAIL, first_name="Sandrine", last_name="Morel")
    sandrine.set_password(PASSWORD)
    do_register_user(
        sandrine,
        details=AccountDetails(
            role=Role.RECRUITER,
            town="Lesquin",
            organisation_name="Entrepôt de Lesquin",
            organisation_kind=Organisation.Kind.COMPANY,
            function="Ressources humaines",
        ),
    )
    ines = User(email=INES_EMAIL, first_name="Inès", last_name="Haddad")
    ines.set_password(PASSWORD)
    do_register_user(
        ines, details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(19), town="Roubaix")
    )
    YouthProfile.objects.create(
        user=ines,
        headline="Bénévole à la banque alimentaire, je cherche un emploi en logistique",
        visibility=Visibility.RECRUITERS,
        discoverable=True,
        display_mode=DisplayMode.ANONYMOUS,
    )
    return ines.pk


def request_status() -> str:
    return ContactRequest.objects.get(youth__email=INES_EMAIL).status


def second_context(
    context: BrowserContext, base_url: str, a11y: AccessibilityChecker
) -> BrowserContext:
    """A second phone in the same browser, set up like the ``context`` fixture's."""
    other = context.browser.new_context(
        base_url=base_url,
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport={"width": 360, "height": 740},
    )
    other.set_default_timeout(15_000)
    other.on("page", a11y.watch)
    return other


def test_recruiter_asks_an_anonymous_youth_who_accepts_live(
    context: BrowserContext,
    page: Page,
    daphne_server: Any,
    a11y: AccessibilityChecker,
    outside_browser_loop: Callable[..., Any],
) -> None:
    ines_id = outside_browser_loop(set_up_sandrine_and_ines)
    page.set_viewport_size({"width": 360, "height": 740})

    # Inès is on her phone, on her space, connected live.
    log_in(page, a11y, INES_EMAIL)
    expect(page.locator("body")).to_have_attribute("data-realtime-state", "open")
    badge = page.locator("[data-unread-count]")
    unread_before = badge.inner_text()

    sandrine_context = second_context(context, daphne_server.url, a11y)
    sandrine = sandrine_context.new_page()
    sandrine.on("pageerror", lambda error: pytest.fail(f"JavaScript error for Sandrine: {error}"))
    try:
        log_in(sandrine, a11y, SANDRINE_EMAIL)
        sandrine.goto(f"/skills/profile/{ines_id}/")
        a11y.check(sandrine)
        expect(sandrine.locator("main h1")).not_to_contain_text("Inès")
        with sandrine.expect_navigation():
            sandrine.locator("main [data-contact-button]").click()
        expect(sandrine).to_have_url(re.compile(rf"/contacts/nouvelle/{ines_id}/$"))
        a11y.check(sandrine)
        expect(sandrine.locator("main")).not_to_contain_text("Inès")
        sandrine.fill("textarea[name='message']", MESSAGE)
        sandrine.fill("input[name='subject']", "Préparatrice de commandes")
        with sandrine.expect_navigation():
            sandrine.locator("main form button[type='submit']").click()
        expect(sandrine).to_have_url(re.compile(r"/contacts/$"))
        a11y.check(sandrine)
        expect(sandrine.locator("main [data-contact-request]")).to_have_count(1)
        expect(sandrine.locator("main")).not_to_contain_text("Inès")
        expect(sandrine.locator("main")).not_to_contain_text("Roubaix")

        # The request reaches Inès live: the badge counts it and a toast links to it.
        expect(badge).not_to_have_text(unread_before)
        expect(page.locator(".toast[data-toast]")).to_contain_text("Sandrine Morel")
        with page.expect_navigation():
            page.locator("header nav a[href='/contacts/']").click()
        a11y.check(page)
        expect(page.locator("main")).to_contain_text(MESSAGE)
        expect(page.locator("main")).to_contain_text("Entrepôt de Lesquin")
        with page.expect_navigation():
            page.locator("main button[name='answer'][value='accept']").click()
        expect(page).to_have_url(re.compile(r"/messages/\d+/$"))
        a11y.check(page)
        assert outside_browser_loop(request_status) == ContactRequest.Status.ACCEPTED

        # Now, and only now, Sandrine sees Inès's first name, and goes to their conversation.
        sandrine.goto("/contacts/")
        a11y.check(sandrine)
        expect(sandrine.locator("main [data-youth-name]")).to_have_text("Inès")
        with sandrine.expect_navigation():
            sandrine.locator("main [data-conversation-link]").click()
        expect(sandrine).to_have_url(page.url)
        a11y.check(sandrine)
    finally:
        sandrine_context.close()


KEVIN_EMAIL = "kevin.safety@example.org"
LEA_EMAIL = "lea.moderation@example.org"


def set_up_ines_kevin_and_lea() -> int:
    ines = User(email=INES_EMAIL, first_name="Inès")
    ines.set_password(PASSWORD)
    do_register_user(
        ines, details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(19), town="Roubaix")
    )
    kevin = User(email=KEVIN_EMAIL, first_name="Kevin")
    kevin.set_password(PASSWORD)
    do_register_user(
        kevin,
        details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(24), town="Saint-Quentin"),
    )
    YouthProfile.objects.create(user=kevin, visibility=Visibility.MEMBERS)
    lea = User(email=LEA_EMAIL, first_name="Léa", is_staff=True)
    lea.set_password(PASSWORD)
    do_register_user(lea, details=AccountDetails(role=Role.STAFF))
    return kevin.pk


def test_youth_reports_and_blocks_and_the_team_warns(
    page: Page, a11y: AccessibilityChecker, outside_browser_loop: Callable[..., Any]
) -> None:
    kevin_id = outside_browser_loop(set_up_ines_kevin_and_lea)
    page.set_viewport_size({"width": 360, "height": 740})

    log_in(page, a11y, INES_EMAIL)
    page.goto(f"/skills/profile/{kevin_id}/")
    a11y.check(page)
    with page.expect_navigation():
        page.locator("main [data-report-link]").click()
    a11y.check(page)
    page.check("input[name='reason'][value='harassment']")
    page.fill("textarea[name='details']", "Il m'envoie des insultes.")
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(rf"/skills/profile/{kevin_id}/$"))
    a11y.check(page)
    with page.expect_navigation():
        page.locator("main [data-block-link]").click()
    a11y.check(page)
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/securite/bloques/$"))
    a11y.check(page)
    expect(page.locator(f"main [data-blocked='{kevin_id}']")).to_contain_text("Kevin")
    log_out(page)

    log_in(page, a11y, LEA_EMAIL)
    with page.expect_navigation():
        page.locator("header nav a[href='/moderation/']").click()
    a11y.check(page)
    with page.expect_navigation():
        page.locator("main [data-report] a").first.click()
    a11y.check(page)
    expect(page.locator("main")).to_contain_text("Il m'envoie des insultes.")
    page.check("input[name='kind'][value='warn']")
    page.fill("textarea[name='note']", "Les insultes sont interdites sur AcroJump.")
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/moderation/$"))
    a11y.check(page)
    expect(page.locator("main [data-report]")).to_have_count(0)
    with page.expect_navigation():
        page.locator("main a[href='/moderation/journal/']").click()
    a11y.check(page)
    expect(page.locator("main [data-action]")).to_have_count(1)
    expect(page.locator("main [data-action]")).to_contain_text("Kevin")
