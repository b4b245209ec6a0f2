"""Downloading one's own data: everything as JSON, and the one-page skills CV as PDF."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.test import Client
from pypdf import PdfReader

from network.actions import do_notify
from network.models import Membership, Organisation, Role, Visibility, YouthProfile
from skills.export import collect_user_data, export_section, registered_sections
from skills.models import (
    Achievement,
    Evidence,
    Experience,
    PersonalDocument,
    ProfileSkill,
    SkillConcept,
    SkillLevel,
    SkillProposal,
)

pytestmark = pytest.mark.django_db

DATA_URL = "/skills/export/data.json"
CV_URL = "/skills/export/cv.pdf"


def concept(key: str, fr: str, en: str) -> SkillConcept:
    return SkillConcept.objects.create(
        name=fr, uri=f"https://acrojump.fr/skill/test-{key}", plain_label_fr=fr, plain_label_en=en
    )


def fill_portfolio(youth, *, marker: str) -> dict[str, object]:
    """A small but complete portfolio; every text carries ``marker``."""
    welcome = concept(
        f"{marker}-welcome", f"Accueillir le public {marker}", f"Welcome people {marker}"
    )
    sorting = concept(f"{marker}-sort", f"Trier des dons {marker}", f"Sort donations {marker}")
    YouthProfile.objects.update_or_create(
        user=youth,
        defaults={
            "headline": f"Bénévole à la banque alimentaire {marker}",
            "goals": f"Travailler dans la logistique {marker}",
            "languages": ["Français", {"name": "Arabe", "level": "courant"}],
            "mobility_km": 20,
        },
    )
    experience = Experience.objects.create(
        youth=youth,
        kind=Experience.Kind.VOLUNTEERING,
        title=f"Bénévolat banque alimentaire {marker}",
        organisation_name="Banque alimentaire du Nord",
        place="Roubaix",
        started_on=datetime.date(2024, 9, 1),
        description=f"Je trie les dons et j'accueille les familles {marker}",
    )
    experience.skills.add(welcome, sorting)
    achievement = Achievement.objects.create(
        youth=youth,
        experience=experience,
        title=f"Collecte de Noël {marker}",
        what_i_did=f"J'ai organisé le tri de 2 tonnes de dons {marker}",
        achieved_on=datetime.date(2024, 12, 14),
    )
    achievement.skills.add(sorting)
    Evidence.objects.create(
        achievement=achievement,
        kind=Evidence.Kind.IMAGE,
        stored_name=f"photo-{marker}.jpg",
        caption=f"L'affiche de la collecte {marker}",
        content_type="image/jpeg",
        size=12345,
    )
    Evidence.objects.create(
        achievement=achievement, kind=Evidence.Kind.LINK, url=f"https://example.org/{marker}"
    )
    ProfileSkill.objects.create(youth=youth, concept=welcome, level=SkillLevel.ALONE)
    ProfileSkill.objects.create(youth=youth, concept=sorting, level=SkillLevel.CAN_TEACH)
    PersonalDocument.objects.create(
        youth=youth,
        title=f"Mon CV classique {marker}",
        stored_name=f"cv-{marker}.pdf",
        content_type="application/pdf",
        size=40000,
    )
    SkillProposal.objects.create(text=f"gérer la buvette {marker}", proposed_by=youth)
    organisation = Organisation.objects.create(
        name=f"Banque alimentaire {marker}", kind=Organisation.Kind.ASSOCIATION
    )
    Membership.objects.create(organisation=organisation, user=youth, function="Bénévole")
    do_notify(youth, kind="welcome", params={"first_name": youth.first_name})
    return {"welcome": welcome, "sorting": sorting}


def test_data_export_has_every_section_with_the_youths_own_data(client: Client, ines) -> None:
    fill_portfolio(ines, marker="INES")
    client.force_login(ines)

    response = client.get(DATA_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".json" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    data = json.loads(response.content)
    expected = {
        "account",
        "profile",
        "experiences",
        "achievements",
        "skills",
        "documents",
        "skill_proposals",
        "organisations",
        "notifications",
    }
    assert expected <= set(data)
    assert data["export"]["sections"] == registered_sections()
    assert data["account"]["email"] == "ines@example.org"
    assert "password" not in json.dumps(data["account"])
    assert data["profile"]["goals"] == "Travailler dans la logistique INES"
    [experience] = data["experiences"]
    assert experience["kind"] == "volunteering"
    assert {skill["uri"] for skill in experience["skills"]} == {
        "https://acrojump.fr/skill/test-INES-welcome",
        "https://acrojump.fr/skill/test-INES-sort",
    }
    [achievement] = data["achievements"]
    assert achievement["experience_id"] == experience["id"]
    assert achievement["achieved_on"] == "2024-12-14"
    files = [evidence["file_name"] for evidence in achievement["evidence"]]
    assert "photo-INES.jpg" in files
    assert "https://example.org/INES" in [evidence["url"] for evidence in achievement["evidence"]]
    levels = {skill["uri"]: skill["level"] for skill in data["skills"]}
    assert levels == {
        "https://acrojump.fr/skill/test-INES-welcome": SkillLevel.ALONE,
        "https://acrojump.fr/skill/test-INES-sort": SkillLevel.CAN_TEACH,
    }
    assert data["documents"][0]["file_name"] == "cv-INES.pdf"
    assert data["skill_proposals"][0]["text"] == "gérer la buvette INES"
    assert data["organisations"][0]["organisation"] == "Banque alimentaire INES"
    assert data["notifications"][0]["kind"] == "welcome"
    assert "Inès" in data["notifications"][0]["text"]


def test_data_export_never_contains_another_youths_data(client: Client, ines, yanis) -> None:
    fill_portfolio(ines, marker="INES")
    fill_portfolio(yanis, marker="YANIS")
    client.force_login(ines)

    body = client.get(DATA_URL).content.decode()

    assert "INES" in body
    assert "YANIS" not in body
    assert "yanis@example.org" not in body


def test_a_youth_without_anything_gets_empty_sections(client: Client, ines) -> None:
    client.force_login(ines)
    data = json.loads(client.get(DATA_URL).content)
    assert data["profile"] is None
    assert data["experiences"] == [] and data["achievements"] == [] and data["skills"] == []


def test_data_export_query_count_does_not_grow_with_the_portfolio(
    ines, django_assert_max_num_queries
) -> None:
    fill_portfolio(ines, marker="ONE")
    # One or two queries per section (skills and network ones), never one per item.
    with django_assert_max_num_queries(40) as small:
        collect_user_data(ines)
    for index in range(5):
        fill_portfolio(ines, marker=f"MORE{index}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        collect_user_data(ines)


def test_another_app_can_add_its_section(ines) -> None:
    @export_section("test_mentor_notes")
    def notes(user):
        return [f"note about {user.first_name}"]

    try:
        assert collect_user_data(ines)["test_mentor_notes"] == ["note about Inès"]
        with pytest.raises(ValueError):

            @export_section("test_mentor_notes")
            def other_notes(user):
                return []

        with pytest.raises(ValueError):
            export_section("export")(notes)
    finally:
        from skills import export

        export._SECTIONS.pop("test_mentor_notes", None)


@pytest.mark.parametrize("url", [DATA_URL, f"{CV_URL}?lang=fr"])
def test_anonymous_visitors_are_sent_to_log_in(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_downloads_refuse_other_methods(client: Client, ines) -> None:
    client.force_login(ines)
    assert client.post(DATA_URL).status_code == 405
    assert client.post(f"{CV_URL}?lang=fr").status_code == 405


def _pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("language", "skill", "level", "heading"),
    [
        ("fr", "Trier des dons INES", "Je peux l'apprendre", "Compétences"),
        ("en", "Sort donations INES", "I can teach it", "Skills"),
    ],
)
def test_cv_is_a_one_page_pdf_in_the_chosen_language(
    client: Client, ines, yanis, language: str, skill: str, level: str, heading: str
) -> None:
    fill_portfolio(ines, marker="INES")
    fill_portfolio(yanis, marker="YANIS")
    client.force_login(ines)

    response = client.get(f"{CV_URL}?lang={language}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="acrojump-cv-{language}.pdf"'
    assert response.content.startswith(b"%PDF")
    pages, text = _pdf_text(response.content)
    text = _flat(text)
    assert pages == 1
    assert heading in text
    assert skill in text
    assert level in text
    assert "Collecte de Noël INES" in text
    assert "Bénévolat banque alimentaire INES" in text
    assert "Travailler dans la logistique INES" in text
    assert "Arabe (courant)" in text
    # Her own CV carries her name and contact; never anyone else's data.
    assert "Inès" in text and "ines@example.org" in text
    assert "YANIS" not in text


def test_cv_leaves_out_what_the_youth_keeps_for_themself(client: Client, ines) -> None:
    fill_portfolio(ines, marker="INES")
    Achievement.objects.create(
        youth=ines, title="Note perso secrète", what_i_did="…", visibility=Visibility.ONLY_ME
    )
    Experience.objects.create(
        youth=ines,
        kind=Experience.Kind.OTHER,
        title="Expérience privée",
        visibility=Visibility.ONLY_ME,
    )
    client.force_login(ines)
    _, text = _pdf_text(client.get(f"{CV_URL}?lang=fr").content)
    assert "Note perso secrète" not in text
    assert "Expérience privée" not in text


def test_cv_without_contact_has_no_name_and_no_address(client: Client, ines) -> None:
    fill_portfolio(ines, marker="INES")
    client.force_login(ines)
    _, text = _pdf_text(client.get(f"{CV_URL}?lang=fr&contact=0").content)
    assert "Inès" not in text and "ines@example.org" not in text
    assert "Trier des dons INES" in _flat(text)


def test_cv_stays_on_one_page_with_a_large_portfolio(client: Client, ines) -> None:
    fill_portfolio(ines, marker="INES")
    for index in range(30):
        skill = concept(f"many-{index}", f"Compétence numéro {index}", f"Skill number {index}")
        ProfileSkill.objects.create(youth=ines, concept=skill, level=SkillLevel.WITH_HELP)
        Achievement.objects.create(
            youth=ines,
            title=f"Réussite {index}",
            what_i_did="J'ai fait beaucoup de choses très utiles. " * 12,
            achieved_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=index),
        )
        Experience.objects.create(
            youth=ines,
            kind=Experience.Kind.JOB,
            title=f"Petit boulot {index}",
            description="Une longue description de ce que j'ai fait là-bas. " * 10,
        )
    client.force_login(ines)
    response = client.get(f"{CV_URL}?lang=en")
    pages, text = _pdf_text(response.content)
    assert pages == 1
    # The strongest skills make it to the page first.
    assert "Sort donations INES" in _flat(text)


@pytest.mark.parametrize("language", ["es", "FR", "de", "../fr"])
def test_cv_in_another_language_is_refused(client: Client, ines, language: str) -> None:
    client.force_login(ines)
    response = client.get(CV_URL, {"lang": language})
    assert response.status_code == 400
    assert "lang=fr" in response.content.decode()


def test_cv_defaults_to_the_account_language(client: Client, ines) -> None:
    fill_portfolio(ines, marker="INES")
    ines.language = "en"
    ines.save(update_fields=["language"])
    client.force_login(ines)
    response = client.get(CV_URL)
    assert response["Content-Disposition"].endswith('acrojump-cv-en.pdf"')


def test_cv_is_only_for_youths(client: Client, make_user) -> None:
    mentor = make_user(
        "nadia@example.org",
        first_name="Nadia",
        role=Role.MENTOR,
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
    )
    client.force_login(mentor)
    assert client.get(f"{CV_URL}?lang=fr").status_code == 403
    # Their data is theirs to download all the same.
    data = json.loads(client.get(DATA_URL).content)
    assert data["organisations"][0]["organisation"] == "Mission Locale de Dijon"
