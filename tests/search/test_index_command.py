"""``manage.py search_index``: rebuild both backends, retry missed writes, show the status."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from network.models import YouthProfile
from search import service
from search.models import PendingIndexWrite, ProfileDocument
from search.query import ProfileQuery, Skill
from tests.factories import starter_concept

pytestmark = pytest.mark.django_db(transaction=False)

#: Nothing listens there: an Elasticsearch that is down.
CLOSED_PORT_URL = "http://127.0.0.1:1"


def run_command(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("search_index", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def found_by_skill(slug: str) -> set[int]:
    concept = starter_concept(slug)
    query = ProfileQuery(must=(Skill(uri=concept.uri, label=concept.name),))
    return {hit.user_id for hit in service.search_profiles(query, viewer=None).page.hits}


def elastic_ids() -> set[int]:
    """The profiles the Elasticsearch alias holds, read straight from the server."""
    backend = service.elastic_backend()
    response = backend.client.search(index=backend.alias, size=100, query={"match_all": {}})
    return {int(hit["_id"]) for hit in response["hits"]["hits"]}


def empty_backends(backend_name: str) -> None:
    service.database_backend().remove(list(ProfileDocument.objects.values_list("pk", flat=True)))
    if backend_name == "elasticsearch":
        service.elastic_backend().drop_all()


# --- --rebuild -------------------------------------------------------------------------------


def test_rebuild_fills_every_backend_from_the_profiles(backend_name, make_youth):
    made = {make_youth(f"Y{n}", skills={"jardiner": 2}).pk for n in range(3)}
    make_youth("Kevin", discoverable=False, skills={"jardiner": 2})
    empty_backends(backend_name)
    assert found_by_skill("jardiner") == set()

    out, _err = run_command("--rebuild", "--batch-size", "2")

    assert "3 profiles indexed, 0 removed" in out
    assert set(ProfileDocument.objects.values_list("pk", flat=True)) == made
    assert found_by_skill("jardiner") == made
    if backend_name == "elasticsearch":
        assert elastic_ids() == made
        assert "Backends: database, Elasticsearch at http://127.0.0.1:" in out
    else:
        assert "Backends: database." in out


def test_rebuild_swaps_the_alias_to_a_new_index_and_drops_the_old_one(
    use_elasticsearch, make_youth
):
    youth = make_youth("Inès", skills={"jardiner": 2})
    client, alias = use_elasticsearch.client, use_elasticsearch.alias
    before = set(client.indices.get_alias(name=alias))
    assert len(before) == 1

    run_command("--rebuild")

    after = set(client.indices.get_alias(name=alias))
    assert len(after) == 1 and after != before
    assert not client.indices.exists(index=before.pop())
    assert elastic_ids() == {youth.pk}
    assert found_by_skill("jardiner") == {youth.pk}


def test_rebuild_removes_profiles_that_left_search_without_being_reindexed(
    backend_name, make_youth
):
    stays = make_youth("Inès", skills={"jardiner": 2})
    left = make_youth("Kevin", skills={"jardiner": 2})
    # Changed behind the indexing's back (a bulk update sends no signal): only a rebuild
    # notices.
    YouthProfile.objects.filter(user=left).update(discoverable=False)
    assert found_by_skill("jardiner") == {stays.pk, left.pk}

    out, _err = run_command("--rebuild")

    assert "1 profiles indexed, 1 removed" in out
    assert found_by_skill("jardiner") == {stays.pk}
    assert not ProfileDocument.objects.filter(pk=left.pk).exists()
    if backend_name == "elasticsearch":
        assert elastic_ids() == {stays.pk}


def test_rebuild_shows_a_progress_bar_on_stderr_when_asked(backend_name, make_youth):
    for n in range(3):
        make_youth(f"Y{n}", skills={"jardiner": 2})

    _out, err = run_command("--rebuild", "--batch-size", "1", "--progress")
    assert "Profiles" in err and "3/3" in err

    _out, err = run_command("--rebuild", "--no-progress")
    assert err == ""


def test_rebuild_says_plainly_when_elasticsearch_is_down(use_elasticsearch, settings, make_youth):
    youth = make_youth("Inès", skills={"jardiner": 2})
    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL

    with pytest.raises(CommandError, match="did not answer, the rebuild stopped"):
        run_command("--rebuild")

    # The database backend still answers, with what it had.
    results = service.search_profiles(ProfileQuery(), viewer=None)
    assert results.degraded and {h.user_id for h in results.page.hits} == {youth.pk}


# --- --retry ---------------------------------------------------------------------------------


def test_retry_writes_what_elasticsearch_missed(
    use_elasticsearch, settings, elasticsearch_url, make_youth
):
    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL
    missed = {make_youth(f"Y{n}", skills={"jardiner": 2}).pk for n in range(3)}
    assert set(PendingIndexWrite.objects.values_list("user_id", flat=True)) == missed

    out, _err = run_command("--retry")
    assert "0 profiles written" in out
    assert "3 profiles still waiting" in out

    settings.ELASTICSEARCH_URL = elasticsearch_url
    out, _err = run_command("--retry", "--batch-size", "2")
    assert "3 profiles written to Elasticsearch" in out
    assert "No profiles waiting" in out
    assert not PendingIndexWrite.objects.exists()
    assert elastic_ids() == missed


def test_retry_without_elasticsearch_has_nothing_to_do(backend_name, settings):
    settings.ELASTICSEARCH_URL = ""
    out, _err = run_command("--retry")
    assert "Elasticsearch is not configured" in out


# --- --status --------------------------------------------------------------------------------


def test_status_counts_each_backend_and_the_waiting_writes(backend_name, make_youth):
    make_youth("Inès", skills={"jardiner": 2})
    make_youth("Kevin", skills={"jardiner": 2})
    make_youth("Lucas", discoverable=False)

    out, _err = run_command("--status")

    assert "Profiles that may be in search: 2" in out
    assert "Database backend: 2 profiles" in out
    assert "Waiting to be written to Elasticsearch: 0 profiles" in out
    if backend_name == "elasticsearch":
        assert "(alias test-" in out and "-profiles): 2 profiles" in out
    else:
        assert "Elasticsearch: not configured" in out


def test_status_says_plainly_that_elasticsearch_is_down(use_elasticsearch, settings, make_youth):
    make_youth("Inès", skills={"jardiner": 2})
    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL
    make_youth("Kevin", skills={"jardiner": 2})

    out, err = run_command("--status")

    assert f"Elasticsearch at {CLOSED_PORT_URL}: down, it does not answer." in out
    assert "Database backend: 2 profiles" in out
    assert "Waiting to be written to Elasticsearch: 1 profiles" in out
    assert "Traceback" not in out + err


def test_status_never_prints_credentials_of_the_elasticsearch_url(use_elasticsearch, settings):
    settings.ELASTICSEARCH_URL = "http://search:s3cret@127.0.0.1:1"
    out, _err = run_command("--status")
    assert "s3cret" not in out and "http://127.0.0.1:1: down" in out


def test_one_action_is_required():
    with pytest.raises(CommandError):
        run_command()
