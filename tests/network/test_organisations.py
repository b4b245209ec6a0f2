"""Organisations and their members."""

from __future__ import annotations

import pytest
from django.test import Client

from network.models import Organisation, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(make_user, nadia):
    return make_user(
        "paul@example.org",
        first_name="Paul",
        role=Role.MENTOR,
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
    )


def test_members_see_each_other(client: Client, nadia, colleague) -> None:
    organisation = Organisation.objects.get()
    client.force_login(colleague)
    html = client.get(f"/organisations/{organisation.pk}/").content.decode()
    assert "Mission Locale de Dijon" in html
    assert "Nadia" in html and "Paul" in html


def test_outsiders_see_the_card_but_not_the_members(client: Client, nadia, ines) -> None:
    organisation = Organisation.objects.get()
    client.force_login(ines)
    response = client.get(f"/organisations/{organisation.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mission Locale de Dijon" in html
    assert "Nadia" not in html


def test_unknown_organisation_is_a_404(client: Client, ines) -> None:
    client.force_login(ines)
    assert client.get("/organisations/999999/").status_code == 404


def test_anonymous_visitors_must_log_in(client: Client, nadia) -> None:
    organisation = Organisation.objects.get()
    response = client.get(f"/organisations/{organisation.pk}/")
    assert response.status_code == 302


def test_organisation_with_accents_is_found_again_whatever_the_case(make_user) -> None:
    for email in ("a@example.org", "b@example.org"):
        make_user(
            email,
            role=Role.RECRUITER,
            age=None,
            organisation="École de la 2e Chance" if email[0] == "a" else "ÉCOLE DE LA 2E CHANCE",
            organisation_kind="school",
        )
    assert Organisation.objects.count() == 1
