"""The completeness coach and the checks a text gets before recruiters read it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from network.models import Visibility
from skills.coach import INSULT, PERSONAL_DATA, WORDING, check_public_text
from skills.models import Achievement, Evidence, Experience, ProfileSkill
from skills.selectors import profile_page

from .portfolio_helpers import add_achievement, add_experience, logged_in, make_concept, set_profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def categories(text: str) -> list[str]:
    return [flag.category for flag in check_public_text(text)]


# --- Text checks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Appelle-moi au 06 12 34 56 78",
        "tel 0612345678",
        "mon numéro : +33 6 12 34 56 78",
        "écris à ines.benali@gmail.com",
        "J'habite au 12 rue de la Gare à Roubaix",
        "12 bis, avenue Jean Jaurès",
        "Bâtiment B, appartement 12",
    ],
)
def test_personal_data_is_flagged(text):
    assert PERSONAL_DATA in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mon chef était un connard",
        "C'était de la merde",
        "this job was shit",
    ],
)
def test_insults_are_flagged(text):
    assert INSULT in categories(text)


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("g tenu la caisse mdr", "mdr"),
        ("jsuis motivé", "jsuis"),
        ("je kiffe aider les gens", "kiffe"),
        ("j'ai bossé au snack avec mes potes", "bossé"),
        ("je me suis fait virer", "fait virer"),
        ("C'ETAIT TROP BIEN LE TOURNOI", "C'ETAIT"),
        ("Super tournoi !!!", "!!!"),
        ("it was gonna be fine", "gonna"),
    ],
)
def test_wording_a_recruiter_would_frown_at_gets_advice(text, excerpt):
    flags = check_public_text(text)
    assert any(flag.category == WORDING and excerpt in flag.excerpt for flag in flags), flags
    assert all(flag.advice for flag in flags)
    assert not any(flag.blocking for flag in flags if flag.category == WORDING)


@pytest.mark.parametrize(
    "text",
    [
        "J'ai organisé le tournoi de fin de saison avec 12 équipes.",
        "Je trie les dons 2 soirs par semaine et j'accueille les familles.",
        "J'ai suivi 3 cours de secourisme en 2024.",
        "Trabajé con niños en talleres.",  # Spanish "con" is not an insult
        "I coached 10 kids and organised 200 g of snacks per match",
        "Technique de vente, contact client",
        "",
    ],
)
def test_ordinary_texts_are_not_flagged(text):
    assert check_public_text(text) == []


# --- Refusing texts that go public --------------------------------------------------------------


def achievement_post(**overrides: object) -> dict:
    data = {"title": "Tournoi", "what_i_did": "J'ai fait le planning.", "visibility": "recruiters"}
    data.update(overrides)
    return data


def test_personal_data_cannot_go_to_recruiters_even_when_keeping_my_words(ines):
    set_profile(ines, visibility=Visibility.RECRUITERS)
    client = logged_in(ines)
    response = client.post(
        "/skills/achievements/new/",
        achievement_post(what_i_did="Appelez-moi au 06 12 34 56 78", keep_my_words="on"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "06 12 34 56 78" in page  # what she wrote is kept on the page
    assert "Remove this phone number" in page
    assert not Achievement.objects.exists()

    # The same text stays possible for her mentors only.
    response = client.post(
        "/skills/achievements/new/",
        achievement_post(what_i_did="Appelez-moi au 06 12 34 56 78", visibility="mentors"),
    )
    assert response.status_code == 302


def test_wording_advice_is_shown_then_the_youth_may_keep_her_words(ines):
    set_profile(ines, visibility=Visibility.PUBLIC)
    client = logged_in(ines)
    data = achievement_post(what_i_did="g tenu la caisse tout l'été mdr", visibility="public")
    first = client.post("/skills/achievements/new/", data)
    assert first.status_code == 400
    assert "I have read the advice and I keep my words" in first.content.decode()
    assert not Achievement.objects.exists()

    second = client.post("/skills/achievements/new/", {**data, "keep_my_words": "on"})
    assert second.status_code == 302
    assert Achievement.objects.get().what_i_did == "g tenu la caisse tout l'été mdr"


def test_texts_for_members_are_not_checked(ines):
    set_profile(ines, visibility=Visibility.MEMBERS)
    response = logged_in(ines).post(
        "/skills/achievements/new/",
        achievement_post(what_i_did="g tenu la caisse mdr", visibility="members"),
    )
    assert response.status_code == 302


def test_public_captions_are_checked_too(ines):
    set_profile(ines, visibility=Visibility.RECRUITERS)
    achievement = add_achievement(ines, visibility=Visibility.RECRUITERS)
    response = logged_in(ines).post(
        f"/skills/achievements/{achievement.pk}/evidence/link/",
        {"url": "https://example.org/photo", "caption": "moi, ines@example.org"},
    )
    assert response.status_code == 400
    assert not Evidence.objects.exists()


# --- The coach ----------------------------------------------------------------------------------


def coaching(youth):
    return profile_page(youth, youth.pk).coaching


def test_an_empty_profile_starts_with_one_experience(ines):
    result = coaching(ines)
    assert result.score == 0
    assert "Start with one experience" in result.next_step.text
    assert result.next_step.url == "/skills/experiences/new/"


def test_the_coach_names_the_youths_own_items(ines):
    concept = make_concept("Organiser un événement")
    experience = add_experience(
        ines, title="Coach au club de futsal", kind=Experience.Kind.SPORT_CLUB, concepts=()
    )
    add_achievement(
        ines, title="Tournoi de fin de saison", experience=experience, concepts=(concept,)
    )
    texts = [step.text for step in coaching(ines).steps]
    assert any("Coach au club de futsal" in text and "skills" in text for text in texts)
    assert any("Tournoi de fin de saison" in text and "poster" in text for text in texts), (
        texts
    )  # evidence that fits a sports club
    assert any("Organiser un événement" in text and "level" in text for text in texts)
    assert any("goal" in text for text in texts)


def test_the_score_grows_as_the_profile_fills(ines):
    empty = coaching(ines).score
    concepts = [make_concept(f"Compétence {n}") for n in range(3)]
    experience = add_experience(ines, concepts=tuple(concepts))
    achievement = add_achievement(ines, experience=experience)
    Evidence.objects.create(achievement=achievement, kind="link", url="https://a.example")
    ProfileSkill.objects.filter(youth=ines).update(level=3, level_chosen_at=timezone.now())
    set_profile(
        ines,
        headline="Bénévole, j'aime organiser",
        goals="Logistique",
        available_from=datetime.date(2025, 9, 1),
        mobility_km=20,
        languages=("français",),
        visibility=Visibility.MEMBERS,
    )
    full = coaching(ines)
    assert empty < full.score == 100
    assert not any("evidence" in step.text for step in full.steps)


def test_the_coach_is_on_the_profile_page_with_its_next_steps(ines):
    page = logged_in(ines).get("/skills/profile/").content.decode()
    assert "complete" in page
    assert "Start with one experience" in page
