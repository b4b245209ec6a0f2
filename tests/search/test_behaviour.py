"""One behaviour, two backends: every test here runs on the database backend and on a real
Elasticsearch-API server, on the same data, and expects the same results."""

from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from network.models import Block, Visibility
from search import query as search_query
from search import service
from skills.models import ConceptType, Endorsement, SkillConcept
from tests.factories import starter_concept

pytestmark = pytest.mark.django_db(transaction=False)


def run(viewer=None, after=None, **params):
    data = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, list | tuple):
            data.setlist(key, [str(v) for v in value])
        else:
            data[key] = str(value)
    return service.search_profiles(search_query.parse(data), viewer=viewer, after=after).page


def ids(page) -> set[int]:
    return {hit.user_id for hit in page.hits}


def uri(slug: str) -> str:
    return starter_concept(slug).uri


def test_only_discoverable_profiles_seen_by_recruiters_are_found(backend_name, make_youth):
    shown = make_youth("Inès", skills={"travailler-en-equipe": 3})
    make_youth("Kevin", skills={"travailler-en-equipe": 3}, discoverable=False)
    make_youth("Lucas", skills={"travailler-en-equipe": 3}, visibility=Visibility.MEMBERS)
    page = run(must=uri("travailler-en-equipe"))
    assert ids(page) == {shown.pk}
    assert page.total == 1


def test_must_have_skills_min_level_and_nice_to_have_ranking(backend_name, make_youth):
    both = make_youth("Inès", skills={"travailler-en-equipe": 3, "jardiner": 2})
    one = make_youth("Yanis", skills={"travailler-en-equipe": 2})
    make_youth("Lucas", skills={"jardiner": 4})
    page = run(must=uri("travailler-en-equipe"), nice=uri("jardiner"))
    assert [hit.user_id for hit in page.hits] == [both.pk, one.pk]
    assert ids(run(must=uri("travailler-en-equipe"), level=3)) == {both.pk}


def test_a_broad_skill_finds_youths_with_a_narrower_one(backend_name, make_youth):
    broad = SkillConcept.objects.create(
        name="Cuisine (test)",
        slug="cuisine-test",
        uri="https://acrojump.fr/skill/test-cuisine",
        concept_type=ConceptType.GROUP,
        preferred_labels={"fr": "Cuisine", "en": "Cooking"},
    )
    narrow = starter_concept("faire-le-menage")
    narrow.broader.add(broad)
    youth = make_youth("Nadia", skills={"faire-le-menage": 2})
    make_youth("Kevin", skills={"jardiner": 2})
    assert ids(run(must=broad.uri)) == {youth.pk}


def test_endorsed_only_and_endorsed_rank_first(backend_name, make_youth, make_user):
    plain = make_youth("Kevin", skills={"jardiner": 3})
    vouched = make_youth("Inès", skills={"jardiner": 3})
    coach = make_user("coach@example.org", role="mentor", first_name="Jean-Marc")
    Endorsement.objects.create(
        youth=vouched,
        concept=starter_concept("jardiner"),
        endorser=coach,
        relationship="coach",
        context="Jardin partagé",
        observed="Elle a planté tout le potager.",
        status=Endorsement.Status.ACCEPTED,
        weight=2.0,
        weight_reason="Endorsed by a coach",
    )
    service.index_profiles([vouched.pk])
    assert [h.user_id for h in run(must=uri("jardiner")).hits] == [vouched.pk, plain.pk]
    assert ids(run(must=uri("jardiner"), endorsed=1)) == {vouched.pk}
    assert run(must=uri("jardiner")).facets.endorsed == 1


def test_free_text_accents_folded_and_highlighted(backend_name, make_youth):
    from skills.actions.items import AchievementDetails, do_save_achievement  # noqa: F401

    cook = make_youth("Yanis", headline="J'ai préparé des repas à l'épicerie solidaire")
    make_youth("Kevin", headline="Je répare des vélos")
    assert ids(run(q="epicerie")) == {cook.pk}
    assert ids(run(q="Épicerie solidaire")) == {cook.pk}
    assert ids(run(q="épicerie vélos")) == set()


def test_blocked_people_never_appear_either_way(backend_name, make_youth, make_user):
    recruiter = make_user("rh@example.org", role="recruiter", first_name="Claire")
    a = make_youth("Inès", skills={"jardiner": 2})
    b = make_youth("Kevin", skills={"jardiner": 2})
    c = make_youth("Lucas", skills={"jardiner": 2})
    Block.objects.create(blocker=recruiter, blocked=a)
    Block.objects.create(blocker=b, blocked=recruiter)
    page = run(viewer=recruiter, must=uri("jardiner"))
    assert ids(page) == {c.pk}
    assert page.total == 1


def test_anonymous_profiles_carry_no_name_nor_town(backend_name, make_youth):
    anonymous = make_youth("Inès", town="Dijon", skills={"jardiner": 2})
    named = make_youth("Yanis", town="Lyon", named=True, skills={"jardiner": 2})
    minor = make_youth("Lucas", town="Lyon", named=True, age=16, skills={"jardiner": 2})
    hits = {h.user_id: h.document for h in run(must=uri("jardiner")).hits}
    assert hits[anonymous.pk]["display_name"] == "" and hits[anonymous.pk]["town"] == ""
    assert hits[anonymous.pk]["departement_code"] == "21"
    assert hits[named.pk]["display_name"] == "Yanis" and hits[named.pk]["town"] == "Lyon"
    assert hits[minor.pk]["display_name"] == "" and hits[minor.pk]["town"] == ""


def test_within_km_of_a_town(backend_name, make_youth):
    near = make_youth("Yanis", town="Villeurbanne", named=True, skills={"jardiner": 2})
    make_youth("Inès", town="Roubaix", named=True, skills={"jardiner": 2})
    assert ids(run(town="Lyon", km=20)) == {near.pk}


def test_filters_availability_languages_licence_and_facets(backend_name, make_youth):
    today = timezone.localdate()
    a = make_youth(
        "Inès",
        languages=("français", "arabe"),
        available_from=today,
        driving_licence=True,
        town="Dijon",
        skills={"jardiner": 2},
    )
    b = make_youth(
        "Kevin",
        languages=("French",),
        available_from=today + datetime.timedelta(days=200),
        town="Lyon",
        skills={"jardiner": 2},
    )
    c = make_youth("Lucas", town="Lyon", skills={"jardiner": 2})
    assert ids(run(before=(today + datetime.timedelta(days=10)).isoformat())) == {a.pk}
    assert ids(run(lang="ar")) == {a.pk}
    assert ids(run(lang=["français"])) == {a.pk, b.pk}
    assert ids(run(licence=1)) == {a.pk}
    facets = run().facets
    assert dict(facets.departements) == {"21": 1, "69": 2}
    assert dict(facets.languages) == {"fr": 2, "ar": 1}
    assert facets.availability == {"now": 1, "soon": 0, "later": 1, "unknown": 1}
    assert ids(run(dep="69")) == {b.pk, c.pk}


def test_hidden_and_deleted_profiles_leave_at_once(
    backend_name, make_youth, django_capture_on_commit_callbacks
):
    from network.account_deletion import do_delete_account
    from skills.actions.profile import ProfileSettings, do_update_profile_settings

    a = make_youth("Inès", skills={"jardiner": 2})
    b = make_youth("Kevin", skills={"jardiner": 2})
    c = make_youth("Lucas", skills={"jardiner": 2})
    # The real actions, with their after-commit callbacks run: nothing else calls search.
    with django_capture_on_commit_callbacks(execute=True):
        do_update_profile_settings(a, settings=ProfileSettings(discoverable=False))
    assert ids(run(must=uri("jardiner"))) == {b.pk, c.pk}
    with django_capture_on_commit_callbacks(execute=True):
        do_update_profile_settings(
            b, settings=ProfileSettings(discoverable=True, visibility=Visibility.MEMBERS)
        )
    assert ids(run(must=uri("jardiner"))) == {c.pk}
    deleted = c.pk
    with django_capture_on_commit_callbacks(execute=True):
        do_delete_account(c)
    page = run(must=uri("jardiner"))
    assert deleted not in ids(page) and page.total == 0
    assert service.database_backend().count() == 0
    if backend_name == "elasticsearch":
        assert service.elastic_backend().count() == 0


def test_search_after_walks_every_result_once(backend_name, make_youth):
    made = {make_youth(f"Y{n}", skills={"jardiner": 1 + n % 4}).pk for n in range(7)}
    seen: list[int] = []
    after = None
    for _ in range(10):
        page = service.search_profiles(
            search_query.parse(QueryDict(f"must={uri('jardiner')}")),
            viewer=None,
            after=after,
            size=3,
        ).page
        seen += [h.user_id for h in page.hits]
        after = page.next_after
        if after is None:
            break
    assert sorted(seen) == sorted(made)


def test_similar_profiles_share_skills(backend_name, make_youth):
    start = make_youth("Inès", skills={"jardiner": 2, "coudre": 2})
    alike = make_youth("Kevin", skills={"coudre": 3})
    make_youth("Lucas", skills={"coder": 3})
    results = service.similar_profiles(start.pk, viewer=None)
    assert ids(results.page) == {alike.pk}
