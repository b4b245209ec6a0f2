"""Nadia prepares a job dating: she invites Olivier (GEIQ BTP Nord), pre-selects Lucas and
makes the schedule. Olivier reads Lucas's skill card beforehand. On the day Nadia checks
Lucas in, Olivier records a second interview, and Nadia's results page counts it. On a
360 px phone, every page checked with axe-core."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import Page, expect

from network.actions import AccountDetails, do_register_user
from network.mentorship import check_answer_invitation, check_create_invitation
from network.models import (
    DisplayMode,
    JobDating,
    JobDatingMeeting,
    Organisation,
    Role,
    User,
    Visibility,
)
from tests.factories import PASSWORD, birth_date
from tests.skills.portfolio_helpers import add_experience, make_concept, set_profile

from .support import AccessibilityChecker

pytestmark = pytest.mark.browser

NADIA_EMAIL = "nadia.jobdating@example.org"
LUCAS_EMAIL = "lucas.jobdating@example.org"
OLIVIER_EMAIL = "olivier.jobdating@example.org"
SKILL = "Régler une table de mixage"


def register(email: str, first_name: str, details: AccountDetails) -> User:
    user = User(email=email, first_name=first_name)
    user.set_password(PASSWORD)
    do_register_user(user, details=details)
    return user


def set_up_people() -> None:
    nadia = register(
        NADIA_EMAIL,
        "Nadia",
        AccountDetails(
            role=Role.MENTOR,
            town="Dijon",
            organisation_name="Mission Locale de Dijon",
            organisation_kind=Organisation.Kind.MISSION_LOCALE,
            function="Conseillère",
        ),
    )
    register(
        OLIVIER_EMAIL,
        "Olivier",
        AccountDetails(
            role=Role.RECRUITER,
            town="Lille",
            organisation_name="GEIQ BTP Nord",
            organisation_kind=Organisation.Kind.COMPANY,
            function="Chargé de recrutement",
        ),
    )
    lucas = register(
        LUCAS_EMAIL,
        "Lucas",
        AccountDetails(role=Role.YOUTH, date_of_birth=birth_date(18), town="Dijon"),
    )
    invitation = check_create_invitation(nadia)
    check_answer_invitation(lucas, token=invitation.token, accept=True)
    set_profile(lucas, visibility=Visibility.RECRUITERS, display_mode=DisplayMode.NAMED)
    add_experience(
        lucas,
        title="Son des concerts de la MJC",
        visibility=Visibility.RECRUITERS,
        concepts=(make_concept(SKILL),),
    )


def the_day_has_come() -> None:
    """The job dating started an hour ago, and so did every meeting."""
    job_dating = JobDating.objects.get()
    delta = job_dating.starts_at - (timezone.now() - datetime.timedelta(hours=1))
    JobDating.objects.filter(pk=job_dating.pk).update(
        starts_at=F("starts_at") - delta, ends_at=F("ends_at") - delta
    )
    JobDatingMeeting.objects.filter(job_dating=job_dating).update(starts_at=F("starts_at") - delta)


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


def click_and_wait(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def open_the_job_dating(page: Page, a11y: AccessibilityChecker) -> None:
    click_and_wait(page, "header nav a[href='/job-datings/']")
    a11y.check(page)
    click_and_wait(page, "main [data-job-dating-id] a")
    a11y.check(page)


def test_nadia_runs_a_job_dating_from_preparation_to_results(
    page: Page, a11y: AccessibilityChecker, outside_browser_loop: Callable[..., Any]
) -> None:
    outside_browser_loop(set_up_people)
    page.set_viewport_size({"width": 360, "height": 740})

    # Nadia prepares the job dating.
    log_in(page, a11y, NADIA_EMAIL)
    click_and_wait(page, "header nav a[href='/job-datings/']")
    a11y.check(page)
    click_and_wait(page, "main [data-new-job-dating]")
    a11y.check(page)
    in_two_days = timezone.localdate() + datetime.timedelta(days=2)
    page.fill("input[name='title']", "Job dating BTP")
    page.fill("input[name='day']", in_two_days.isoformat())
    page.fill("input[name='start_time']", "09:00")
    page.fill("input[name='end_time']", "10:00")
    page.check("input[name='mode'][value='in_person']")
    page.fill("input[name='place']", "Mission Locale de Dijon, salle 2")
    page.fill("input[name='meeting_minutes']", "20")
    click_and_wait(page, "main form button[type='submit']")
    a11y.check(page)

    page.fill("input[name='email']", OLIVIER_EMAIL)
    click_and_wait(page, "main [data-invite]")
    a11y.check(page)
    expect(page.locator("[data-recruiters]")).to_contain_text("Olivier")

    page.select_option("select[name='youth']", label="Lucas")
    click_and_wait(page, "main [data-preselect]")
    a11y.check(page)
    expect(page.locator("[data-candidates]")).to_contain_text("Lucas")

    click_and_wait(page, "main [data-generate]")
    a11y.check(page)
    expect(page.locator("#schedule [data-meeting-id]")).to_have_count(1)
    log_out(page)

    # Olivier reads Lucas's skill card before the day.
    log_in(page, a11y, OLIVIER_EMAIL)
    expect(page.locator("[data-unread-count]")).not_to_have_text("0")
    open_the_job_dating(page, a11y)
    click_and_wait(page, "main [data-card-link]")
    a11y.check(page)
    expect(page.locator("[data-card-name]")).to_have_text("Lucas")
    expect(page.locator("main")).to_contain_text(SKILL)
    log_out(page)

    outside_browser_loop(the_day_has_come)

    # On the day, Nadia checks Lucas in at the door.
    log_in(page, a11y, NADIA_EMAIL)
    open_the_job_dating(page, a11y)
    click_and_wait(page, "main [data-check-in-link]")
    a11y.check(page)
    click_and_wait(page, "main [data-check-in]")
    a11y.check(page)
    expect(page.locator("[data-candidate-id]")).to_have_attribute("data-checked-in", "1")
    log_out(page)

    # Olivier records a second interview.
    log_in(page, a11y, OLIVIER_EMAIL)
    open_the_job_dating(page, a11y)
    meeting = page.locator("main [data-meeting-id]")
    meeting.locator("select[name='outcome']").select_option("second_interview")
    meeting.locator("input[name='notes']").fill("Très à l'aise avec le matériel")
    with page.expect_navigation():
        meeting.locator("button[type='submit']").click()
    a11y.check(page)
    expect(page.locator("main [data-meeting-id]")).to_have_attribute(
        "data-outcome", "second_interview"
    )
    log_out(page)

    # Nadia's results count it.
    log_in(page, a11y, NADIA_EMAIL)
    click_and_wait(page, "header nav a[href='/job-datings/resultats/']")
    a11y.check(page)
    expect(page.locator("[data-second-interviews]")).to_have_text("1")
    expect(page.locator("[data-held]")).to_have_text("1")
