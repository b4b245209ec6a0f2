"""Privacy properties of recruiter search, on random people, on both backends.

Whatever profiles exist (opted in or not, any visibility, named or anonymous, minor or adult,
any skills), whoever blocked whom and whoever deleted their account or left search: a
recruiter never finds, counts or is suggested a profile they may not see, and never sees the
name or town of an anonymous or minor profile.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from network.account_deletion import do_delete_account
from network.blocking import do_block
from network.models import DisplayMode, Role, Visibility, YouthProfile
from search import service
from search.query import ProfileQuery, Skill
from skills.actions.profile import ProfileSettings, do_update_profile_settings
from tests.factories import starter_concept

pytestmark = pytest.mark.django_db(transaction=False)

SKILLS = ("jardiner", "coudre", "coder")
#: Towns and their départements (an anonymous profile keeps only its département).
TOWNS = {"Dijon": "21", "Lyon": "69", "Roubaix": "59"}
#: First names found nowhere else in a document, so a leak cannot hide behind a skill label.
NAMES = ("Ysaline", "Maxence", "Oriane", "Tiphaine", "Gwendal", "Soizic")
SEEN_BY_RECRUITERS = {Visibility.RECRUITERS, Visibility.PUBLIC}

profiles = st.lists(
    st.fixed_dictionaries(
        {
            # Weighted towards profiles that may be found, so results are rarely empty.
            "discoverable": st.sampled_from([True, True, True, True, False]),
            "visibility": st.sampled_from(
                [*[Visibility.RECRUITERS, Visibility.PUBLIC] * 3, *Visibility.values]
            ),
            "named": st.booleans(),
            "minor": st.booleans(),
            "skills": st.frozensets(st.sampled_from(SKILLS), max_size=len(SKILLS)),
            "town": st.sampled_from(sorted(TOWNS)),
            "block": st.sampled_from(["none"] * 5 + ["by_viewer", "of_viewer"]),
            "fate": st.sampled_from(["stays"] * 5 + ["deleted", "left_search"]),
        }
    ),
    min_size=2,
    max_size=len(NAMES),
)


@dataclass
class Person:
    pk: int
    name: str
    town: str
    skills: frozenset[str]
    shows_identity: bool
    #: May be in search at all (blocks apply when a search runs).
    listable: bool
    blocked: bool

    @property
    def allowed(self) -> bool:
        """The recruiter may find this profile."""
        return self.listable and not self.blocked


def build(spec: list[dict], *, make_youth, make_user, on_commit) -> tuple[object, list[Person]]:
    recruiter = make_user(
        "rh-property@example.org", role=Role.RECRUITER, first_name="Claire", age=None
    )
    people = []
    for name, wanted in zip(NAMES, spec, strict=False):
        youth = make_youth(
            name,
            town=wanted["town"],
            age=16 if wanted["minor"] else 19,
            skills=dict.fromkeys(wanted["skills"], 2),
            discoverable=wanted["discoverable"],
            visibility=wanted["visibility"],
            named=wanted["named"],
        )
        if wanted["minor"] and wanted["named"]:
            # The settings action never names a minor; a profile named before the rule (or
            # before a date of birth was corrected) must still be anonymous in search.
            YouthProfile.objects.filter(user=youth).update(display_mode=DisplayMode.NAMED)
            service.index_profiles([youth.pk])
        if wanted["block"] == "by_viewer":
            do_block(recruiter, blocked=youth)
        elif wanted["block"] == "of_viewer":
            do_block(youth, blocked=recruiter)
        pk = youth.pk
        with on_commit(execute=True):
            if wanted["fate"] == "deleted":
                do_delete_account(youth)
            elif wanted["fate"] == "left_search":
                do_update_profile_settings(
                    youth, settings=ProfileSettings(visibility=wanted["visibility"])
                )
        people.append(
            Person(
                pk=pk,
                name=name,
                town=wanted["town"],
                skills=wanted["skills"],
                shows_identity=wanted["named"] and not wanted["minor"],
                listable=(
                    wanted["discoverable"]
                    and wanted["visibility"] in SEEN_BY_RECRUITERS
                    and wanted["fate"] == "stays"
                ),
                blocked=wanted["block"] != "none",
            )
        )
    return recruiter, people


def skill_query(slug: str) -> ProfileQuery:
    concept = starter_concept(slug)
    return ProfileQuery(must=(Skill(uri=concept.uri, label=concept.name),))


def check_identities(hits, people: dict[int, Person]) -> None:
    for hit in hits:
        person = people[hit.user_id]
        document = hit.document
        if person.shows_identity:
            assert (document["display_name"], document["town"]) == (person.name, person.town)
        else:
            assert document["display_name"] == "" and document["town"] == ""
            assert document["anonymous"] is True
            assert person.name not in repr(document) and person.town not in repr(document)


def check_search(recruiter, people: list[Person]) -> None:
    by_pk = {person.pk: person for person in people}
    allowed = [person for person in people if person.allowed]
    event(f"{len(allowed)} of {len(people)} profiles may be found")

    results = service.search_profiles(ProfileQuery(), viewer=recruiter, size=50)
    page = results.page
    assert not results.degraded
    assert {hit.user_id for hit in page.hits} == {person.pk for person in allowed}
    assert page.total == len(allowed)
    departements = dict(page.facets.departements)
    assert departements == dict(Counter(TOWNS[person.town] for person in allowed))
    assert sum(departements.values()) <= page.total
    assert sum(page.facets.availability.values()) == page.total
    assert all(n <= page.total for _code, n in page.facets.languages)
    assert all(n <= page.total for _uri, n in page.facets.skill_groups)
    check_identities(page.hits, by_pk)

    for slug in SKILLS:
        page = service.search_profiles(skill_query(slug), viewer=recruiter, size=50).page
        expected = {person.pk for person in allowed if slug in person.skills}
        assert {hit.user_id for hit in page.hits} == expected, slug
        assert page.total == len(expected)
        assert sum(n for _code, n in page.facets.departements) <= page.total
        check_identities(page.hits, by_pk)

    for start in people:
        similar = service.similar_profiles(start.pk, viewer=recruiter)
        listed = service.is_listed(start.pk)
        if not listed or not start.skills:
            assert similar is None
            continue
        expected = {
            person.pk for person in allowed if person is not start and person.skills & start.skills
        }
        assert {hit.user_id for hit in similar.page.hits} == expected
        assert similar.page.total == len(expected)
        check_identities(similar.page.hits, by_pk)

    # Without a viewer there are no blocks: exactly the profiles that may be in search.
    listable = {person.pk for person in people if person.listable}
    page = service.search_profiles(ProfileQuery(), viewer=None, size=50).page
    assert {hit.user_id for hit in page.hits} == listable
    assert {person.pk for person in people if service.is_listed(person.pk)} == listable


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=profiles)
def test_recruiters_never_see_what_they_may_not(
    backend_name, make_youth, make_user, django_capture_on_commit_callbacks, spec
):
    with transaction.atomic():
        try:
            recruiter, people = build(
                spec,
                make_youth=make_youth,
                make_user=make_user,
                on_commit=django_capture_on_commit_callbacks,
            )
            check_search(recruiter, people)
        finally:
            # Each example starts from nothing: the database rolls back, the index goes.
            transaction.set_rollback(True)
            if backend_name == "elasticsearch":
                service.elastic_backend().drop_all()
