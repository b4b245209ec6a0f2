"""Editors curate the taxonomy in Wagtail (/cms/) and in the Django admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from network.models import User
from skills.models import ConceptType, SkillConcept, SkillProposal
from skills.starter_taxonomy import ACROJUMP_SKILL_PREFIX

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("editrice@example.org", "x"))
    return client


def snippet_url(model: type, action: str, *args: Any) -> str:
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def chooser_url(name: str) -> str:
    return reverse(SkillConcept.snippet_viewset.chooser_viewset.get_url_name(name))


def edit_form_data(concept: SkillConcept, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "plain_label_fr": concept.plain_label_fr,
        "plain_sentence_fr": concept.plain_sentence_fr,
        "plain_label_en": concept.plain_label_en,
        "plain_sentence_en": concept.plain_sentence_en,
        "concept_type": concept.concept_type,
        "reuse_level": concept.reuse_level,
        "slug": concept.slug,
        "groups": list(
            concept.broader.filter(concept_type=ConceptType.GROUP).values_list("pk", flat=True)
        ),
    }
    if concept.is_starter:
        data["is_starter"] = "on"
    for code in ("fr", "en", "es"):
        data[f"label_{code}"] = concept.preferred_labels.get(code, "")
        data[f"alt_labels_{code}"] = "\n".join(concept.alt_labels.get(code, []))
    data.update(changes)
    return data


def test_editor_finds_a_skill_by_its_everyday_label(editor: Client) -> None:
    response = editor.get(snippet_url(SkillConcept, "list"), {"q": "plonge"})

    assert response.status_code == 200
    assert "laver la vaisselle" in response.content.decode()


def test_editor_filters_the_list_on_starter_skills(editor: Client) -> None:
    SkillConcept.objects.create(
        name="entretenir de la vaisselle en argent",
        slug="vaisselle-en-argent",
        uri="http://data.europa.eu/esco/skill/x-1",
    )
    url = snippet_url(SkillConcept, "list")

    everything = editor.get(url, {"q": "vaisselle"}).content.decode()
    starters = editor.get(url, {"q": "vaisselle", "is_starter": "true"}).content.decode()

    assert "Faire la plonge" in everything and "vaisselle en argent" in everything
    assert "Faire la plonge" in starters and "vaisselle en argent" not in starters


def test_chooser_searches_the_database(editor: Client) -> None:
    response = editor.get(chooser_url("choose_results"), {"q": "caisse", "starter": "on"})

    assert response.status_code == 200
    assert "Tenir la caisse" in response.content.decode()
    assert editor.get(chooser_url("choose")).status_code == 200


def test_editor_rewrites_the_plain_language_layer_and_labels(editor: Client) -> None:
    concept = SkillConcept.objects.get(slug="faire-la-plonge")
    concept.preferred_labels["es"] = "lavar los platos"
    concept.save()
    data = edit_form_data(
        concept,
        plain_label_fr="Faire la plonge au resto",
        plain_sentence_fr="Je lave la vaisselle vite, même quand il y a du monde.",
        alt_labels_fr="plonge\n  plongeur \n\nplonge",
        label_es="",
    )

    response = editor.post(snippet_url(SkillConcept, "edit", concept.pk), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    concept.refresh_from_db()
    assert concept.plain_label_fr == "Faire la plonge au resto"
    assert concept.plain_sentence_fr.startswith("Je lave la vaisselle vite")
    assert concept.alt_labels["fr"] == ["plonge", "plongeur"]
    assert "es" not in concept.preferred_labels
    assert concept.preferred_labels["fr"] == "laver la vaisselle"
    assert concept.is_starter
    assert concept.broader.filter(slug="cuisine-restauration").exists()


def test_editor_adds_a_skill_of_our_own_in_a_group(editor: Client) -> None:
    group = SkillConcept.objects.get(slug="sport-animation")
    data = {
        "plain_label_fr": "Surveiller une baignade",
        "plain_sentence_fr": "Je surveille les enfants qui se baignent.",
        "plain_label_en": "Lifeguarding",
        "plain_sentence_en": "I keep an eye on children in the water.",
        "label_fr": "Surveiller une baignade",
        "label_en": "Lifeguarding",
        "alt_labels_fr": "BNSSA\nsurveillant de baignade",
        "concept_type": ConceptType.SKILL,
        "groups": [group.pk],
    }

    response = editor.post(snippet_url(SkillConcept, "add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    concept = SkillConcept.objects.get(slug="surveiller-une-baignade")
    assert concept.uri == ACROJUMP_SKILL_PREFIX + "surveiller-une-baignade"
    assert concept.name == "Surveiller une baignade"
    assert concept.alt_labels == {"fr": ["BNSSA", "surveillant de baignade"]}
    assert list(concept.broader.all()) == [group]


def test_a_skill_needs_a_label(editor: Client) -> None:
    data = {"plain_label_fr": "Sans nom", "concept_type": ConceptType.SKILL}

    response = editor.post(snippet_url(SkillConcept, "add"), data)

    assert response.status_code == 200
    assert not SkillConcept.objects.filter(plain_label_fr="Sans nom").exists()


def test_editor_maps_a_proposal_to_a_skill(editor: Client) -> None:
    proposal = SkillProposal.objects.create(text="faire la plonge au kebab", language="fr")
    concept = SkillConcept.objects.get(slug="faire-la-plonge")

    listing = editor.get(snippet_url(SkillProposal, "list"), {"status": "new"})
    response = editor.post(
        snippet_url(SkillProposal, "edit", proposal.pk),
        {"status": SkillProposal.Status.MAPPED, "concept": concept.pk, "text": "changed"},
    )

    assert "faire la plonge au kebab" in listing.content.decode()
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.concept, proposal.text) == (
        SkillProposal.Status.MAPPED,
        concept,
        "faire la plonge au kebab",
    )


def test_youths_do_not_reach_the_taxonomy_admin(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user("ines@example.org"))

    for url in (snippet_url(SkillConcept, "list"), "/admin/skills/skillconcept/"):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("model", ["skillconcept", "skillproposal", "occupation"])
def test_django_admin_lists_and_searches(editor: Client, model: str) -> None:
    assert editor.get(f"/admin/skills/{model}/", {"q": "caisse"}).status_code == 200
