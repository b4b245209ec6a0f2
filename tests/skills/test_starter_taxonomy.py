"""The starter taxonomy: about 120 everyday skills, loaded by a migration (no ESCO files needed)."""

from __future__ import annotations

import csv

import pytest

from skills.models import ConceptType, SkillConcept
from skills.starter_taxonomy import (
    ACROJUMP_SKILL_PREFIX,
    STARTER_GROUPS,
    STARTER_SKILLS,
    load_starter_taxonomy,
    with_everyday_labels,
)
from tests.skills.esco_export import esco_export_dir

pytestmark = pytest.mark.django_db

REAL = esco_export_dir()
PLAIN_FIELDS = ["plain_label_fr", "plain_label_en", "plain_sentence_fr", "plain_sentence_en"]


def starter_skills():
    return SkillConcept.objects.filter(
        is_starter=True, concept_type__in=[ConceptType.SKILL, ConceptType.KNOWLEDGE]
    )


def test_about_120_starter_skills_are_there_after_migrate() -> None:
    assert 110 <= len(STARTER_SKILLS) <= 140
    assert starter_skills().count() == len(STARTER_SKILLS)
    groups = SkillConcept.objects.filter(is_starter=True, concept_type=ConceptType.GROUP)
    assert groups.count() == len(STARTER_GROUPS)


def test_every_starter_concept_speaks_plainly_in_french_and_english() -> None:
    for concept in SkillConcept.objects.filter(is_starter=True):
        for field in PLAIN_FIELDS:
            value = getattr(concept, field)
            limit = SkillConcept._meta.get_field(field).max_length
            assert value.strip() and len(value) <= limit, (concept.uri, field)
        assert concept.plain_sentence_fr.endswith("."), concept.plain_sentence_fr
        assert concept.plain_sentence_en.endswith("."), concept.plain_sentence_en
        assert concept.preferred_labels.get("fr") and concept.preferred_labels.get("en")
        assert concept.name == concept.preferred_labels["fr"]


def test_a_youth_reads_the_everyday_label_and_sentence() -> None:
    concept = SkillConcept.objects.get(slug="faire-la-plonge")

    assert concept.label("fr") == "Faire la plonge"
    assert concept.label("en") == "Washing up"
    assert (
        concept.sentence("fr") == "Je sais faire la vaisselle vite et bien, même pendant le rush."
    )
    assert concept.preferred_labels == {"fr": "laver la vaisselle", "en": "wash the dishes"}
    assert "plonge" in concept.alt_labels["fr"]


def test_skills_without_esco_equivalent_have_an_acrojump_uri() -> None:
    own = [skill for skill in STARTER_SKILLS if skill.esco is None]
    assert own
    for skill in own:
        concept = SkillConcept.objects.get(uri=skill.uri)
        assert concept.uri == f"{ACROJUMP_SKILL_PREFIX}{skill.slug}"
        assert concept.concept_type == ConceptType.SKILL
    mapped = [skill for skill in STARTER_SKILLS if skill.esco is not None]
    assert len(mapped) > 100
    assert all(skill.uri.startswith("http://data.europa.eu/esco/skill/") for skill in mapped)


def test_uris_and_slugs_are_unique() -> None:
    entries = [*STARTER_GROUPS, *STARTER_SKILLS]
    assert len({entry.uri for entry in entries}) == len(entries)
    assert len({entry.slug for entry in entries}) == len(entries)
    assert len({skill.label_fr for skill in STARTER_SKILLS}) == len(STARTER_SKILLS)


def test_every_starter_skill_sits_under_its_starter_group() -> None:
    group_uris = {group.slug: group.uri for group in STARTER_GROUPS}
    for skill in STARTER_SKILLS:
        concept = SkillConcept.objects.get(uri=skill.uri)
        assert set(concept.broader.values_list("uri", flat=True)) == {group_uris[skill.group]}
    for group in STARTER_GROUPS:
        assert SkillConcept.objects.get(uri=group.uri).narrower.exists()


def test_loading_again_duplicates_nothing_and_restores_the_plain_layer() -> None:
    concept = SkillConcept.objects.get(slug="tenir-la-caisse")
    concept.plain_label_fr = ""
    concept.alt_labels = {"fr": ["tenir une caisse enregistreuse"]}
    concept.save()
    count = SkillConcept.objects.count()
    links = SkillConcept.broader.through.objects.count()

    load_starter_taxonomy(SkillConcept)

    assert SkillConcept.objects.count() == count
    assert SkillConcept.broader.through.objects.count() == links
    concept.refresh_from_db()
    assert concept.plain_label_fr == "Tenir la caisse"
    assert concept.alt_labels["fr"][0] == "tenir une caisse enregistreuse"
    assert "g tenu la caisse" in concept.alt_labels["fr"]


def test_everyday_labels_are_added_once() -> None:
    skill = next(skill for skill in STARTER_SKILLS if skill.slug == "travailler-en-equipe")

    merged = with_everyday_labels(skill.uri, {"fr": ["travail d'équipe"], "es": ["trabajar"]})

    assert merged["fr"][0] == "travail d'équipe"
    assert merged["fr"].count("travail d'équipe") == 1
    assert "bosser en équipe" in merged["fr"]
    assert merged["es"] == ["trabajar"]
    assert with_everyday_labels("http://example.org/other", {"fr": ["x"]}) == {"fr": ["x"]}


@pytest.mark.skipif(not (REAL / "skills_fr.csv").is_file(), reason="no ESCO export here")
def test_every_esco_uri_exists_in_the_real_export_with_the_labels_stored_here() -> None:
    def rows(name: str) -> dict[str, dict[str, str]]:
        with open(REAL / name, newline="", encoding="utf-8") as file:
            return {row["conceptUri"]: row for row in csv.DictReader(file)}

    french, english = rows("skills_fr.csv"), rows("skills_en-us.csv")
    types = {"skill/competence": "skill", "knowledge": "knowledge"}
    for skill in STARTER_SKILLS:
        if skill.esco is None:
            continue
        assert skill.esco.uri in french, skill.slug
        row = french[skill.esco.uri]
        assert skill.esco.label_fr == row["preferredLabel"], skill.slug
        assert skill.esco.label_en == english[skill.esco.uri]["preferredLabel"], skill.slug
        assert skill.esco.concept_type == types[row["skillType"]], skill.slug
        assert skill.esco.reuse_level == row["reuseLevel"], skill.slug
