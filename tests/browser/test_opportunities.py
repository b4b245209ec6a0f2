"""Sandrine Morel (HR at a warehouse in Lesquin) posts an order-picker job from her phone;
Lucas (18, Dijon) finds it in his opportunities with why it fits him, and applies with his
first name; Sandrine moves his application to "to meet" and Lucas sees where it stands.
Every page visited is checked with axe-core."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from network.actions import AccountDetails, do_register_user
from network.models import Application, Organisation, Role, User, YouthProfile
from skills.models import ProfileSkill
from tests.factories import PASSWORD, birth_date, starter_concept

from .support import AccessibilityChecker
from .test_mentorship import log_in, log_out

pytestmark = pytest.mark.browser

SANDRINE_EMAIL = "sandrine.morel.offers@example.org"
LUCAS_EMAIL = "lucas.offers@example.org"
TITLE = "Préparateur ou préparatrice de commandes"
WANTED = ("travailler-en-equipe", "preparer-des-commandes")


def set_up_sandrine_and_lucas() -> dict[str, Any]:
    sandrine = User(email=SANDRINE_EMAIL, first_name="Sandrine", last_name="Morel")
    sandrine.set_password(PASSWORD)
    do_register_user(
        sandrine,
        details=AccountDetails(
            role=Role.RECRUITER,
            town="Lesquin",
            organisation_name="Entrepôts du Mélantois",
            organisation_kind=Organisation.Kind.COMPANY,
            function="Responsable RH",
        ),
    )
    lucas = User(email=LUCAS_EMAIL, first_name="Lucas")
    lucas.set_password(PASSWORD)
    do_register_user(
        lucas, details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(18), town="Dijon")
    )
    YouthProfile.objects.create(user=lucas, mobility_km=30)
    ProfileSkill.objects.create(youth=lucas, concept=starter_concept("travailler-en-equipe"))
    concepts = [starter_concept(slug) for slug in WANTED]
    return {
        "skills": [
            {
                "id": concept.pk,
                "label": concept.label("fr"),
                "group": concept.broader.get().label("fr"),
            }
            for concept in concepts
        ],
    }


def application_status() -> str:
    return Application.objects.get(youth__email=LUCAS_EMAIL).status


def application_named() -> bool:
    return Application.objects.get(youth__email=LUCAS_EMAIL).named


def test_sandrine_posts_lucas_applies_and_sees_his_application_move(
    page: Page, a11y: AccessibilityChecker, outside_browser_loop: Callable[..., Any]
) -> None:
    setup = outside_browser_loop(set_up_sandrine_and_lucas)
    page.set_viewport_size({"width": 360, "height": 740})
    starts_on = (timezone.localdate() + datetime.timedelta(days=21)).isoformat()

    # Sandrine posts the offer.
    log_in(page, a11y, SANDRINE_EMAIL)
    with page.expect_navigation():
        page.locator("header nav a[href='/offres/gerer/']").click()
    a11y.check(page)
    with page.expect_navigation():
        page.locator("main [data-new-opportunity]").click()
    a11y.check(page)
    page.select_option("select[name='kind']", "job")
    page.fill("input[name='title']", TITLE)
    page.fill(
        "textarea[name='description']",
        "Tu prépares les commandes des magasins dans notre entrepôt. Sans diplôme.",
    )
    for skill in setup["skills"]:
        page.locator("details.skill-theme summary", has_text=skill["group"]).first.click()
        page.check(f"#skill-{skill['id']}")
    page.fill("input[name='town']", "Lesquin")
    page.select_option("select[name='contract']", "temporary")
    page.fill("input[name='hours_per_week']", "35")
    page.fill("input[name='starts_on']", starts_on)
    with page.expect_navigation():
        page.locator("main [data-save-opportunity]").click()
    expect(page).to_have_url(re.compile(r"/offres/\d+/$"))
    a11y.check(page)
    expect(page.locator("main h1")).to_have_text(TITLE)
    offer_url = page.url
    log_out(page)

    # Lucas finds it with why it fits him, and applies with his first name.
    log_in(page, a11y, LUCAS_EMAIL)
    with page.expect_navigation():
        page.locator("header nav a[href='/offres/']").click()
    a11y.check(page)
    card = page.locator("main .opportunity-card", has_text=TITLE)
    expect(card).to_have_count(1)
    expect(card.locator("[data-fit-have]")).to_contain_text(setup["skills"][0]["label"])
    expect(card.locator("[data-fit-develop]")).to_contain_text(setup["skills"][1]["label"])
    expect(card.locator("[data-fit-distance]")).to_contain_text("km")
    with page.expect_navigation():
        card.locator("h2 a").click()
    expect(page).to_have_url(offer_url)
    a11y.check(page)
    page.fill("textarea[name='message']", "Bonjour, je suis fiable et j'aime le travail en équipe.")
    page.check("input[name='named']")
    with page.expect_navigation():
        page.locator("main [data-apply-button]").click()
    expect(page).to_have_url(re.compile(r"/candidatures/$"))
    a11y.check(page)
    expect(page.locator("main [data-application-id]")).to_have_attribute("data-status", "new")
    assert outside_browser_loop(application_named) is True
    log_out(page)

    # Sandrine sees Lucas by name in her pipeline and moves him to "to meet".
    log_in(page, a11y, SANDRINE_EMAIL)
    page.goto(offer_url)
    a11y.check(page)
    with page.expect_navigation():
        page.locator("main [data-pipeline-link]").click()
    a11y.check(page)
    new_column = page.locator("main [data-column='new']")
    expect(new_column.locator("[data-candidate-name]")).to_have_text("Lucas")
    with page.expect_navigation():
        new_column.locator("button[data-move='to_meet']").click()
    a11y.check(page)
    expect(page.locator("main [data-column='to_meet'] [data-candidate-name]")).to_have_text("Lucas")
    assert outside_browser_loop(application_status) == Application.Status.TO_MEET
    log_out(page)

    # Lucas sees the new status.
    log_in(page, a11y, LUCAS_EMAIL)
    page.goto("/candidatures/")
    a11y.check(page)
    expect(page.locator("main [data-application-id]")).to_have_attribute("data-status", "to_meet")
