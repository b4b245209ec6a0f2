"""``import_esco``: the ESCO CSV export into the taxonomy, in one transaction.

Most tests use ``tests/data/esco_small``, a small export of our own with the same layout as
the real one (CRLF rows, several alternative labels in one quoted cell, an English file named
``skills_en-us.csv``, a concept without an English label, a link repeated with another
``conceptType``) plus an ``occupationSkillRelations.csv``. ``malformed/`` holds broken copies
of single files. The real export (``/work/shared/data/esco``) is imported once when present.
"""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from skills.esco import (
    EscoFormatError,
    EscoImportError,
    _unique_slug,
    import_esco,
    parse_languages,
)
from skills.models import ConceptType, Occupation, OccupationSkill, SkillConcept
from tests.skills.esco_export import esco_export_dir

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).resolve().parent.parent / "data" / "esco_small"
MALFORMED = SMALL / "malformed"
REAL = esco_export_dir()
ALL = ["fr", "en", "es"]

SK = "http://data.europa.eu/esco/skill/"
TEAM = SK + "60c78287-22eb-4103-9c8c-28deaa460da0"  # also the starter skill "Travailler en équipe"
GREET = SK + "5a0c1e2b-0001-4c1a-9e4e-000000000001"
TILL = SK + "5a0c1e2b-0002-4c1a-9e4e-000000000002"
FIRSTAID = SK + "5a0c1e2b-0003-4c1a-9e4e-000000000003"
SERVE = SK + "5a0c1e2b-0004-4c1a-9e4e-000000000004"
DISHES = SK + "5a0c1e2b-0005-4c1a-9e4e-000000000005"
HYGIENE = SK + "5a0c1e2b-0006-4c1a-9e4e-000000000006"
G_TRANSVERSAL = SK + "5a0c1e2b-00a1-4c1a-9e4e-0000000000a1"
G_SERVICE = SK + "5a0c1e2b-00a2-4c1a-9e4e-0000000000a2"
WAITER = "http://data.europa.eu/esco/occupation/5a0c1e2b-0b01-4c1a-9e4e-000000000b01"
CASHIER = "http://data.europa.eu/esco/occupation/5a0c1e2b-0b02-4c1a-9e4e-000000000b02"
SMALL_CONCEPTS = [TEAM, GREET, TILL, FIRSTAID, SERVE, DISHES, HYGIENE, G_TRANSVERSAL, G_SERVICE]


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """A writable copy of the small export, without the malformed files."""
    directory = tmp_path / "esco"
    shutil.copytree(SMALL, directory, ignore=shutil.ignore_patterns("malformed"))
    return directory


def concept(uri: str) -> SkillConcept:
    return SkillConcept.objects.get(uri=uri)


def broader_uris(uri: str) -> set[str]:
    return set(concept(uri).broader.values_list("uri", flat=True))


def database_state() -> tuple:
    """Everything the importer may write, to compare before and after a failed import."""
    through = SkillConcept.broader.through
    return (
        sorted(
            SkillConcept.objects.values_list(
                "uri", "slug", "name", "concept_type", "reuse_level", "is_starter"
            )
        ),
        sorted(str(labels) for labels in SkillConcept.objects.values_list("preferred_labels")),
        sorted(str(labels) for labels in SkillConcept.objects.values_list("alt_labels")),
        sorted(through.objects.values_list("from_skillconcept__uri", "to_skillconcept__uri")),
        sorted(Occupation.objects.values_list("uri", "isco_group")),
        sorted(OccupationSkill.objects.values_list("occupation__uri", "skill__uri", "relation")),
    )


# What the import creates --------------------------------------------------------------------


def test_imports_concepts_of_each_type_once(export: Path) -> None:
    before = SkillConcept.objects.count()

    report = import_esco(export, languages=ALL)

    assert report.concepts_by_type == {"skill": 5, "knowledge": 2, "group": 2}
    # TEAM already exists: the starter taxonomy maps "Travailler en équipe" to it.
    assert report.concepts_created == 8
    assert report.concepts_updated == 1
    assert SkillConcept.objects.count() == before + 8
    assert concept(FIRSTAID).concept_type == ConceptType.KNOWLEDGE
    assert concept(TILL).concept_type == ConceptType.SKILL
    assert concept(TILL).reuse_level == "sector-specific"
    assert concept(G_SERVICE).concept_type == ConceptType.GROUP
    assert report.files == [
        "skills_fr.csv",
        "skills_en-us.csv",
        "skills_es.csv",
        "skillGroups_fr.csv",
        "skillGroups_en.csv",
        "skillGroups_es.csv",
        "broaderRelationsSkillPillar.csv",
        "occupations_fr.csv",
        "occupations_en.csv",
        "occupations_es.csv",
        "occupationSkillRelations.csv",
    ]


def test_keeps_labels_and_descriptions_per_language(export: Path) -> None:
    import_esco(export, languages=ALL)

    greet = concept(GREET)
    assert greet.name == "accueillir les clients"
    assert greet.preferred_labels == {
        "fr": "accueillir les clients",
        "en": "greet guests",
        "es": "recibir a los clientes",
    }
    assert greet.descriptions == {"en": "Welcome guests in a friendly manner."}
    assert concept(TILL).descriptions["en"] == (
        'Handle the "cash" desk, take payments and give change.'
    )
    assert concept(G_TRANSVERSAL).preferred_labels["en"] == "transversal skills"


def test_splits_alternative_labels_on_new_lines(export: Path) -> None:
    import_esco(export, languages=ALL)

    assert concept(SERVE).alt_labels["fr"] == [
        "servir à table",
        "faire le service en salle",
        "apporter les plats",
    ]
    assert concept(GREET).alt_labels == {
        "fr": ["recevoir la clientèle", "saluer les clients"],
        "en": ["welcome guests", "greet customers"],
        "es": ["saludar a los clientes"],
    }
    assert "en" not in concept(TILL).alt_labels


def test_a_concept_without_label_in_a_language_keeps_the_others(export: Path) -> None:
    import_esco(export, languages=ALL)

    dishes = concept(DISHES)
    assert dishes.preferred_labels == {"fr": "laver la vaisselle", "es": "lavar los platos"}
    assert dishes.label("en") == "laver la vaisselle"


def test_name_is_the_first_language_imported_when_french_is_not(export: Path) -> None:
    import_esco(export, languages=["en", "es"])

    assert concept(GREET).name == "greet guests"
    assert concept(GREET).preferred_labels == {"en": "greet guests", "es": "recibir a los clientes"}
    assert concept(DISHES).name == "lavar los platos"

    import_esco(export, languages=["fr"])

    assert concept(GREET).name == "accueillir les clients"
    assert set(concept(GREET).preferred_labels) == {"fr", "en", "es"}


def test_accepts_skills_en_csv_as_the_english_file(export: Path) -> None:
    (export / "skills_en-us.csv").rename(export / "skills_en.csv")

    report = import_esco(export, languages=["en"])

    assert "skills_en.csv" in report.files
    assert concept(GREET).preferred_labels == {"en": "greet guests"}


def test_hierarchy_with_several_parents_and_groups(export: Path) -> None:
    report = import_esco(export, languages=ALL)

    assert report.broader_rows == 11
    assert report.broader_links == 10  # one link is listed twice
    assert broader_uris(TILL) == {G_SERVICE, GREET}
    assert broader_uris(SERVE) == {G_SERVICE, HYGIENE}
    assert broader_uris(G_SERVICE) == {G_TRANSVERSAL}
    assert broader_uris(DISHES) == {SERVE}
    assert set(concept(G_SERVICE).narrower.values_list("uri", flat=True)) == {
        GREET,
        TILL,
        SERVE,
        HYGIENE,
    }


def test_occupations_and_their_skills(export: Path) -> None:
    report = import_esco(export, languages=ALL)

    waiter = Occupation.objects.get(uri=WAITER)
    assert waiter.isco_group == "5131"
    assert waiter.preferred_labels["fr"] == "serveur/serveuse"
    assert waiter.alt_labels["fr"] == ["serveur", "serveuse", "chef de rang"]
    assert waiter.descriptions == {"en": "Waiters serve food and drinks to guests."}
    relations = dict(
        OccupationSkill.objects.filter(occupation=waiter).values_list("skill__uri", "relation")
    )
    assert relations == {
        SERVE: "essential",
        GREET: "essential",
        HYGIENE: "optional",
        DISHES: "optional",
    }
    assert report.occupations_created == 2
    assert report.occupation_skill_rows == 7
    assert OccupationSkill.objects.count() == 7


def test_relations_file_is_optional(export: Path) -> None:
    (export / "occupationSkillRelations.csv").unlink()

    report = import_esco(export, languages=ALL)

    assert report.occupation_skill_rows == 0
    assert Occupation.objects.count() == 2
    assert OccupationSkill.objects.count() == 0


def test_slugs_are_readable_and_unique(export: Path) -> None:
    import_esco(export, languages=ALL)

    assert concept(GREET).slug == "accueillir-les-clients-5a0c1e2b"
    slugs = [concept(uri).slug for uri in SMALL_CONCEPTS]
    assert len(set(slugs)) == len(slugs)


def test_slug_takes_more_of_the_uri_when_the_short_one_is_taken() -> None:
    taken = {"tenir-une-caisse-5a0c1e2b"}

    slug = _unique_slug("tenir une caisse", TILL, taken)

    assert slug == "tenir-une-caisse-5a0c1e2b-0002-4c1a-9e4e-000000000002"
    assert slug in taken


# Running it again ---------------------------------------------------------------------------


def test_running_again_changes_nothing(export: Path) -> None:
    import_esco(export, languages=ALL)
    state = database_state()

    report = import_esco(export, languages=ALL)

    assert report.concepts_created == report.concepts_updated == 0
    assert report.concepts_unchanged == 9
    assert report.broader_created == report.broader_removed == 0
    assert report.occupation_skills_created == report.occupation_skills_updated == 0
    assert database_state() == state


def test_running_again_updates_a_changed_label_without_duplicating(export: Path) -> None:
    import_esco(export, languages=ALL)
    count = SkillConcept.objects.count()
    slug = concept(GREET).slug
    skills_fr = export / "skills_fr.csv"
    skills_fr.write_bytes(
        skills_fr.read_bytes().replace(b"accueillir les clients", b"accueillir la client\xc3\xa8le")
    )

    report = import_esco(export, languages=["fr"])

    assert report.concepts_updated == 1
    assert SkillConcept.objects.count() == count
    greet = concept(GREET)
    assert greet.name == "accueillir la clientèle"
    assert greet.preferred_labels["en"] == "greet guests"  # English was not re-imported
    assert greet.slug == slug  # URLs do not move


def test_running_again_follows_changed_links_and_relations(export: Path) -> None:
    import_esco(export, languages=ALL)
    broader = export / "broaderRelationsSkillPillar.csv"
    lines = broader.read_text(encoding="utf-8").splitlines(keepends=True)
    broader.write_text("".join(line for line in lines if "0002-4c1a" not in line), "utf-8")
    relations = export / "occupationSkillRelations.csv"
    text = relations.read_bytes().replace(b"optional,knowledge", b"essential,knowledge")
    kept = [line for line in text.split(b"\r\n") if DISHES.encode() not in line]
    relations.write_bytes(b"\r\n".join(kept))

    report = import_esco(export, languages=ALL)

    assert broader_uris(TILL) == set()
    assert report.broader_removed == 2
    assert report.occupation_skills_updated == 1
    assert report.occupation_skills_removed == 1
    waiter = Occupation.objects.get(uri=WAITER)
    assert OccupationSkill.objects.get(occupation=waiter, skill=concept(HYGIENE)).relation == (
        "essential"
    )
    assert not OccupationSkill.objects.filter(occupation=waiter, skill=concept(DISHES)).exists()


def test_starter_concept_keeps_its_plain_language_layer(export: Path) -> None:
    starter = concept(TEAM)
    assert starter.is_starter
    starter_group = set(starter.broader.values_list("uri", flat=True))

    import_esco(export, languages=ALL)
    import_esco(export, languages=ALL)

    team = concept(TEAM)
    assert team.is_starter
    assert team.slug == "travailler-en-equipe"
    assert team.plain_label_fr == "Travailler en équipe"
    assert team.plain_label_en == "Working in a team"
    assert team.plain_sentence_fr.startswith("Je sais travailler avec d'autres")
    assert team.plain_sentence_en
    assert team.preferred_labels == {
        "fr": "travailler en équipe",
        "en": "work in teams",
        "es": "trabajar en equipo",
    }
    # ESCO's alternative labels, then the everyday words youths use, which ESCO does not drop.
    assert team.alt_labels["fr"][:2] == ["collaborer avec ses collègues", "travailler en groupe"]
    assert "bosser en équipe" in team.alt_labels["fr"]
    assert "teamwork" in team.alt_labels["en"]
    # ESCO's parent is added; the starter group is kept.
    assert set(team.broader.values_list("uri", flat=True)) == starter_group | {G_TRANSVERSAL}


# Malformed files ----------------------------------------------------------------------------

MALFORMED_CASES = [
    # malformed file, file it replaces, line, words of the message
    ("skills_fr.missing_column.csv", "skills_fr.csv", 1, "colonne « skillType » manquante"),
    ("skills_fr.wrong_column_count.csv", "skills_fr.csv", 7, "6 colonnes au lieu de 7"),
    ("skills_fr.bad_uri.csv", "skills_fr.csv", 6, "conceptUri n'est pas une URI"),
    ("skills_fr.unknown_type.csv", "skills_fr.csv", 7, "type de concept inconnu « savoir-faire »"),
    ("skills_fr.unknown_reuse_level.csv", "skills_fr.csv", 6, "niveau de réutilisation inconnu"),
    ("skills_fr.duplicate_uri.csv", "skills_fr.csv", 13, "figure déjà ligne 6"),
    ("skills_fr.not_utf8.csv", "skills_fr.csv", 2, "pas en UTF-8"),
    ("skills_fr.unterminated_quote.csv", "skills_fr.csv", 6, "CSV invalide"),
    ("skills_es.empty.csv", "skills_es.csv", 1, "fichier vide"),
    ("occupations_fr.bad_isco.csv", "occupations_fr.csv", 2, "code ISCO invalide « 51A1 »"),
    (
        "broaderRelationsSkillPillar.unknown_concept.csv",
        "broaderRelationsSkillPillar.csv",
        4,
        "broaderUri : concept inconnu",
    ),
    (
        "occupationSkillRelations.unknown_relation.csv",
        "occupationSkillRelations.csv",
        3,
        "relationType inconnu « mandatory »",
    ),
    (
        "occupationSkillRelations.unknown_skill.csv",
        "occupationSkillRelations.csv",
        4,
        "skillUri : concept inconnu",
    ),
]


@pytest.mark.parametrize(("malformed", "replaces", "line", "problem"), MALFORMED_CASES)
def test_malformed_file_stops_with_file_line_and_problem_and_changes_nothing(
    export: Path, malformed: str, replaces: str, line: int, problem: str
) -> None:
    # A first import, then a changed label: the failed run must leave both as they were.
    import_esco(export, languages=ALL)
    skills_es = export / "skills_es.csv"
    skills_es.write_bytes(skills_es.read_bytes().replace(b"lavar los platos", b"fregar"))
    shutil.copyfile(MALFORMED / malformed, export / replaces)
    state = database_state()

    with pytest.raises(EscoFormatError) as raised:
        import_esco(export, languages=ALL)

    assert (raised.value.file, raised.value.line) == (replaces, line)
    assert problem in raised.value.problem
    assert str(raised.value).startswith(f"{replaces}, ligne {line} : ")
    assert database_state() == state
    assert concept(DISHES).preferred_labels["es"] == "lavar los platos"


def test_malformed_file_on_a_fresh_database_creates_nothing(export: Path) -> None:
    shutil.copyfile(
        MALFORMED / "occupationSkillRelations.unknown_skill.csv",
        export / "occupationSkillRelations.csv",
    )
    state = database_state()

    with pytest.raises(CommandError, match=r"occupationSkillRelations\.csv, ligne 4 : skillUri"):
        call_command("import_esco", str(export), "--no-progress", stdout=StringIO())

    assert database_state() == state
    assert not SkillConcept.objects.filter(uri__in=SMALL_CONCEPTS[1:]).exists()


def test_a_concept_with_no_label_in_the_imported_languages_is_named_by_its_uri(
    export: Path,
) -> None:
    report = import_esco(export, languages=["en"])

    dishes = concept(DISHES)
    assert dishes.name == DISHES
    assert dishes.preferred_labels == {}
    assert dishes.slug == "concept-5a0c1e2b"
    assert report.warnings == [
        "1 concept(s) sans libellé dans les langues importées, nommés par leur URI "
        "(le premier : skills_en-us.csv, ligne 8)"
    ]

    import_esco(export, languages=["fr"])

    assert concept(DISHES).name == "laver la vaisselle"


# The command --------------------------------------------------------------------------------


def test_command_imports_and_prints_the_report(export: Path) -> None:
    out = StringIO()

    call_command("import_esco", str(export), "--languages", "fr,en", "--no-progress", stdout=out)

    assert "Import ESCO terminé." in out.getvalue()
    assert "5 aptitudes, 2 savoirs, 2 groupes" in out.getvalue()
    assert concept(GREET).preferred_labels == {"fr": "accueillir les clients", "en": "greet guests"}


def test_command_refuses_an_unknown_language(export: Path) -> None:
    with pytest.raises(CommandError, match="langue inconnue « de »"):
        call_command("import_esco", str(export), "--languages", "fr,de", stdout=StringIO())


def test_command_refuses_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="dossier introuvable"):
        call_command("import_esco", str(tmp_path / "nowhere"), stdout=StringIO())


def test_command_refuses_a_directory_without_the_skills_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"fichier introuvable : skills_fr\.csv"):
        call_command("import_esco", str(tmp_path), "--languages", "fr", stdout=StringIO())


def test_languages_are_parsed_and_deduplicated() -> None:
    assert parse_languages("fr, EN,en-us,es") == ["fr", "en", "es"]
    with pytest.raises(EscoImportError):
        parse_languages(" , ")


# The real export ----------------------------------------------------------------------------


@pytest.mark.skipif(not (REAL / "skills_fr.csv").is_file(), reason="no ESCO export here")
def test_real_export_in_three_languages() -> None:
    """The whole ESCO export, fr + en + es: about 10 s on SQLite or PostgreSQL."""
    report = import_esco(REAL, languages=ALL)

    esco = SkillConcept.objects.filter(uri__startswith="http://data.europa.eu/esco/")
    assert esco.filter(concept_type__in=[ConceptType.SKILL, ConceptType.KNOWLEDGE]).count() == (
        13_485
    )
    assert esco.filter(concept_type=ConceptType.GROUP).count() == 17
    assert report.broader_rows == 7_161
    # 155 rows repeat a link with another conceptType: 7,006 distinct links.
    assert report.broader_links == 7_006
    esco_links = SkillConcept.broader.through.objects.filter(
        from_skillconcept__uri__startswith="http://data.europa.eu/esco/",
        to_skillconcept__uri__startswith="http://data.europa.eu/esco/",
    )
    assert esco_links.count() == 7_006
    assert Occupation.objects.count() == 2_942
    team = concept(TEAM)
    assert team.is_starter and team.plain_label_fr == "Travailler en équipe"
    assert team.preferred_labels == {
        "fr": "travailler en équipe",
        "en": "work in teams",
        "es": "trabajar en equipo",
    }

    again = import_esco(REAL, languages=ALL)

    assert again.concepts_created == again.concepts_updated == 0
    assert again.broader_created == again.broader_removed == 0
