"""The Elasticsearch 8 backend, through elasticsearch-dsl.

One index per build behind an alias (``<prefix>-profiles``): a rebuild fills a new index and
swaps the alias in one step, so searches never see a half-built index. The mapping folds
accents and analyses text in French (elision, Snowball stemming) with an English
sub-field, with the Snowball stemmers the database backend uses (search/analysis.py); no
stop words here: the query's little words are dropped before either backend sees them
(search/query.py). Skills are flat keyword fields: ``skill_tree`` (each skill and its broader
concepts), ``skill_levels`` (``<uri>@<level>`` for levels 2 to the best level under that
concept), ``endorsed_tree`` and ``skill_groups``, so every skill filter is a ``term`` query
and the ranking is the same sum as the database backend's (search/backends/base.py).

Connection problems raise ``SearchUnavailable``; search/service.py then answers from the
database backend and keeps the writes for later.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Float,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    Long,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.helpers import BulkIndexError, bulk

from ..query import PAGE_SIZE, ProfileQuery
from . import base


class SearchUnavailable(Exception):
    """Elasticsearch did not answer, or refused the request."""


_ERRORS = (
    es_exceptions.ConnectionError,
    es_exceptions.ConnectionTimeout,
    es_exceptions.TransportError,
    es_exceptions.ApiError,
    BulkIndexError,
)

french = analyzer(
    "acro_french",
    tokenizer="standard",
    filter=[
        token_filter(
            "acro_elision",
            type="elision",
            articles_case=True,
            articles=[
                "l",
                "m",
                "t",
                "qu",
                "n",
                "s",
                "j",
                "d",
                "c",
                "jusqu",
                "quoiqu",
                "lorsqu",
                "puisqu",
            ],
        ),
        "lowercase",
        "asciifolding",
        token_filter("acro_french_stem", type="stemmer", language="french"),
    ],
)
english = analyzer(
    "acro_english",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("acro_english_stem", type="stemmer", language="english"),
    ],
)


def _text(**kwargs: Any) -> Text:
    return Text(analyzer=french, fields={"en": Text(analyzer=english)}, **kwargs)


class ProfileIndexDocument(Document):
    user_id = Long()
    anonymous = Boolean()
    display_name = Keyword(index=False)
    town = Keyword(index=False)
    departement_code = Keyword()
    departement_name = Keyword(index=False)
    location = GeoPoint()
    mobility_km = Integer()
    headline = _text()
    goals = _text()
    achievements = _text()
    experiences_text = _text()
    skills_text = _text()
    #: Every text above in one field: "all the words" queries look here.
    all_text = _text()
    skill_tree = Keyword()
    skill_levels = Keyword()
    endorsed_tree = Keyword()
    skill_groups = Keyword()
    max_level = Integer()
    languages = Keyword()
    available_from = Date()
    driving_licence = Boolean()
    validated = Boolean()
    validated_by = Keyword(index=False)
    validated_at = Date()
    endorsed = Boolean()
    endorsement_count = Integer()
    endorsement_weight = Float()
    evidence_count = Integer()
    last_activity = Date()
    listed_at = Date()
    changed_at = Date()
    card = Object(enabled=False)


@lru_cache(maxsize=4)
def _client(url: str) -> Elasticsearch:
    return Elasticsearch(
        url,
        request_timeout=float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 5)),
        max_retries=0,
        retry_on_timeout=False,
    )


def to_source(document: dict[str, Any]) -> dict[str, Any]:
    """The Elasticsearch source of a profile document (search/documents.py)."""
    source = {
        key: value for key, value in document.items() if key not in ("skills", "achievements_text")
    }
    nodes = document["skills"]
    source["achievements"] = document["achievements"]
    source["all_text"] = "\n".join(
        filter(
            None,
            [
                document["headline"],
                document["skills_text"],
                document["achievements_text"],
                document["goals"],
                document["experiences_text"],
            ],
        )
    )
    source["skill_tree"] = [node["uri"] for node in nodes]
    source["skill_levels"] = [
        f"{node['uri']}@{level}" for node in nodes for level in range(2, node["level"] + 1)
    ]
    source["endorsed_tree"] = [node["uri"] for node in nodes if node["endorsed"]]
    source["skill_groups"] = [node["uri"] for node in nodes if node["top_group"]]
    source["max_level"] = max((node["level"] for node in nodes if node["direct"]), default=0)
    for key, value in list(source.items()):
        if isinstance(value, datetime.datetime | datetime.date):
            source[key] = value.isoformat()
    return source


class ElasticsearchBackend(base.SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str, prefix: str = "acrojump") -> None:
        self.url = url
        self.alias = f"{prefix}-profiles"
        self.refresh = getattr(settings, "ELASTICSEARCH_REFRESH", "wait_for")

    @property
    def client(self) -> Elasticsearch:
        return _client(self.url)

    # --- Indices ---------------------------------------------------------------------------

    def _new_index(self) -> str:
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        index = Index(name, using=self.client)
        index.settings(number_of_shards=1, number_of_replicas=0)
        index.document(ProfileIndexDocument)
        try:
            index.create()
        except _ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        return name

    def ensure_index(self) -> None:
        """Create the index and its alias when there is none yet."""
        try:
            if self.client.indices.exists_alias(name=self.alias):
                return
        except _ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        name = self._new_index()
        self.swap_alias(name)

    def swap_alias(self, new_index: str) -> list[str]:
        """Point the alias at ``new_index`` in one step; returns the indices it left."""
        try:
            old = list(self.client.indices.get_alias(name=self.alias).keys())
        except es_exceptions.NotFoundError:
            old = []
        except _ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        try:
            self.client.indices.update_aliases(actions=actions)
        except _ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        return [name for name in old if name != new_index]

    def drop_indices(self, names: list[str]) -> None:
        for name in names:
            try:
                self.client.options(ignore_status=404).indices.delete(index=name)
            except _ERRORS as error:
                raise SearchUnavailable(str(error)) from error

    def drop_all(self) -> None:
        """Delete every index of this alias (tests)."""
        try:
            names = list(self.client.indices.get(index=f"{self.alias}-*").keys())
        except _ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        self.drop_indices(names)

    # --- Writing ---------------------------------------------------------------------------

    def write(self, documents: list[dict[str, Any]], *, index: str | None = None) -> None:
        if not documents:
            return
        if index is None:
            self.ensure_index()
        actions = [
            {"_index": index or self.alias, "_id": d["user_id"], "_source": to_source(d)}
            for d in documents
        ]
        try:
            bulk(self.client, actions, refresh=self.refresh if index is None else False)
        except _ERRORS as error:
            raise SearchUnavailable(str(error)) from error

    def remove(self, user_ids: list[int]) -> None:
        if not user_ids:
            return
        try:
            if not self.client.indices.exists_alias(name=self.alias):
                return
            # Deletes go to the concrete index the alias points at: some servers do not
            # resolve aliases for bulk deletes.
            indices = list(self.client.indices.get_alias(name=self.alias).keys())
            actions = [
                {"_op_type": "delete", "_index": name, "_id": pk}
                for name in indices
                for pk in user_ids
            ]
            bulk(self.client, actions, refresh=self.refresh, raise_on_error=False)
        except _ERRORS as error:
            raise SearchUnavailable(str(error)) from error

    def refresh_index(self, index: str | None = None) -> None:
        try:
            self.client.indices.refresh(index=index or self.alias)
        except _ERRORS as error:
            raise SearchUnavailable(str(error)) from error

    def count(self) -> int:
        try:
            if not self.client.indices.exists_alias(name=self.alias):
                return 0
            return int(self.client.count(index=self.alias)["count"])
        except _ERRORS as error:
            raise SearchUnavailable(str(error)) from error

    # --- Reading ---------------------------------------------------------------------------

    def search(
        self,
        query: ProfileQuery,
        *,
        after: list | None = None,
        size: int = PAGE_SIZE,
        facets: bool = True,
    ) -> base.Page:
        search = Search(using=self.client, index=self.alias).query(self._query(query))
        search = search.sort({"_score": {"order": "desc"}}, {"user_id": {"order": "desc"}})
        search = search.extra(size=size + 1, track_total_hits=True)
        if after is not None:
            search = search.extra(search_after=after)
        if query.words:
            search = search.highlight(
                "achievements", fragment_size=160, number_of_fragments=2
            ).highlight_options(pre_tags=["\x02"], post_tags=["\x03"])
        if facets:
            search = _with_aggregations(search)
        try:
            if not self.client.indices.exists_alias(name=self.alias):
                return base.Page(
                    hits=[], total=0, facets=base.Facets(), next_after=None, backend=self.name
                )
            response = search.execute()
        except _ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        raw_hits = list(response.hits)
        more = len(raw_hits) > size
        hits = []
        for raw in raw_hits[:size]:
            source = raw.to_dict()
            fragments = []
            highlight = getattr(raw.meta, "highlight", None)
            if highlight is not None and "achievements" in highlight:
                fragments = [_safe_fragment(f) for f in highlight["achievements"]][:2]
            hits.append(
                base.Hit(
                    user_id=int(source["user_id"]),
                    score=float(raw.meta.score or 0.0),
                    document=_document(source),
                    highlights=fragments,
                )
            )
        next_after = None
        if more and hits:
            next_after = list(raw_hits[size - 1].meta.sort)
        total = response.hits.total.value if facets else -1
        return base.Page(
            hits=hits,
            total=int(total),
            facets=_facets(response) if facets else base.Facets(),
            next_after=next_after,
            backend=self.name,
        )

    def _query(self, query: ProfileQuery):
        filters, should, must, must_not = [], [], [], []
        if query.words:
            must.append(
                Q("match", all_text={"query": query.words, "operator": "and"})
                | Q("match", **{"all_text.en": {"query": query.words, "operator": "and"}})
            )
            for field, boost in (("headline", 2.0), ("skills_text", 1.5), ("achievements", 1.5)):
                should.append(Q("match", **{field: {"query": query.words, "boost": boost}}))
        for skill in query.must:
            filters.append(Q("term", skill_tree=skill.uri))
            if query.min_level > 1:
                filters.append(Q("term", skill_levels=f"{skill.uri}@{query.min_level}"))
            if query.endorsed_only:
                filters.append(Q("term", endorsed_tree=skill.uri))
        if not query.must:
            if query.min_level:
                filters.append(Q("range", max_level={"gte": query.min_level}))
            if query.endorsed_only:
                filters.append(Q("term", endorsed=True))
        if query.require_one_nice and query.nice:
            filters.append(Q("terms", skill_tree=[s.uri for s in query.nice]))
        for skill in (*query.must, *query.nice):
            should.append(
                Q("constant_score", filter=Q("term", skill_tree=skill.uri), boost=base.HAS_SKILL)
            )
            should.append(
                Q(
                    "constant_score",
                    filter=Q("term", endorsed_tree=skill.uri),
                    boost=base.ENDORSED_SKILL,
                )
            )
        month, quarter = base.recency_marks()
        should.append(
            Q(
                "constant_score",
                filter=Q("range", last_activity={"gte": month.isoformat()}),
                boost=base.ACTIVE_THIS_MONTH,
            )
        )
        should.append(
            Q(
                "constant_score",
                filter=Q("range", last_activity={"gte": quarter.isoformat()}),
                boost=base.ACTIVE_THIS_QUARTER,
            )
        )
        if query.validated_only:
            filters.append(Q("term", validated=True))
        if query.near is not None:
            filters.append(
                Q(
                    "geo_distance",
                    distance=f"{query.radius_km}km",
                    location={"lat": query.near[0], "lon": query.near[1]},
                )
            )
        if query.available_before is not None:
            filters.append(Q("range", available_from={"lte": query.available_before.isoformat()}))
        for code in query.languages:
            filters.append(Q("term", languages=code))
        if query.driving_licence:
            filters.append(Q("term", driving_licence=True))
        if query.departement:
            filters.append(Q("term", departement_code=query.departement))
        if query.skill_group:
            filters.append(Q("term", skill_tree=query.skill_group))
        if query.changed_since is not None:
            filters.append(Q("range", changed_at={"gt": query.changed_since.isoformat()}))
        if query.exclude_ids:
            must_not.append(Q("terms", user_id=sorted(query.exclude_ids)))
        return Q(
            "bool",
            must=must,
            filter=filters,
            should=should,
            must_not=must_not,
            minimum_should_match=0,
        )


def _with_aggregations(search: Search) -> Search:
    now, soon = base.availability_marks()
    day = datetime.timedelta(days=1)
    search.aggs.bucket("departements", "terms", field="departement_code", size=base.FACET_SIZE * 10)
    search.aggs.bucket("languages", "terms", field="languages", size=base.FACET_SIZE)
    search.aggs.bucket("groups", "terms", field="skill_groups", size=base.FACET_SIZE)
    search.aggs.bucket(
        "availability",
        "date_range",
        field="available_from",
        format="yyyy-MM-dd",
        ranges=[
            {"key": "now", "to": (now + day).isoformat()},
            {"key": "soon", "from": (now + day).isoformat(), "to": (soon + day).isoformat()},
            {"key": "later", "from": (soon + day).isoformat()},
        ],
    )
    search.aggs.bucket("unknown", "missing", field="available_from")
    search.aggs.bucket("endorsed", "filter", filter=Q("term", endorsed=True))
    return search


def _facets(response) -> base.Facets:
    aggregations = response.aggregations.to_dict()

    def buckets(name: str) -> list[tuple[str, int]]:
        found = [(str(b["key"]), int(b["doc_count"])) for b in aggregations[name]["buckets"]]
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))

    availability = {b["key"]: int(b["doc_count"]) for b in aggregations["availability"]["buckets"]}
    availability["unknown"] = int(aggregations["unknown"]["doc_count"])
    return base.Facets(
        skill_groups=buckets("groups"),
        departements=buckets("departements"),
        availability={k: availability.get(k, 0) for k in ("now", "soon", "later", "unknown")},
        languages=buckets("languages"),
        endorsed=int(aggregations["endorsed"]["doc_count"]),
    )


def _safe_fragment(fragment: str) -> str:
    """Escape a highlight fragment; only the marks become HTML."""
    return escape(fragment).replace("\x02", "<mark>").replace("\x03", "</mark>")


def _document(source: dict[str, Any]) -> dict[str, Any]:
    document = dict(source)
    for key in ("available_from",):
        if document.get(key):
            document[key] = datetime.date.fromisoformat(str(document[key])[:10])
    for key in ("validated_at", "last_activity", "listed_at", "changed_at"):
        if document.get(key):
            document[key] = datetime.datetime.fromisoformat(str(document[key]))
    return document
