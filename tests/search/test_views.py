"""The recruiter search page: who may use it, what a card shows, bad input."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import Block, Role
from tests.factories import PASSWORD, starter_concept

pytestmark = pytest.mark.django_db

URL = "/recherche/"


@pytest.fixture
def recruiter(make_user):
    return make_user("claire.rh@example.org", role=Role.RECRUITER, first_name="Claire")


@pytest.fixture
def recruiter_client(client, recruiter):
    client.login(email=recruiter.email, password=PASSWORD)
    return client


def test_the_url_is_the_search_page():
    assert reverse("search:profiles") == URL


def test_only_recruiters_and_staff_search(client, make_user):
    assert client.get(URL).status_code == 302  # to the login page
    for role in (Role.YOUTH, Role.MENTOR):
        user = make_user(f"{role}@example.org", role=role)
        client.login(email=user.email, password=PASSWORD)
        assert client.get(URL).status_code == 403
        client.logout()


def test_results_are_skills_first_cards_with_contact_button(recruiter_client, make_youth):
    youth = make_youth(
        "Yanis",
        town="Dijon",
        headline="Bénévole à la banque alimentaire",
        skills={"travailler-en-equipe": 3, "organiser-un-evenement": 4},
    )
    make_youth("Kevin", discoverable=False, skills={"travailler-en-equipe": 3})
    response = recruiter_client.get(
        URL, {"must": starter_concept("travailler-en-equipe").uri, "town": "Dijon", "km": "20"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-total="1"' in html
    assert f'data-profile-id="{youth.pk}"' in html
    assert reverse("network:contact_new", args=[youth.pk]) in html
    assert reverse("search:similar", args=[youth.pk]) in html
    assert "Yanis" not in html  # anonymous by default
    assert "Côte-d&#x27;Or (21)" in html or "Côte-d'Or (21)" in html
    assert "Bénévole à la banque alimentaire" in html


def test_words_are_read_as_skills_and_said_so(recruiter_client, make_youth):
    make_youth("Inès", skills={"travailler-en-equipe": 2})
    response = recruiter_client.get(URL, {"must": "travail en équipe"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "travail en équipe" in html
    assert f'value="{starter_concept("travailler-en-equipe").uri}" checked' in html


def test_text_in_profiles_is_escaped(recruiter_client, make_youth):
    make_youth("Inès", headline="<script>alert('x')</script> cuisine")
    html = recruiter_client.get(URL, {"q": "cuisine"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "params",
    [
        {"town": "Nulle-Part-Sur-Mer"},
        {"town": "Lyon", "km": "100000"},
        {"town": "Lyon", "km": "-3"},
        {"town": "Lyon", "km": "beaucoup"},
        {"before": "2001-01-01"},
        {"before": "3026-01-01"},
        {"before": "demain"},
        {"q": "x" * 5000},
        {"must": "https://example.org/not-a-skill"},
        {"must": "zzqxw"},
        {"level": "9"},
        {"lang": "klingon"},
        {"dep": "99"},
        {"after": "not-a-cursor"},
    ],
)
def test_bad_input_is_a_clear_400(recruiter_client, params):
    response = recruiter_client.get(URL, params)
    assert response.status_code == 400
    assert b"data-search-errors" in response.content


def test_empty_query_and_pages_past_the_end(recruiter_client, make_youth):
    for n in range(3):
        make_youth(f"Y{n}", skills={"jardiner": 2})
    assert recruiter_client.get(URL).status_code == 200
    response = recruiter_client.get(URL, {"q": "   "})
    assert response.status_code == 200 and b'data-total="3"' in response.content
    from search.query import encode_cursor

    past = recruiter_client.get(URL, {"after": encode_cursor([-1000.0, 1])})
    assert past.status_code == 200
    assert b"data-profile-id" not in past.content


def test_next_page_link_walks_the_results(recruiter_client, make_youth):
    made = {make_youth(f"Y{n}", skills={"jardiner": 2}).pk for n in range(23)}
    first = recruiter_client.get(URL, {"must": starter_concept("jardiner").uri})
    html = first.content.decode()
    assert html.count("data-profile-id=") == 20
    assert 'rel="next"' in html
    next_url = html.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = recruiter_client.get(URL + next_url.replace("&amp;", "&"))
    assert second.content.decode().count("data-profile-id=") == 3
    assert len(made) == 23


def test_similar_profiles_page(recruiter_client, recruiter, make_youth):
    start = make_youth("Inès", skills={"coudre": 2})
    alike = make_youth("Kevin", skills={"coudre": 3})
    response = recruiter_client.get(reverse("search:similar", args=[start.pk]))
    assert response.status_code == 200
    assert f'data-profile-id="{alike.pk}"'.encode() in response.content
    hidden = make_youth("Lucas", discoverable=False, skills={"coudre": 3})
    assert recruiter_client.get(reverse("search:similar", args=[hidden.pk])).status_code == 404
    Block.objects.create(blocker=start, blocked=recruiter)
    assert recruiter_client.get(reverse("search:similar", args=[start.pk])).status_code == 404


def test_elasticsearch_down_is_said_and_answered_from_the_database(
    recruiter_client, make_youth, settings
):
    from search import service

    youth = make_youth("Inès", skills={"jardiner": 2})
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    service._elastic.cache_clear()
    response = recruiter_client.get(URL, {"must": starter_concept("jardiner").uri})
    assert response.status_code == 200
    assert b"data-degraded" in response.content
    assert f'data-profile-id="{youth.pk}"'.encode() in response.content


def test_available_before_today_or_later_is_accepted(recruiter_client):
    today = timezone.localdate()
    response = recruiter_client.get(
        URL, {"before": (today + datetime.timedelta(days=30)).isoformat()}
    )
    assert response.status_code == 200
