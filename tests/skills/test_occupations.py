"""Occupation pages ("métiers"): the skills an occupation takes, what a youth already has,
and the skills pre-filled from ESCO's occupation-skill relations."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from acrojump.cms.models import HomePage
from network.models import Role, User
from skills.models import (
    Achievement,
    ConceptType,
    Experience,
    Occupation,
    OccupationIndexPage,
    OccupationPage,
    OccupationPageSkill,
    OccupationSkill,
    ProfileSkill,
    ReuseLevel,
    SkillConcept,
)
from skills.occupation_actions import do_prefill_occupation_skills

pytestmark = pytest.mark.django_db

ESSENTIAL = OccupationSkill.Relation.ESSENTIAL
OPTIONAL = OccupationSkill.Relation.OPTIONAL


def concept(key: str, label: str, **extra: object) -> SkillConcept:
    return SkillConcept.objects.create(
        name=label,
        uri=f"https://acrojump.fr/skill/test-{key}",
        plain_label_fr=label,
        plain_sentence_fr=f"Phrase simple : {label.lower()}.",
        **extra,
    )


@pytest.fixture
def index() -> OccupationIndexPage:
    return OccupationIndexPage.objects.get(slug="metiers")


def make_page(
    index: OccupationIndexPage,
    title: str,
    skills: list[tuple[SkillConcept, str]] = (),
    *,
    occupation: Occupation | None = None,
    publish: bool = True,
) -> OccupationPage:
    page = OccupationPage(
        title=title,
        slug=slugify(title),
        summary=f"{title} : le métier en une phrase.",
        day_to_day="<p>Au quotidien, on prépare et on range.</p>",
        occupation=occupation,
        live=publish,
    )
    page.page_skills = [
        OccupationPageSkill(skill=skill, relation=relation, sort_order=position)
        for position, (skill, relation) in enumerate(skills)
    ]
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def picker_skills() -> dict[str, SkillConcept]:
    team = concept("team", "Travailler en équipe", reuse_level=ReuseLevel.TRANSVERSAL)
    narrow_welcome = concept("welcome-families", "Accueillir les familles")
    welcome = concept("welcome", "Accueillir du public", reuse_level=ReuseLevel.CROSS_SECTOR)
    narrow_welcome.broader.add(welcome)
    return {
        "team": team,
        "sort": concept("sort", "Trier des colis", reuse_level=ReuseLevel.SECTOR_SPECIFIC),
        "welcome": welcome,
        "narrow_welcome": narrow_welcome,
        "forklift": concept(
            "forklift", "Conduire un chariot", reuse_level=ReuseLevel.OCCUPATION_SPECIFIC
        ),
        "safety": concept(
            "safety", "Règles de sécurité en entrepôt", concept_type=ConceptType.KNOWLEDGE
        ),
        "scanner": concept("scanner", "Utiliser un scanner"),
    }


@pytest.fixture
def picker_page(index, picker_skills) -> OccupationPage:
    s = picker_skills
    return make_page(
        index,
        "Préparateur·rice de commandes",
        [
            (s["team"], ESSENTIAL),
            (s["sort"], ESSENTIAL),
            (s["welcome"], OPTIONAL),
            (s["forklift"], OPTIONAL),
            (s["safety"], ESSENTIAL),
        ],
    )


def give_ines_her_skills(ines, skills: dict[str, SkillConcept]) -> None:
    """One skill on her profile, one tagged on an achievement, and a narrower skill whose
    broader skill is on the page."""
    ProfileSkill.objects.create(youth=ines, concept=skills["team"])
    achievement = Achievement.objects.create(
        youth=ines, title="Collecte de Noël", what_i_did="J'ai trié les colis."
    )
    achievement.skills.add(skills["sort"])
    experience = Experience.objects.create(
        youth=ines, kind=Experience.Kind.VOLUNTEERING, title="Banque alimentaire"
    )
    experience.skills.add(skills["narrow_welcome"])


def test_the_occupation_list_is_created_under_the_home_page(client: Client, index) -> None:
    assert isinstance(index.get_parent().specific, HomePage)
    assert index.title == "Métiers"
    assert index.url == "/metiers/"
    response = client.get("/metiers/")
    assert response.status_code == 200
    assert "Métiers" in response.content.decode()


def test_the_list_shows_published_occupations_only(client: Client, index, picker_page) -> None:
    make_page(index, "Aide-soignant·e en brouillon", publish=False)
    html = client.get("/metiers/").content.decode()
    assert "Préparateur·rice de commandes" in html
    assert picker_page.url in html
    assert "en brouillon" not in html


def test_anonymous_visitors_see_the_occupation_without_a_personal_part(
    client: Client, picker_page
) -> None:
    response = client.get(picker_page.url)
    assert response.status_code == 200
    assert response.context["skill_match"] is None
    html = response.content.decode()
    assert "Préparateur·rice de commandes" in html
    assert "Au quotidien, on prépare et on range." in html
    assert "Travailler en équipe" in html and "Conduire un chariot" in html
    assert "data-skill-match" not in html
    assert "data-missing-skill" not in html
    assert "/accounts/login/?next=/metiers/" in html


def test_a_youth_sees_how_many_of_the_skills_they_already_have(
    client: Client, ines, picker_page, picker_skills
) -> None:
    give_ines_her_skills(ines, picker_skills)
    client.force_login(ines)

    response = client.get(picker_page.url)

    match = response.context["skill_match"]
    assert (match.have, match.total) == (3, 5)
    assert match.percent == 60
    # Missing ones come essential first, each with a way to get it.
    assert [line.skill for line in match.missing] == [
        picker_skills["safety"],
        picker_skills["forklift"],
    ]
    assert all(line.way_to_get_it for line in match.missing)
    # Shown grouped by the way to get them: knowledge and on-the-job skills differ.
    assert [[line.skill for line in group["skills"]] for group in match.ways] == [
        [picker_skills["safety"]],
        [picker_skills["forklift"]],
    ]
    html = " ".join(response.content.decode().split())
    assert "Tu as déjà 3 compétences sur 5" in html
    assert 'data-missing-skill="https://acrojump.fr/skill/test-safety"' in html
    assert 'data-missing-skill="https://acrojump.fr/skill/test-team"' not in html
    assert "Phrase simple : conduire un chariot." in html


def test_the_way_to_get_a_skill_follows_what_kind_of_skill_it_is(
    client: Client, ines, picker_page
) -> None:
    client.force_login(ines)
    match = client.get(picker_page.url).context["skill_match"]
    ways = {line.skill.uri.rsplit("-", 1)[-1]: line.way_to_get_it for line in match.missing}
    assert (match.have, match.total) == (0, 5)
    assert "bénévolat" in ways["team"]  # transversal: everyday life and volunteering
    assert "service civique" in ways["welcome"]  # cross-sector
    assert "PMSMP" in ways["sort"]  # sector-specific: a discovery placement
    assert "apprentissage" in ways["forklift"]  # occupation-specific
    assert "formation" in ways["safety"]  # knowledge


def test_another_youths_skills_never_count(
    client: Client, ines, yanis, picker_page, picker_skills
) -> None:
    give_ines_her_skills(yanis, picker_skills)
    client.force_login(ines)
    match = client.get(picker_page.url).context["skill_match"]
    assert (match.have, match.total) == (0, 5)


def test_mentors_and_recruiters_see_no_personal_part(
    client: Client, make_user, picker_page
) -> None:
    mentor = make_user(
        "nadia@example.org",
        first_name="Nadia",
        role=Role.MENTOR,
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
    )
    client.force_login(mentor)
    response = client.get(picker_page.url)
    assert response.status_code == 200
    assert response.context["skill_match"] is None
    assert "data-skill-match" not in response.content.decode()


def test_a_youth_with_every_skill_is_told_so(client: Client, ines, index, picker_skills) -> None:
    page = make_page(index, "Équipier·e", [(picker_skills["team"], ESSENTIAL)])
    ProfileSkill.objects.create(youth=ines, concept=picker_skills["team"])
    client.force_login(ines)
    response = client.get(page.url)
    assert (response.context["skill_match"].have, response.context["skill_match"].total) == (1, 1)
    assert "data-missing-skill" not in response.content.decode()


def test_page_queries_do_not_grow_with_the_number_of_skills(
    client: Client, ines, index, picker_page, picker_skills
) -> None:
    give_ines_her_skills(ines, picker_skills)
    small = make_page(index, "Petit métier", [(picker_skills["team"], ESSENTIAL)])
    client.force_login(ines)
    client.get(small.url)  # warm the content-type and site caches

    with CaptureQueriesContext(connection) as one_skill:
        client.get(small.url)
    with CaptureQueriesContext(connection) as five_skills:
        client.get(picker_page.url)

    assert len(five_skills) == len(one_skill)


# Pre-filling from ESCO's occupation-skill relations.


@pytest.fixture
def order_picker(picker_skills) -> Occupation:
    occupation = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/cd94def5-3442-4c2e-ae3d-0761a3008bcb",
        isco_group="9333",
        preferred_labels={"fr": "préparateur de commandes/préparatrice de commandes"},
    )
    s = picker_skills
    for skill, relation in [
        (s["forklift"], OPTIONAL),
        (s["team"], ESSENTIAL),
        (s["sort"], ESSENTIAL),
        (s["scanner"], OPTIONAL),
    ]:
        OccupationSkill.objects.create(occupation=occupation, skill=skill, relation=relation)
    return occupation


def _live_skills(page: OccupationPage) -> list[tuple[str, str]]:
    return [
        (item.skill.name, item.relation)
        for item in OccupationPageSkill.objects.filter(page=page).order_by("sort_order")
    ]


def test_prefill_gives_a_published_page_the_esco_skills_essential_first(
    index, order_picker
) -> None:
    page = make_page(index, "Préparateur·rice", occupation=order_picker)

    assert do_prefill_occupation_skills(page) == 4

    page.refresh_from_db()
    assert _live_skills(page) == [
        ("Travailler en équipe", ESSENTIAL),
        ("Trier des colis", ESSENTIAL),
        ("Conduire un chariot", OPTIONAL),
        ("Utiliser un scanner", OPTIONAL),
    ]
    # Published again: the live page and what the editor sees agree.
    assert page.live and not page.has_unpublished_changes
    assert len(page.get_latest_revision_as_object().page_skills.all()) == 4


def test_prefill_keeps_a_draft_a_draft(index, order_picker) -> None:
    page = make_page(index, "Préparateur·rice", occupation=order_picker, publish=False)

    assert do_prefill_occupation_skills(page) == 4

    page.refresh_from_db()
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert [item.skill.name for item in draft.page_skills.all()][:2] == [
        "Travailler en équipe",
        "Trier des colis",
    ]


def test_prefill_leaves_chosen_skills_alone(index, order_picker, picker_skills) -> None:
    page = make_page(
        index, "Préparateur·rice", [(picker_skills["safety"], ESSENTIAL)], occupation=order_picker
    )
    assert do_prefill_occupation_skills(page) == 0
    assert _live_skills(page) == [("Règles de sécurité en entrepôt", ESSENTIAL)]


def test_prefill_needs_an_occupation_with_relations(index) -> None:
    page = make_page(index, "Sans métier ESCO")
    assert do_prefill_occupation_skills(page) == 0
    bare = Occupation.objects.create(uri="http://data.europa.eu/esco/occupation/test-bare")
    page.occupation = bare
    page.save_revision().publish()
    assert do_prefill_occupation_skills(page) == 0


def test_prefill_command_fills_every_page_that_needs_it(index, order_picker, picker_skills) -> None:
    empty = make_page(index, "Préparateur·rice", occupation=order_picker)
    chosen = make_page(
        index, "Magasinier·e", [(picker_skills["safety"], ESSENTIAL)], occupation=order_picker
    )
    call_command("prefill_occupation_skills", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(_live_skills(empty)) == 4
    assert len(_live_skills(chosen)) == 1


@pytest.fixture
def editor(db) -> User:
    return User.objects.create_superuser("editrice@example.org", "acrojump-test")


def _page_form(
    title: str, occupation: Occupation | None, action: str, skills: list[dict] = ()
) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "summary": "Préparer les commandes des clients dans un entrepôt.",
            "occupation": occupation.pk if occupation else "",
            "day_to_day": rich_text("<p>On prépare les colis.</p>"),
            "page_skills": inline_formset(list(skills)),
            action: "1",
        }
    )


def test_an_editor_publishing_a_new_page_gets_the_esco_skills(
    client: Client, editor, index, order_picker
) -> None:
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("skills", "occupationpage", index.pk)),
        _page_form("Préparateur·rice de commandes", order_picker, "action-publish"),
        follow=True,
    )
    assert response.status_code == 200
    page = OccupationPage.objects.get(slug="preparateurrice-de-commandes")
    assert page.live and not page.has_unpublished_changes
    assert len(_live_skills(page)) == 4
    assert "4 compétences ont été ajoutées depuis ESCO" in response.content.decode()


def test_an_editor_picking_the_occupation_later_gets_the_esco_skills(
    client: Client, editor, index, order_picker
) -> None:
    page = make_page(index, "Préparateur·rice", publish=False)
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    client.force_login(editor)

    client.post(edit_url, _page_form("Préparateur·rice", order_picker, "action-draft"))

    draft = OccupationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert len(draft.page_skills.all()) == 4
    assert not OccupationPage.objects.get(pk=page.pk).live

    # Saving again with every skill removed on purpose does not bring them back.
    client.post(edit_url, _page_form("Préparateur·rice", order_picker, "action-draft"))
    draft = OccupationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert len(draft.page_skills.all()) == 0


def test_autosave_leaves_the_prefill_to_the_editors_own_save(
    client: Client, editor, index, order_picker
) -> None:
    page = make_page(index, "Préparateur·rice", publish=False)
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    client.force_login(editor)

    response = client.post(
        edit_url,
        _page_form("Préparateur·rice", order_picker, "action-draft"),
        headers={"Accept": "application/json"},
    )

    assert response.json()["success"] is True
    draft = OccupationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.occupation_id == order_picker.pk
    assert len(draft.page_skills.all()) == 0

    client.post(edit_url, _page_form("Préparateur·rice", order_picker, "action-draft"))
    draft = OccupationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert len(draft.page_skills.all()) == 4


def test_editors_preview_skills_they_have_not_saved_yet(
    client: Client, editor, index, picker_skills
) -> None:
    page = make_page(index, "Préparateur·rice", publish=False)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    client.force_login(editor)
    skills = [
        {"skill": picker_skills["forklift"].pk, "relation": OPTIONAL},
        {"skill": picker_skills["team"].pk, "relation": ESSENTIAL},
    ]

    response = client.post(preview_url, _page_form("Préparateur·rice", None, "preview", skills))

    assert response.json()["is_valid"] is True
    html = client.get(preview_url).content.decode()
    assert "Travailler en équipe" in html and "Conduire un chariot" in html
    assert not OccupationPageSkill.objects.filter(page=page).exists()


def test_demo_occupations_are_created_once_with_the_skills_the_taxonomy_has(
    client: Client, index
) -> None:
    from skills.demo_occupations import ORDER_PICKER, seed_demo_occupations

    team_uri = "http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0"
    team = SkillConcept.objects.filter(uri=team_uri).first() or SkillConcept.objects.create(
        name="travailler en équipe", uri=team_uri
    )
    known = set(
        SkillConcept.objects.filter(uri__in=[uri for uri, _ in ORDER_PICKER.skills]).values_list(
            "uri", flat=True
        )
    )

    created = seed_demo_occupations()

    assert [page.title for page in created] == ["Préparateur·rice de commandes", "Aide-soignant·e"]
    assert seed_demo_occupations() == []
    picker = OccupationPage.objects.get(slug=ORDER_PICKER.slug)
    assert picker.live
    uris = [item.skill.uri for item in picker.page_skills.all()]
    assert team.uri in uris
    assert set(uris) == known
    assert client.get(picker.url).status_code == 200
