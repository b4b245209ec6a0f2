"""Jean-Marc, president of Yanis's futsal club and his mentor, endorses Yanis's event
organisation (the end-of-season tournament); Yanis accepts it and it shows on his profile
with its context. Every page is checked with axe-core."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from network.actions import AccountDetails, do_register_user
from network.models import Mentorship, Organisation, Role, User, Visibility
from skills.models import SkillConcept
from skills.starter_taxonomy import STARTER_SKILLS
from tests.factories import PASSWORD, birth_date
from tests.skills.portfolio_helpers import add_experience, set_profile

from .support import AccessibilityChecker

pytestmark = pytest.mark.browser

YANIS_EMAIL = "yanis.endorsement@example.org"
JEAN_MARC_EMAIL = "jean-marc.petit@example.org"
CONTEXT = "Tournoi de fin de saison du club, juin 2025"
OBSERVED = "Yanis a fait le planning des matchs, trouvé les arbitres et tenu la buvette."
EVENT_URI = next(skill.uri for skill in STARTER_SKILLS if skill.slug == "organiser-un-evenement")


def set_up_yanis_and_jean_marc() -> int:
    yanis = User(email=YANIS_EMAIL, first_name="Yanis")
    yanis.set_password(PASSWORD)
    do_register_user(
        yanis,
        details=AccountDetails(
            role=Role.YOUTH, date_of_birth=birth_date(17), town="Vaulx-en-Velin"
        ),
    )
    jean_marc = User(email=JEAN_MARC_EMAIL, first_name="Jean-Marc", last_name="Petit")
    jean_marc.set_password(PASSWORD)
    do_register_user(
        jean_marc,
        details=AccountDetails(
            role=Role.MENTOR,
            town="Vaulx-en-Velin",
            organisation_name="Futsal Club de Vaulx-en-Velin",
            organisation_kind=Organisation.Kind.CLUB,
            function="Président",
        ),
    )
    set_profile(yanis, visibility=Visibility.MEMBERS)
    add_experience(
        yanis,
        title="Tournoi de fin de saison du club de futsal",
        kind="volunteering",
        concepts=(SkillConcept.objects.get(uri=EVENT_URI),),
        visibility=Visibility.MEMBERS,
        description="J'ai organisé le tournoi : planning, arbitres, buvette.",
    )
    Mentorship.objects.create(
        youth=yanis,
        mentor=jean_marc,
        organisation=jean_marc.organisations.get(),
        status=Mentorship.Status.ACTIVE,
        started_at=timezone.now() - datetime.timedelta(days=190),
    )
    return yanis.pk


def log_in(page: Page, a11y: AccessibilityChecker, email: str) -> None:
    page.goto("/accounts/login/")
    a11y.check(page)
    page.fill("input[name='login']", email)
    page.fill("input[name='password']", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/espace/$"))
    a11y.check(page)


def log_out(page: Page) -> None:
    with page.expect_navigation():
        page.locator("header form[action$='/logout/'] button").click()


def test_jean_marc_endorses_yanis_who_accepts_and_it_shows_on_his_profile(
    page: Page, a11y: AccessibilityChecker, outside_browser_loop: Callable[..., Any]
) -> None:
    yanis_id = outside_browser_loop(set_up_yanis_and_jean_marc)

    log_in(page, a11y, JEAN_MARC_EMAIL)
    page.goto(f"/skills/profile/{yanis_id}/")
    a11y.check(page)
    with page.expect_navigation():
        page.locator(f"main a[href='/skills/endorsements/youth/{yanis_id}/']").click()
    a11y.check(page)
    page.get_by_label("Organiser un événement").check()
    page.select_option("select[name='relationship']", "coach")
    page.fill("input[name='context']", CONTEXT)
    page.fill("textarea[name='observed']", OBSERVED)
    page.select_option("select[name='level_seen']", "3")
    with page.expect_navigation():
        page.locator("main button[name='endorse']").click()
    expect(page).to_have_url(re.compile(r"/skills/endorsements/$"))
    given = page.locator("section[aria-labelledby='given-title']")
    expect(given).to_contain_text(CONTEXT)
    a11y.check(page)
    log_out(page)
    a11y.check(page)

    log_in(page, a11y, YANIS_EMAIL)
    expect(page.locator("[data-unread-count]")).not_to_have_text("0")
    with page.expect_navigation():
        page.locator("header nav a[href='/skills/profile/']").click()
    a11y.check(page)
    # Not accepted yet: nothing shows on the profile.
    expect(page.locator("section[aria-labelledby='skills-title']")).not_to_contain_text(CONTEXT)
    with page.expect_navigation():
        page.locator("main nav a[href='/skills/endorsements/']").click()
    a11y.check(page)
    received = page.locator("section[aria-labelledby='received-title']")
    expect(received).to_contain_text("Jean-Marc Petit")
    expect(received).to_contain_text(OBSERVED)
    with page.expect_navigation():
        received.get_by_role("button", name=re.compile("Accepter")).click()
    a11y.check(page)

    with page.expect_navigation():
        page.locator("header nav a[href='/skills/profile/']").click()
    a11y.check(page)
    skills = page.locator("section[aria-labelledby='skills-title']")
    expect(skills).to_contain_text(CONTEXT)
    expect(skills).to_contain_text(OBSERVED)
    expect(skills).to_contain_text("Jean-Marc Petit")
    expect(skills).to_contain_text("Président, Futsal Club de Vaulx-en-Velin")
    expect(skills).to_contain_text("depuis 6 mois")
