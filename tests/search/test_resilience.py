"""When Elasticsearch is down, search keeps answering and no write is lost; changes reach both
backends only once committed, through the same indexing path users' actions take."""

from __future__ import annotations

import pytest
from django.db import transaction

from network.account_deletion import do_delete_account
from network.models import Visibility
from search import service
from search.models import PendingIndexWrite, ProfileDocument
from search.query import ProfileQuery, Skill
from skills.actions.common import SkillChoice
from skills.actions.items import AchievementDetails, check_save_achievement
from skills.actions.profile import ProfileSettings, do_update_profile_settings
from tests.factories import starter_concept

pytestmark = pytest.mark.django_db(transaction=False)

#: Nothing listens there: an Elasticsearch that is down.
CLOSED_PORT_URL = "http://127.0.0.1:1"


@pytest.fixture
def elasticsearch_down(use_elasticsearch, settings):
    """Elasticsearch configured (same alias as ``use_elasticsearch``) but not answering."""
    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL
    # A client or backend cached for another URL must not answer for this one.
    service._elastic.cache_clear()
    assert service.elastic_backend().url == CLOSED_PORT_URL
    return service.elastic_backend()


def skill_query(*slugs: str) -> ProfileQuery:
    concepts = [starter_concept(slug) for slug in slugs]
    return ProfileQuery(must=tuple(Skill(uri=c.uri, label=c.name) for c in concepts))


def found(query: ProfileQuery | None = None) -> set[int]:
    results = service.search_profiles(query or ProfileQuery(), viewer=None)
    return {hit.user_id for hit in results.page.hits}


def in_database_backend() -> set[int]:
    return set(ProfileDocument.objects.values_list("pk", flat=True))


def in_elasticsearch(backend) -> set[int]:
    """The profiles the alias holds, read straight from the server."""
    if not backend.client.indices.exists_alias(name=backend.alias):
        return set()
    response = backend.client.search(index=backend.alias, size=100, query={"match_all": {}})
    return {int(hit["_id"]) for hit in response["hits"]["hits"]}


def ids_in(backend, query: ProfileQuery) -> set[int]:
    return {hit.user_id for hit in backend.search(query).hits}


def pending() -> set[int]:
    return set(PendingIndexWrite.objects.values_list("user_id", flat=True))


def save_gardening_achievement(youth) -> None:
    """The youth tells of an achievement with a skill, as the portfolio page saves it."""
    check_save_achievement(
        youth,
        achievement=None,
        details=AchievementDetails(
            title="Potager de l'école",
            what_i_did="J'ai planté des tomates avec les enfants du quartier.",
            visibility=Visibility.RECRUITERS,
        ),
        skills=SkillChoice(concepts=(starter_concept("jardiner"),)),
    )


def listed_settings(**changes) -> ProfileSettings:
    values = {"discoverable": True, "visibility": Visibility.RECRUITERS, **changes}
    return ProfileSettings(**values)


# --- Elasticsearch down ----------------------------------------------------------------------


def test_searches_answer_from_the_database_backend_when_elasticsearch_is_down(
    use_elasticsearch, settings, make_youth
):
    gardener = make_youth("Inès", skills={"jardiner": 2})
    make_youth("Kevin", skills={"coudre": 2})
    up = service.search_profiles(skill_query("jardiner"), viewer=None)
    assert not up.degraded and up.page.backend == "elasticsearch"

    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL
    down = service.search_profiles(skill_query("jardiner"), viewer=None)

    assert down.degraded
    assert down.page.backend == "database"
    assert [hit.user_id for hit in down.page.hits] == [gardener.pk]
    assert down.page.total == 1


def test_writes_while_elasticsearch_is_down_wait_and_reach_it_when_it_is_back(
    use_elasticsearch, elasticsearch_down, settings, elasticsearch_url, make_youth
):
    first = make_youth("Inès", skills={"jardiner": 2})
    second = make_youth("Kevin", skills={"jardiner": 3})

    assert pending() == {first.pk, second.pk}
    assert in_database_backend() == {first.pk, second.pk}
    assert found(skill_query("jardiner")) == {first.pk, second.pk}  # degraded, but complete
    service.index_profiles([first.pk])
    assert PendingIndexWrite.objects.get(user_id=first.pk).attempts == 2

    settings.ELASTICSEARCH_URL = elasticsearch_url
    assert in_elasticsearch(use_elasticsearch) == set()
    assert service.retry_pending() == 0

    assert pending() == set()
    assert in_elasticsearch(use_elasticsearch) == {first.pk, second.pk}
    results = service.search_profiles(skill_query("jardiner"), viewer=None)
    assert not results.degraded
    assert [hit.user_id for hit in results.page.hits] == [second.pk, first.pk]


def test_the_next_successful_write_also_writes_the_waiting_ones(
    use_elasticsearch, elasticsearch_down, settings, elasticsearch_url, make_youth
):
    waiting = make_youth("Inès", skills={"jardiner": 2})
    settings.ELASTICSEARCH_URL = elasticsearch_url

    later = make_youth("Kevin", skills={"jardiner": 2})

    assert pending() == set()
    assert in_elasticsearch(use_elasticsearch) == {waiting.pk, later.pk}


def test_an_account_deleted_while_elasticsearch_is_down_leaves_it_when_it_is_back(
    use_elasticsearch,
    settings,
    elasticsearch_url,
    make_youth,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        stays = make_youth("Inès", skills={"jardiner": 2})
        deleted = make_youth("Kevin", skills={"jardiner": 2})
    deleted_id = deleted.pk
    assert in_elasticsearch(use_elasticsearch) == {stays.pk, deleted_id}

    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL
    with django_capture_on_commit_callbacks(execute=True):
        do_delete_account(deleted)

    assert pending() == {deleted_id}
    assert in_database_backend() == {stays.pk}
    assert found(skill_query("jardiner")) == {stays.pk}

    settings.ELASTICSEARCH_URL = elasticsearch_url
    assert in_elasticsearch(use_elasticsearch) == {stays.pk, deleted_id}  # still there
    assert service.retry_pending() == 0
    assert in_elasticsearch(use_elasticsearch) == {stays.pk}
    assert found(skill_query("jardiner")) == {stays.pk}
    assert pending() == set()


def test_a_profile_hidden_while_elasticsearch_is_down_leaves_it_when_it_is_back(
    use_elasticsearch,
    settings,
    elasticsearch_url,
    make_youth,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        hidden = make_youth("Inès", skills={"jardiner": 2})
    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL
    with django_capture_on_commit_callbacks(execute=True):
        do_update_profile_settings(hidden, settings=listed_settings(discoverable=False))
    assert pending() == {hidden.pk}
    assert in_database_backend() == set()

    settings.ELASTICSEARCH_URL = elasticsearch_url
    assert service.retry_pending() == 0
    assert in_elasticsearch(use_elasticsearch) == set()


# --- The indexing path: real actions, after commit -------------------------------------------


@pytest.fixture
def unlisted_youth(make_user):
    """A youth who is not in search yet (no profile settings, no indexing)."""
    return make_user("yanis@example.org", first_name="Yanis", town="Dijon")


def test_joining_search_through_the_settings_reaches_both_backends_after_commit(
    use_elasticsearch, unlisted_youth, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        do_update_profile_settings(
            unlisted_youth, settings=listed_settings(headline="Bénévole au jardin partagé")
        )
        # Nothing is indexed before the commit.
        assert in_database_backend() == set()
        assert in_elasticsearch(use_elasticsearch) == set()
    assert callbacks

    assert in_database_backend() == {unlisted_youth.pk}
    assert in_elasticsearch(use_elasticsearch) == {unlisted_youth.pk}
    assert found(ProfileQuery(text="jardin partagé")) == {unlisted_youth.pk}


def test_an_achievement_and_its_skills_reach_both_backends_after_commit(
    use_elasticsearch, unlisted_youth, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        do_update_profile_settings(unlisted_youth, settings=listed_settings())
    query = skill_query("jardiner")
    assert ids_in(service.database_backend(), query) == set()

    with django_capture_on_commit_callbacks(execute=True):
        save_gardening_achievement(unlisted_youth)

    for backend in (service.database_backend(), use_elasticsearch):
        assert ids_in(backend, query) == {unlisted_youth.pk}, backend.name
        assert ids_in(backend, ProfileQuery(text="tomates")) == {unlisted_youth.pk}, backend.name


def test_leaving_search_through_the_settings_leaves_both_backends(
    use_elasticsearch, make_youth, django_capture_on_commit_callbacks
):
    leaving = make_youth("Inès", skills={"jardiner": 2})
    stays = make_youth("Kevin", skills={"jardiner": 2})

    with django_capture_on_commit_callbacks(execute=True):
        do_update_profile_settings(leaving, settings=listed_settings(visibility=Visibility.MEMBERS))

    assert in_database_backend() == {stays.pk}
    assert in_elasticsearch(use_elasticsearch) == {stays.pk}


class Rollback(Exception):
    pass


def test_a_rolled_back_change_indexes_nothing(
    use_elasticsearch, unlisted_youth, make_youth, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        do_update_profile_settings(unlisted_youth, settings=listed_settings(headline="Boulangère"))
    gardeners = skill_query("jardiner")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Rollback), transaction.atomic():
            do_update_profile_settings(
                unlisted_youth, settings=listed_settings(headline="Menuisière")
            )
            save_gardening_achievement(unlisted_youth)
            raise Rollback
    assert callbacks == []

    # A later committed change of someone else does not bring the rolled-back one in.
    other = make_youth("Kevin")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        do_update_profile_settings(other, settings=listed_settings(headline="Cuisinier"))
    assert callbacks
    for backend in (service.database_backend(), use_elasticsearch):
        assert ids_in(backend, gardeners) == set(), backend.name
        assert ids_in(backend, ProfileQuery(text="Menuisière")) == set(), backend.name
        assert ids_in(backend, ProfileQuery(text="Boulangère")) == {unlisted_youth.pk}, backend.name
        assert ids_in(backend, ProfileQuery(text="Cuisinier")) == {other.pk}, backend.name
