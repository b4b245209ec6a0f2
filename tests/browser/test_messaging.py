"""Inès (17) writes to Nadia, her counsellor at the Mission Locale, and Nadia answers, live,
each on her own phone. Then Nadia's phone loses the network: what Inès sends meanwhile, and
what Nadia writes while offline, arrives once each when she is back. Every page visited is
checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from network import mentorship as mentorship_actions
from network.actions import AccountDetails, do_register_user
from network.models import Message, Organisation, Role, User
from tests.factories import PASSWORD, birth_date

from .support import AccessibilityChecker
from .test_mentorship import log_in

pytestmark = pytest.mark.browser

INES_EMAIL = "ines.messaging@example.org"
NADIA_EMAIL = "nadia.benali.messaging@example.org"

# Chromium's offline mode does not always cut a websocket that is already open; a phone
# losing the network does. The test keeps each tab's socket to drop it like a real loss.
KEEP_SOCKET = """
document.addEventListener("acrojump:open", function (event) {
  window.__acrojumpSocket = event.detail.socket;
});
"""


def set_up_ines_and_nadia() -> None:
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
    ines = User(email=INES_EMAIL, first_name="Inès")
    ines.set_password(PASSWORD)
    do_register_user(
        ines, details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(17), town="Dijon")
    )
    invitation = mentorship_actions.check_create_invitation(nadia)
    assert mentorship_actions.check_answer_invitation(ines, token=invitation.token, accept=True)


def count_messages(text: str) -> int:
    return Message.objects.filter(text=text).count()


def bubbles(page: Page, text: str):  # noqa: ANN201 - a Playwright locator
    return page.locator("[data-message-list] .bubble", has_text=text)


def send(page: Page, text: str) -> None:
    page.fill("[data-message-form] textarea[name='text']", text)
    page.locator("[data-message-form] button[type='submit']").click()


def wait_for_socket(page: Page) -> None:
    expect(page.locator("body")).to_have_attribute("data-realtime-state", "open")


def second_context(
    context: BrowserContext, base_url: str, a11y: AccessibilityChecker
) -> BrowserContext:
    """A second phone, in the same browser, set up like the ``context`` fixture's."""
    other = context.browser.new_context(
        base_url=base_url,
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport={"width": 390, "height": 844},
    )
    other.set_default_timeout(15_000)
    other.on("page", a11y.watch)
    return other


def test_ines_and_nadia_talk_live_and_nothing_is_lost_or_doubled_offline(
    context: BrowserContext,
    page: Page,
    daphne_server: Any,
    a11y: AccessibilityChecker,
    outside_browser_loop: Callable[..., Any],
) -> None:
    outside_browser_loop(set_up_ines_and_nadia)

    # Inès opens a conversation with her counsellor from the Messages menu.
    log_in(page, a11y, INES_EMAIL)
    with page.expect_navigation():
        page.locator("header nav [data-messages-link]").click()
    a11y.check(page)
    with page.expect_navigation():
        page.locator("main a[href='/messages/nouvelle/']").click()
    a11y.check(page)
    page.get_by_label("Nadia Benali").check()
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/messages/\d+/$"))
    a11y.check(page)
    conversation_url = page.url

    nadia_context = second_context(context, daphne_server.url, a11y)
    nadia_context.add_init_script(KEEP_SOCKET)
    nadia = nadia_context.new_page()
    nadia.on("pageerror", lambda error: pytest.fail(f"JavaScript error for Nadia: {error}"))
    try:
        log_in(nadia, a11y, NADIA_EMAIL)
        nadia.goto(conversation_url)
        a11y.check(nadia)
        wait_for_socket(page)
        wait_for_socket(nadia)

        # Live, both ways, without reloading.
        send(page, "Bonjour Nadia, j'ai une question sur mon CV.")
        expect(bubbles(nadia, "j'ai une question sur mon CV")).to_have_count(1)
        expect(bubbles(page, "j'ai une question sur mon CV")).to_have_attribute(
            "data-message-id", re.compile(r"^\d+$")
        )
        send(nadia, "Bonjour Inès ! Envoie-le moi, je regarde.")
        expect(bubbles(page, "Envoie-le moi")).to_have_count(1)
        expect(bubbles(nadia, "Envoie-le moi")).to_have_count(1)
        # Inès's page was open and visible: she read it, and Nadia sees it.
        expect(nadia.locator(".bubble.is-mine [data-seen]")).not_to_have_text("")

        # Nadia's phone loses the network; Inès sends three messages meanwhile.
        nadia_context.set_offline(True)
        nadia.evaluate("() => window.__acrojumpSocket && window.__acrojumpSocket.close()")
        expect(nadia.locator("body")).not_to_have_attribute("data-realtime-state", "open")
        missed = [f"Message hors ligne numéro {n}" for n in (1, 2, 3)]
        for text in missed:
            send(page, text)
            expect(bubbles(page, text)).to_have_attribute("data-message-id", re.compile(r"\d"))

        # Nadia writes while still offline: kept as "not sent yet", not lost.
        offline_text = "Je te réponds dès que j'ai du réseau."
        send(nadia, offline_text)
        expect(bubbles(nadia, offline_text)).to_have_class(re.compile("is-pending"))

        nadia_context.set_offline(False)
        wait_for_socket(nadia)
        for text in missed:
            expect(bubbles(nadia, text)).to_have_count(1)
        expect(bubbles(nadia, offline_text)).to_have_attribute(
            "data-message-id", re.compile(r"^\d+$")
        )
        expect(bubbles(page, offline_text)).to_have_count(1)
        expect(bubbles(nadia, offline_text)).to_have_count(1)
        # Nothing was doubled on the server either, whatever path each send took.
        for text in [*missed, offline_text]:
            assert outside_browser_loop(count_messages, text) == 1
        expect(nadia.locator("[data-message-list] .bubble")).to_have_count(6)
        expect(page.locator("[data-message-list] .bubble")).to_have_count(6)
        a11y.check(nadia)
        a11y.check(page)

        # A reload shows the same six messages: what the page showed was what was stored.
        nadia.reload()
        a11y.check(nadia)
        expect(nadia.locator("[data-message-list] .bubble")).to_have_count(6)
    finally:
        nadia_context.close()


def start_conversation_with_a_message() -> int:
    from django.db import transaction

    from network.messaging import check_send_message, do_start_direct_conversation

    nadia = User.objects.get(email=NADIA_EMAIL)
    ines = User.objects.get(email=INES_EMAIL)
    conversation = do_start_direct_conversation(ines, nadia)
    with transaction.atomic():
        check_send_message(ines, conversation_id=conversation.pk, client_id="c-1", text="Bonjour")
    return conversation.pk


def test_the_list_of_conversations_counts_new_messages_live(
    context: BrowserContext,
    page: Page,
    daphne_server: Any,
    a11y: AccessibilityChecker,
    outside_browser_loop: Callable[..., Any],
) -> None:
    outside_browser_loop(set_up_ines_and_nadia)
    conversation_id = outside_browser_loop(start_conversation_with_a_message)
    log_in(page, a11y, NADIA_EMAIL)
    page.goto("/messages/")
    wait_for_socket(page)
    a11y.check(page)
    item = page.locator(f"[data-conversation-id='{conversation_id}']")
    expect(item.locator("[data-conversation-unread]")).to_have_text("1")

    # Inès writes from her phone (the push leaves the server that stored the message).
    ines_context = second_context(context, daphne_server.url, a11y)
    ines = ines_context.new_page()
    log_in(ines, a11y, INES_EMAIL)
    ines.goto(f"/messages/{conversation_id}/")
    wait_for_socket(ines)
    a11y.check(ines)
    send(ines, "Tu es là demain ?")
    expect(bubbles(ines, "Tu es là demain ?")).to_have_count(1)
    ines_context.close()
    expect(item.locator("[data-conversation-unread]")).to_have_text("2")
    expect(item.locator(".conversation-preview")).to_have_text("Tu es là demain ?")
    expect(page.locator("[data-unread-messages]").first).to_have_text("2")

    # Reading it in another tab clears the count here too.
    other = page.context.new_page()
    other.goto(f"/messages/{conversation_id}/")
    a11y.check(other)
    expect(item.locator("[data-conversation-unread]")).to_have_count(0)
    other.close()
