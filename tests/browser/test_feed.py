"""Yanis and Lucas are connected and both have their news feed open, each on his phone.
Yanis posts about the futsal tournament; the post appears on Lucas's feed without a reload;
Lucas says bravo and comments. Every page is checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from network.actions import AccountDetails, do_register_user
from network.models import Connection, Role, User
from tests.factories import PASSWORD, birth_date

from .support import AccessibilityChecker

pytestmark = pytest.mark.browser

YANIS_EMAIL = "yanis.feed@example.org"
LUCAS_EMAIL = "lucas.feed@example.org"
POST_TEXT = "Tournoi de futsal des moins de 10 ans samedi : 8 équipes, tout le monde a joué !"
COMMENT_TEXT = "Bravo pour l'organisation, j'ai entendu que c'était top."


def set_up_yanis_and_lucas() -> None:
    people = {}
    for email, first_name, age, town in (
        (YANIS_EMAIL, "Yanis", 17, "Vaulx-en-Velin"),
        (LUCAS_EMAIL, "Lucas", 18, "Dijon"),
    ):
        user = User(email=email, first_name=first_name)
        user.set_password(PASSWORD)
        do_register_user(
            user,
            details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(age), town=town),
        )
        people[first_name] = user
    # Yanis (a minor) asked Lucas, who accepted.
    Connection.objects.create(
        requester=people["Yanis"], addressee=people["Lucas"], status=Connection.Status.ACCEPTED
    )


def log_in_to_feed(page: Page, a11y: AccessibilityChecker, email: str) -> None:
    page.goto("/accounts/login/")
    a11y.check(page)
    page.fill("input[name='login']", email)
    page.fill("input[name='password']", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/espace/$"))
    a11y.check(page)
    with page.expect_navigation():
        page.locator("header nav a[href='/fil/']").click()
    a11y.check(page)
    expect(page.locator("body")).to_have_attribute("data-realtime-state", "open")


def test_a_post_appears_live_and_gets_a_bravo_and_a_comment(
    context: BrowserContext,
    page: Page,
    a11y: AccessibilityChecker,
    outside_browser_loop: Callable[..., Any],
) -> None:
    outside_browser_loop(set_up_yanis_and_lucas)

    log_in_to_feed(page, a11y, LUCAS_EMAIL)
    expect(page.locator("[data-feed-empty]")).to_be_visible()

    # Yanis, on his own phone: another browser profile, with its own session.
    yanis_context = context.browser.new_context(
        base_url=page.url.split("/fil/")[0],
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport={"width": 390, "height": 844},
    )
    page_errors: list[str] = []
    try:
        yanis = yanis_context.new_page()
        a11y.watch(yanis)
        yanis.on("pageerror", lambda error: page_errors.append(str(error)))
        log_in_to_feed(yanis, a11y, YANIS_EMAIL)
        yanis.fill("textarea[name='text']", POST_TEXT)
        with yanis.expect_navigation():
            yanis.locator("main form[action='/fil/publier/'] button[type='submit']").click()
        expect(yanis.locator("[data-feed-item]").first).to_contain_text(POST_TEXT)
        a11y.check(yanis)

        # Lucas's feed shows it without a reload, and says so to screen readers.
        item = page.locator("[data-feed-item]").filter(has_text=POST_TEXT)
        expect(item).to_be_visible()
        expect(page.locator("[data-live-region]")).not_to_be_empty()
        expect(page.locator("[data-feed-empty]")).to_have_count(0)
        a11y.check(page)

        bravo = item.locator("button[data-bravo]")
        expect(bravo).to_have_attribute("aria-pressed", "false")
        bravo.click()
        item = page.locator("[data-feed-item]").filter(has_text=POST_TEXT)
        expect(item.locator("button[data-bravo]")).to_have_attribute("aria-pressed", "true")
        expect(item.locator("[data-bravo-count]")).to_have_text("1")
        a11y.check(page)

        item.locator("textarea[name='text']").fill(COMMENT_TEXT)
        with page.expect_navigation():
            item.locator("form.comment-form button[type='submit']").click()
        item = page.locator("[data-feed-item]").filter(has_text=POST_TEXT)
        expect(item.locator(".comment-list")).to_contain_text(COMMENT_TEXT)
        expect(item.locator("[data-bravo-count]")).to_have_text("1")
        a11y.check(page)

        # Yanis is told about both.
        expect(yanis.locator("[data-unread-count]")).to_have_text("2")
        a11y.check(yanis)

        # Lucas's network lists Yanis, with a way to leave the connection.
        with page.expect_navigation():
            page.locator("header nav a[href='/reseau/']").click()
        connections = page.locator("section[aria-labelledby='connections-title']")
        expect(connections).to_contain_text("Yanis")
        expect(connections.locator("button[type='submit']")).to_have_count(1)
        a11y.check(page)
    finally:
        yanis_context.close()
    assert not page_errors, page_errors
