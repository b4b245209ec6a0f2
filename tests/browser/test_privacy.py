"""Yanis downloads his data (a JSON file and a readable PDF) from "My data", then deletes his
account: a wrong password first (nothing happens), then his own. He lands on the home page,
logged out, and can no longer log in. Every page checked with axe-core."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from network.actions import AccountDetails, do_register_user
from network.models import Post, Role, User
from tests.factories import PASSWORD, birth_date

from .support import AccessibilityChecker

pytestmark = pytest.mark.browser

YANIS_EMAIL = "yanis.privacy@example.org"


def set_up_yanis() -> None:
    yanis = User(email=YANIS_EMAIL, first_name="Yanis")
    yanis.set_password(PASSWORD)
    do_register_user(
        yanis,
        details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(17), town="Vaulx"),
    )
    Post.objects.create(author=yanis, text="YANIS-POST tournoi des moins de 10 ans")


def yanis_exists() -> bool:
    return User.objects.filter(email=YANIS_EMAIL).exists()


def log_in(page: Page, a11y: AccessibilityChecker, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    a11y.check(page)
    page.fill("input[name='login']", YANIS_EMAIL)
    page.fill("input[name='password']", password)
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    a11y.check(page)


def test_yanis_downloads_his_data_then_deletes_his_account(
    page: Page,
    a11y: AccessibilityChecker,
    outside_browser_loop: Callable[..., Any],
    tmp_path: Path,
) -> None:
    outside_browser_loop(set_up_yanis)
    log_in(page, a11y)
    expect(page).to_have_url(re.compile(r"/espace/$"))

    # From the account menu to "My data".
    with page.expect_navigation():
        page.locator("header nav a[href='/accounts/email/']").click()
    a11y.check(page)
    with page.expect_navigation():
        page.locator("nav.sub-nav a[href='/mes-donnees/']").click()
    expect(page).to_have_url(re.compile(r"/mes-donnees/$"))
    a11y.check(page)

    with page.expect_download() as json_download:
        page.locator("[data-download='json']").click()
    download = json_download.value
    assert download.suggested_filename.endswith(".json")
    json_path = tmp_path / download.suggested_filename
    download.save_as(json_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["account"]["email"] == YANIS_EMAIL
    assert [post["text"] for post in data["posts"]] == ["YANIS-POST tournoi des moins de 10 ans"]

    with page.expect_download() as pdf_download:
        page.locator("[data-download='pdf']").click()
    download = pdf_download.value
    assert download.suggested_filename.endswith(".pdf")
    pdf_path = tmp_path / download.suggested_filename
    download.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")

    with page.expect_navigation():
        page.locator("main a[href='/mes-donnees/supprimer/']").click()
    a11y.check(page)

    # A wrong password: the page says so and nothing is deleted.
    page.fill("input[name='password']", "pas-mon-mot-de-passe")
    page.check("input[name='confirm']")
    with page.expect_navigation():
        page.locator("main form button[type='submit'].button-danger").click()
    expect(page.locator("[data-delete-error]")).to_be_visible()
    a11y.check(page)
    assert outside_browser_loop(yanis_exists)

    page.fill("input[name='password']", PASSWORD)
    page.check("input[name='confirm']")
    with page.expect_navigation():
        page.locator("main form button[type='submit'].button-danger").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator(".messages .message.success")).to_be_visible()
    expect(page.locator("header form[action$='/logout/']")).to_have_count(0)
    a11y.check(page)
    assert not outside_browser_loop(yanis_exists)

    # His e-mail and password no longer open anything.
    log_in(page, a11y)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("main .form-errors[role='alert']")).to_be_visible()
    expect(page.locator("header form[action$='/logout/']")).to_have_count(0)
