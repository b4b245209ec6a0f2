"""Recruiter search, clicked through: Sandrine Morel (HR at a logistics warehouse near
Lille) looks for young people who can prepare orders near Lesquin. She types the skill in
her own words, narrows to profiles with endorsements, sees Inès's anonymous card (skills
first, the endorsement's reason, her achievement with the matched word marked), opens
similar profiles, saves the search, and asks Inès to get in touch. Yanis, 17, appears but
is never named. Every page visited is checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from network.actions import AccountDetails, do_register_user
from network.models import DisplayMode, Organisation, Role, User, Visibility
from skills.actions.common import do_add_profile_skills
from skills.actions.profile import ProfileSettings, do_update_profile_settings
from skills.models import Achievement, Endorsement
from tests.factories import PASSWORD, birth_date, starter_concept

from .support import AccessibilityChecker
from .test_mentorship import log_in

pytestmark = pytest.mark.browser

SANDRINE_EMAIL = "sandrine.morel.search@example.org"


def _youth(email: str, first_name: str, age: int, town: str, **settings: Any) -> User:
    user = User(email=email, first_name=first_name)
    user.set_password(PASSWORD)
    do_register_user(
        user, details=AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(age), town=town)
    )
    do_update_profile_settings(
        user,
        settings=ProfileSettings(
            visibility=Visibility.RECRUITERS, discoverable=True, languages=("français",), **settings
        ),
    )
    do_add_profile_skills(user, concepts=[starter_concept("preparer-des-commandes")])
    return user


def set_up() -> dict[str, int]:
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
    ines = _youth(
        "ines.search@example.org",
        "Inès",
        19,
        "Roubaix",
        headline="Bénévole à la banque alimentaire, je cherche un emploi en logistique",
        display_mode=DisplayMode.ANONYMOUS,
    )
    Achievement.objects.create(
        youth=ines,
        title="Inventaire de la banque alimentaire",
        what_i_did="J'ai compté et rangé 2 tonnes de denrées avec l'équipe du samedi.",
        visibility=Visibility.RECRUITERS,
    )
    Endorsement.objects.create(
        youth=ines,
        concept=starter_concept("preparer-des-commandes"),
        endorser_name="Martine Leroy",
        relationship="employer",
        context="Banque alimentaire de Roubaix, 2025",
        observed="Elle prépare les colis sans erreur.",
        status=Endorsement.Status.ACCEPTED,
        weight=1.5,
        weight_reason="Recommandée par la responsable de la banque alimentaire",
    )
    yanis = _youth("yanis.search@example.org", "Yanis", 17, "Lille", display_mode=DisplayMode.NAMED)
    # Nothing indexes by hand: each save above reached search after its commit.
    return {
        "ines": ines.pk,
        "yanis": yanis.pk,
        "uri": starter_concept("preparer-des-commandes").uri,
    }


def test_sandrine_finds_ines_by_skill_and_asks_to_get_in_touch(
    page: Page,
    daphne_server: Any,
    a11y: AccessibilityChecker,
    outside_browser_loop: Callable[..., Any],
) -> None:
    ids: dict[str, Any] = outside_browser_loop(set_up)
    log_in(page, a11y, SANDRINE_EMAIL)
    with page.expect_navigation():
        page.locator("header nav a[href='/recherche/']").click()
    a11y.check(page)

    # Her own words, read as the taxonomy's skill; near Lesquin.
    page.fill("#must-new", "préparer des commandes")
    page.fill("#town", "Lesquin")
    page.fill("#km", "30")
    with page.expect_navigation():
        page.locator("main form.search-filters button[type='submit']").click()
    a11y.check(page)
    expect(page.locator("[data-total]")).to_have_attribute("data-total", "2")
    cards = page.locator("main [data-profile-id]")
    expect(cards).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Inès")
    expect(page.locator("main")).not_to_contain_text("Yanis")
    ines_card = page.locator(f"main [data-profile-id='{ids['ines']}']")
    expect(ines_card).to_contain_text("Nord (59)")
    expect(ines_card).to_contain_text("Recommandée par la responsable de la banque alimentaire")

    # Only endorsed profiles: Inès stays, Yanis goes; words are marked in her achievement.
    page.check("input[name='endorsed']")
    page.fill("#q", "denrées")
    with page.expect_navigation():
        page.locator("main form.search-filters button[type='submit']").click()
    a11y.check(page)
    expect(cards).to_have_count(1)
    expect(ines_card.locator(".highlight mark")).to_have_text("denrées")

    # Save the search for alerts.
    page.fill("#save-name", "Préparateurs près de Lesquin")
    with page.expect_navigation():
        page.locator("main form.save-search button[type='submit']").click()
    a11y.check(page)
    expect(page.locator("main")).to_contain_text("Préparateurs près de Lesquin")

    # Similar profiles to Inès: Yanis shares her skill, shown without his name.
    page.goto(f"/recherche/similaires/{ids['ines']}/")
    a11y.check(page)
    expect(page.locator(f"main [data-profile-id='{ids['yanis']}']")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Yanis")

    # Back to Inès: the contact request button of the network.
    page.goto(f"/recherche/?must={quote(ids['uri'], safe='')}&endorsed=1")
    with page.expect_navigation():
        page.locator(f"main [data-profile-id='{ids['ines']}'] a.button").click()
    expect(page).to_have_url(re.compile(rf"/contacts/nouvelle/{ids['ines']}/$"))
    a11y.check(page)
