"""Experiences, achievements and skills: what a youth writes and what ends up on the profile."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from network.models import Role, Visibility
from skills.models import Achievement, Experience, ProfileSkill, SkillLevel, SkillProposal

from .portfolio_helpers import (
    add_achievement,
    add_experience,
    install_suggestions,
    logged_in,
    make_concept,
    set_profile,
)

pytestmark = pytest.mark.django_db


def experience_post(**overrides: object) -> dict:
    data = {
        "kind": "volunteering",
        "title": "Bénévole à la banque alimentaire",
        "organisation_name": "Banque alimentaire du Nord",
        "place": "Roubaix",
        "started_on": "2024-09-01",
        "ended_on": "",
        "description": "J'ai aidé à la banque alimentaire, je rangeais les dons.",
        "skills_text": "",
        "visibility": "mentors",
        "save": "1",
    }
    data.update(overrides)
    return data


def test_youth_creates_an_experience_with_confirmed_and_typed_skills(ines):
    welcoming = make_concept("Accueillir le public", "Welcome people")
    stock = make_concept("Tenir le tableau des dons", "Keep the donations sheet")
    client = logged_in(ines)

    response = client.post(
        "/skills/experiences/new/",
        experience_post(
            skill_uris=[welcoming.uri],
            skills_text="tenir le TABLEAU des dons, réparer des trottinettes bleues",
        ),
    )

    assert response.status_code == 302
    experience = Experience.objects.get(youth=ines)
    assert set(experience.skills.all()) == {welcoming, stock}
    levels = dict(ProfileSkill.objects.filter(youth=ines).values_list("concept_id", "level"))
    assert levels == {welcoming.pk: SkillLevel.WITH_HELP, stock.pk: SkillLevel.WITH_HELP}
    proposal = SkillProposal.objects.get(proposed_by=ines)
    assert proposal.text == "réparer des trottinettes bleues"
    assert proposal.status == SkillProposal.Status.NEW


def test_typed_skills_are_proposed_once_and_shown_as_waiting(ines):
    client = logged_in(ines)
    for _ in range(2):
        client.post(
            "/skills/experiences/new/", experience_post(skills_text="Réparer des trottinettes")
        )
    assert SkillProposal.objects.filter(proposed_by=ines).count() == 1

    page = client.get("/skills/mine/")
    assert "Réparer des trottinettes" in page.content.decode()
    assert "waiting for the team" in page.content.decode() or "attente" in page.content.decode()


def test_an_unknown_skill_uri_is_refused_and_nothing_is_saved(ines):
    client = logged_in(ines)
    response = client.post(
        "/skills/experiences/new/",
        experience_post(skill_uris=["https://evil.example/skill/1"]),
    )
    assert response.status_code == 400
    assert not Experience.objects.filter(youth=ines).exists()
    assert "Bénévole à la banque alimentaire" in response.content.decode()  # nothing lost


@pytest.mark.parametrize(
    ("started_on", "ended_on", "field"),
    [
        ("2024-09-01", "2024-08-01", "ended_on"),
        ((timezone.localdate() + datetime.timedelta(days=800)).isoformat(), "", "started_on"),
        ("1990-01-01", "", "started_on"),  # before Inès was born
    ],
)
def test_impossible_dates_are_refused_with_a_message(ines, started_on, ended_on, field):
    response = logged_in(ines).post(
        "/skills/experiences/new/",
        experience_post(started_on=started_on, ended_on=ended_on),
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Experience.objects.exists()


def test_an_item_cannot_be_shown_wider_than_the_profile(ines):
    set_profile(ines, visibility=Visibility.MEMBERS)
    response = logged_in(ines).post(
        "/skills/experiences/new/", experience_post(visibility=Visibility.PUBLIC)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["visibility"]
    assert not Experience.objects.exists()
    # The choices offered never go wider than the profile.
    offered = [value for value, _ in response.context["form"].fields["visibility"].widget.choices]
    assert offered == [Visibility.ONLY_ME, Visibility.MENTORS, Visibility.MEMBERS]


def test_youth_edits_and_deletes_an_experience_and_its_achievements_stay(ines):
    experience = add_experience(ines)
    achievement = add_achievement(ines, experience=experience)
    client = logged_in(ines)

    edit = client.get(f"/skills/experiences/{experience.pk}/edit/")
    assert edit.status_code == 200
    assert edit.context["form"].initial["title"] == experience.title
    response = client.post(
        f"/skills/experiences/{experience.pk}/edit/",
        experience_post(title="Bénévole aux Restos du Cœur", kind="volunteering"),
    )
    assert response.status_code == 302
    experience.refresh_from_db()
    assert experience.title == "Bénévole aux Restos du Cœur"

    assert client.get(f"/skills/experiences/{experience.pk}/delete/").status_code == 200
    assert client.post(f"/skills/experiences/{experience.pk}/delete/").status_code == 302
    assert not Experience.objects.filter(pk=experience.pk).exists()
    achievement.refresh_from_db()
    assert achievement.experience is None


def test_achievement_is_created_then_the_youth_lands_on_its_evidence_page(ines):
    experience = add_experience(ines)
    organising = make_concept("Organiser un événement", "Organise an event")
    client = logged_in(ines)
    form = client.get(f"/skills/achievements/new/?experience={experience.pk}")
    assert form.context["form"].initial["experience"] == experience.pk

    response = client.post(
        "/skills/achievements/new/",
        {
            "title": "J'ai organisé la collecte de printemps",
            "what_i_did": "J'ai fait le planning des bénévoles.",
            "achieved_on": "2025-04-12",
            "experience": experience.pk,
            "skill_uris": [organising.uri],
            "visibility": "mentors",
        },
    )
    achievement = Achievement.objects.get(youth=ines)
    assert response.status_code == 302
    assert response["Location"] == f"/skills/achievements/{achievement.pk}/"
    assert achievement.experience == experience
    assert list(achievement.skills.all()) == [organising]
    assert ProfileSkill.objects.filter(youth=ines, concept=organising).exists()


def test_achievement_cannot_be_attached_to_someone_elses_experience(ines, yanis):
    other = add_experience(yanis, title="Coach des U10")
    response = logged_in(ines).post(
        "/skills/achievements/new/",
        {
            "title": "Tournoi",
            "what_i_did": "J'ai fait le planning.",
            "experience": other.pk,
            "visibility": "mentors",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["experience"]
    assert not Achievement.objects.filter(youth=ines).exists()


def test_achievement_in_the_future_is_refused(ines):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = logged_in(ines).post(
        "/skills/achievements/new/",
        {
            "title": "Tournoi",
            "what_i_did": "J'ai fait le planning.",
            "achieved_on": tomorrow.isoformat(),
            "visibility": "mentors",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["achieved_on"]


def test_youth_edits_and_deletes_an_achievement(ines):
    achievement = add_achievement(ines)
    client = logged_in(ines)
    response = client.post(
        f"/skills/achievements/{achievement.pk}/edit/",
        {"title": "Nouveau titre", "what_i_did": "Ce que j'ai fait.", "visibility": "only_me"},
    )
    assert response.status_code == 302
    achievement.refresh_from_db()
    assert (achievement.title, achievement.visibility) == ("Nouveau titre", Visibility.ONLY_ME)
    assert client.post(f"/skills/achievements/{achievement.pk}/delete/").status_code == 302
    assert not Achievement.objects.filter(pk=achievement.pk).exists()


def test_suggest_button_shows_server_side_suggestions_unticked_without_saving(ines, monkeypatch):
    sorting = make_concept("Trier des dons", "Sort donations")
    welcoming = make_concept("Accueillir le public", "Welcome people")
    seen: list[str] = []

    def results(text: str) -> list[dict]:
        seen.append(text)
        return [
            {"uri": sorting.uri, "label": "Trier des dons", "score": 0.9},
            {"uri": welcoming.uri, "label": "Accueillir le public", "score": 0.8},
            {"uri": "https://unknown.example/skill", "label": "Inconnu", "score": 0.1},
        ]

    install_suggestions(monkeypatch, results)
    client = logged_in(ines)
    data = experience_post(
        description="j'ai aidé à la banque alimentaire, je rangeais les dons et "
        "j'accueillais les familles",
        skill_uris=[welcoming.uri],
        suggest="1",
    )
    del data["save"]
    response = client.post("/skills/experiences/new/", data)

    assert response.status_code == 200
    assert not Experience.objects.exists()
    assert "je rangeais les dons" in seen[0]
    html = response.content.decode()
    assert f'value="{sorting.uri}"' in html
    assert "Inconnu" not in html  # an unknown URI from the engine is never offered
    form = response.context["form"]
    assert form.suggested_uris == {sorting.uri, welcoming.uri}
    # What the youth had ticked stays ticked; the new suggestion waits for a tick.
    assert re.search(rf'value="{re.escape(welcoming.uri)}"[^>]*checked', html)
    assert not re.search(rf'value="{re.escape(sorting.uri)}"[^>]*checked', html)

    data.pop("suggest")
    data["skill_uris"] = [welcoming.uri, sorting.uri]
    assert client.post("/skills/experiences/new/", data).status_code == 302
    assert set(Experience.objects.get().skills.all()) == {welcoming, sorting}


def test_forms_carry_the_suggestion_script_and_endpoint(ines):
    html = logged_in(ines).get("/skills/experiences/new/").content.decode()
    assert "acrojump/js/suggest.js" in html
    assert 'data-suggest-url="/skills/suggest/"' in html
    assert "data-suggest-source" in html
    assert 'name="suggest"' in html  # the button for browsers without JavaScript


def test_youth_sets_a_skill_level_on_the_plain_scale(ines):
    concept = make_concept("Accueillir le public")
    add_experience(ines, concepts=(concept,))
    profile_skill = ProfileSkill.objects.get(youth=ines)
    client = logged_in(ines)

    response = client.post(f"/skills/mine/{profile_skill.pk}/level/", {"level": "4"})
    assert response.status_code == 302
    profile_skill.refresh_from_db()
    assert profile_skill.level == SkillLevel.CAN_TEACH

    assert client.post(f"/skills/mine/{profile_skill.pk}/level/", {"level": "9"}).status_code == 400
    profile_skill.refresh_from_db()
    assert profile_skill.level == SkillLevel.CAN_TEACH


def test_removing_a_skill_takes_it_off_the_items_too(ines):
    concept = make_concept("Accueillir le public")
    experience = add_experience(ines, concepts=(concept,))
    achievement = add_achievement(ines, concepts=(concept,))
    profile_skill = ProfileSkill.objects.get(youth=ines)

    response = logged_in(ines).post(f"/skills/mine/{profile_skill.pk}/remove/")

    assert response.status_code == 302
    assert not ProfileSkill.objects.filter(youth=ines).exists()
    assert not experience.skills.exists()
    assert not achievement.skills.exists()


def test_the_youth_navigation_and_dashboard_lead_to_the_portfolio(ines):
    html = logged_in(ines).get("/espace/").content.decode()
    for url in ("/skills/profile/", "/skills/experiences/", "/skills/achievements/"):
        assert f'href="{url}"' in html


def test_mentors_and_recruiters_have_no_portfolio_pages(make_user):
    mentor = make_user(
        "nadia@example.org",
        role=Role.MENTOR,
        age=None,
        organisation="ML Dijon",
        organisation_kind="mission_locale",
    )
    for url in ("/skills/profile/", "/skills/experiences/new/", "/skills/documents/"):
        assert logged_in(mentor).get(url).status_code == 403


def test_ines_gets_real_suggestions_from_what_she_wrote_and_keeps_the_ones_she_ticks(ines):
    """The form without JavaScript, with the real suggestion engine and starter taxonomy."""
    client = logged_in(ines, language="fr")
    data = experience_post(
        description="j'ai aidé à la banque alimentaire, je rangeais les dons et "
        "j'accueillais les familles",
        suggest="1",
    )
    del data["save"]
    response = client.post("/skills/experiences/new/", data)
    assert response.status_code == 200
    suggested = response.context["form"].suggested_uris
    assert suggested, "the starter taxonomy should yield skills for this sentence"
    assert not ProfileSkill.objects.filter(youth=ines).exists()  # nothing without a tick

    chosen = sorted(suggested)[:2]
    data.pop("suggest")
    data["skill_uris"] = chosen
    assert client.post("/skills/experiences/new/", data).status_code == 302
    on_profile = set(ProfileSkill.objects.filter(youth=ines).values_list("concept__uri", flat=True))
    assert on_profile == set(chosen)
    page = client.get("/skills/profile/").content.decode()
    assert "Bénévole à la banque alimentaire" in page
