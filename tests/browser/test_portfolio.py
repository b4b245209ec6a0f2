"""Inès turns her food-bank volunteering into skills, with a photo as evidence, on her phone.

Uses the real suggestion engine and starter taxonomy: she writes in her own words, the page
suggests skills while she types (suggest.js), she ticks some, adds a photo, and finds them
on her profile. Every page is checked with axe-core.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from network.actions import AccountDetails, do_register_user
from network.models import Role, User
from tests.factories import PASSWORD, birth_date

from .support import AccessibilityChecker

pytestmark = pytest.mark.browser

SENTENCE = "j'ai aidé à la banque alimentaire, je rangeais les dons et j'accueillais les familles"


def make_ines() -> User:
    user = User(email="ines.portfolio@example.org", first_name="Inès")
    user.set_password(PASSWORD)
    return do_register_user(
        user,
        details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(19), town="Roubaix"),
    )


def photo() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 120, 200)).save(output, "JPEG")
    return output.getvalue()


def save(page: Page, button: str = "button[name='save']") -> None:
    with page.expect_navigation():
        page.locator(f"main {button}").click()


def test_ines_turns_her_volunteering_into_skills_with_a_photo(
    page: Page, a11y: AccessibilityChecker, outside_browser_loop: Callable[..., Any]
) -> None:
    outside_browser_loop(make_ines)
    page.goto("/accounts/login/")
    page.fill("input[name='login']", "ines.portfolio@example.org")
    page.fill("input[name='password']", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/espace/$"))
    a11y.check(page)

    with page.expect_navigation():
        page.locator("header nav a[href='/skills/experiences/']").click()
    a11y.check(page)
    with page.expect_navigation():
        page.locator("main a[href='/skills/experiences/new/']").click()
    a11y.check(page)
    page.select_option("select[name='kind']", "volunteering")
    page.fill("input[name='title']", "Bénévole à la banque alimentaire")
    page.fill("input[name='place']", "Roubaix")
    page.locator("textarea[name='description']").press_sequentially(SENTENCE, delay=5)

    suggestions = page.locator("[data-suggestions] li[data-suggested] input[type='checkbox']")
    expect(suggestions.first).to_be_visible()
    expect(page.locator("[data-suggest-button]")).to_be_hidden()
    a11y.check(page)
    chosen = [suggestions.nth(index).get_attribute("value") for index in range(2)]
    labels = [
        page.locator(f"label:has(input[value='{uri}'])").inner_text().strip() for uri in chosen
    ]
    for index in range(2):
        suggestions.nth(index).check()
    save(page)
    expect(page).to_have_url(re.compile(r"/skills/experiences/$"))
    a11y.check(page)

    page.goto("/skills/achievements/new/")
    a11y.check(page)
    page.fill("input[name='title']", "J'ai tenu le tableau du stock")
    page.fill("textarea[name='what_i_did']", "Chaque mardi je comptais les dons.")
    page.select_option("select[name='experience']", label="Bénévole à la banque alimentaire")
    save(page)
    expect(page).to_have_url(re.compile(r"/skills/achievements/\d+/$"))
    a11y.check(page)

    page.set_input_files(
        "input[name='file']",
        files=[{"name": "stand.jpg", "mimeType": "image/jpeg", "buffer": photo()}],
    )
    page.fill("input[name='caption']", "Le stand de la collecte")
    save(page, "form[action$='/evidence/file/'] button[type='submit']")
    expect(page.locator("#evidence img")).to_have_count(1)
    natural_width = page.locator("#evidence img").evaluate("img => img.naturalWidth")
    assert natural_width == 80  # served by the permission-checking view
    a11y.check(page)

    with page.expect_navigation():
        page.locator("header nav a[href='/skills/profile/']").click()
    a11y.check(page)
    skills_section = page.locator("section[aria-labelledby='skills-title']")
    for label in labels:
        expect(skills_section).to_contain_text(label)
    expect(page.locator("section[aria-labelledby='path-title']")).to_contain_text(
        "Bénévole à la banque alimentaire"
    )
    expect(page.locator("section.coach progress")).to_be_visible()

    page.goto("/skills/profile/preview/recruiter/")
    a11y.check(page)
    expect(page.locator("main")).to_contain_text("recruteur")
