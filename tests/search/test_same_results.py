"""The two backends, side by side on the same documents: same results, same counts, and
without free text the same order (search/backends/base.py ranks them by the same sum)."""

from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from network.models import Visibility
from search import query as search_query
from search import service
from skills.models import Endorsement
from tests.factories import starter_concept

pytestmark = pytest.mark.django_db

SKILLS = ["jardiner", "coudre", "coder", "travailler-en-equipe", "faire-le-menage"]
TOWNS = ["Lyon", "Villeurbanne", "Dijon", "Roubaix", "Lille", "Marseille"]
HEADLINES = [
    "J'ai préparé des repas à l'épicerie solidaire",
    "Entraîneur de futsal pour les moins de 10 ans",
    "Je répare des vélos et je jardine au jardin partagé",
    "Service civique auprès de personnes âgées",
    "",
]


@pytest.fixture
def population(use_elasticsearch, make_youth, make_user):
    """Twenty varied youths, written to both backends by the real indexing."""
    today = timezone.localdate()
    coach = make_user("coach.same@example.org", role="mentor", first_name="Jean-Marc")
    youths = []
    for n in range(20):
        skills = {SKILLS[(n + k) % len(SKILLS)]: 1 + (n + k) % 4 for k in range(1 + n % 3)}
        youth = make_youth(
            f"Y{n}",
            town=TOWNS[n % len(TOWNS)],
            age=16 + n % 9,
            named=n % 2 == 0,
            skills=skills,
            headline=HEADLINES[n % len(HEADLINES)],
            languages=(("français", "anglais"), ("français",), ("arabe",))[n % 3],
            available_from=today + datetime.timedelta(days=30 * (n % 5)) if n % 4 else None,
            driving_licence=n % 3 == 0,
            visibility=Visibility.RECRUITERS if n % 7 else Visibility.MEMBERS,
        )
        if n % 5 == 0:
            slug = next(iter(skills))
            Endorsement.objects.create(
                youth=youth,
                concept=starter_concept(slug),
                endorser=coach,
                relationship="coach",
                context="Au club",
                observed="Vu faire.",
                status=Endorsement.Status.ACCEPTED,
                weight=1.0,
            )
        youths.append(youth)
    service.index_profiles([youth.pk for youth in youths])
    return youths


def _query(**params) -> search_query.ProfileQuery:
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [str(value)])
    return search_query.parse(data)


def _uri(slug: str) -> str:
    return starter_concept(slug).uri


QUERIES = [
    {},
    {"must": "jardiner"},
    {"must": ["jardiner", "coudre"]},
    {"must": "coder", "level": 3},
    {"nice": ["coudre", "coder"]},
    {"must": "travailler-en-equipe", "endorsed": 1},
    {"endorsed": 1},
    {"town": "Lyon", "km": 25},
    {"lang": "anglais"},
    {"licence": 1, "nice": "jardiner"},
    {"dep": "69"},
    {"level": 4},
]
TEXT_QUERIES = ["épicerie", "futsal", "velos", "personnes agees", "jardin"]


def _resolve(params: dict) -> dict:
    resolved = {}
    for key, value in params.items():
        if key in ("must", "nice"):
            value = [_uri(v) for v in (value if isinstance(value, list) else [value])]
        resolved[key] = value
    return resolved


@pytest.mark.parametrize("params", QUERIES, ids=[str(q) for q in QUERIES])
def test_same_results_order_and_facets(population, params):
    query = _query(**_resolve(params))
    database = service.database_backend().search(query, size=50)
    elastic = service.elastic_backend().search(query, size=50)
    assert [h.user_id for h in database.hits] == [h.user_id for h in elastic.hits]
    assert [round(h.score, 3) for h in database.hits] == [round(h.score, 3) for h in elastic.hits]
    assert database.total == elastic.total
    assert database.facets == elastic.facets


@pytest.mark.parametrize("words", TEXT_QUERIES)
def test_same_results_for_words(population, words):
    query = _query(q=words)
    database = service.database_backend().search(query, size=50)
    elastic = service.elastic_backend().search(query, size=50)
    assert database.total > 0
    assert {h.user_id for h in database.hits} == {h.user_id for h in elastic.hits}
    assert database.total == elastic.total
    assert database.facets == elastic.facets


def test_pages_agree(population):
    query = _query()
    walked = {}
    for backend in (service.database_backend(), service.elastic_backend()):
        seen, after = [], None
        while True:
            page = backend.search(query, after=after, size=4, facets=False)
            seen += [h.user_id for h in page.hits]
            after = page.next_after
            if after is None:
                break
        walked[backend.name] = seen
    assert walked["database"] == walked["elasticsearch"]
    assert len(walked["database"]) == len(set(walked["database"])) > 10
