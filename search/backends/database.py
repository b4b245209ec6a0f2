"""The embedded backend: the project's database, through Wagtail's database search backend.

Free text goes through Wagtail's (modelsearch) database backend: PostgreSQL full-text search
(``tsvector``) on PostgreSQL, SQLite FTS5 on SQLite. Texts and queries reach it as folded
French and English stems (search/analysis.py), the analysis Elasticsearch applies too.
Filters, facets and the skill part of the ranking are ORM queries on ``ProfileDocument``
and its skill tree.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Lookup,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ACos, Coalesce, Cos, Least, Radians, Sin
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from ..analysis import stems, tokens
from ..highlight import highlight
from ..models import DocumentLanguage, DocumentSkill, ProfileDocument
from ..query import PAGE_SIZE, ProfileQuery
from . import base

EARTH_RADIUS_KM = 6371.0
#: PostgreSQL's ts_rank is between 0 and 1 where BM25 scores run to about 10: scaled alike.
TEXT_WEIGHT = 10.0
DOCUMENT_FIELDS = [
    "anonymous",
    "display_name",
    "town",
    "departement_code",
    "departement_name",
    "latitude",
    "longitude",
    "mobility_km",
    "headline",
    "goals",
    "achievements_text",
    "experiences_text",
    "skills_text",
    "available_from",
    "driving_licence",
    "validated",
    "validated_by",
    "validated_at",
    "endorsed",
    "endorsement_count",
    "endorsement_weight",
    "evidence_count",
    "last_activity",
    "listed_at",
    "changed_at",
    "fingerprint",
    "card",
]


class DatabaseBackend(base.SearchBackend):
    name = "database"

    # --- Writing ---------------------------------------------------------------------------

    def write(self, documents: list[dict[str, Any]]) -> None:
        if not documents:
            return
        rows = [_row(document) for document in documents]
        ids = [row.pk for row in rows]
        with transaction.atomic():
            ProfileDocument.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["user"],
                update_fields=DOCUMENT_FIELDS,
            )
            DocumentSkill.objects.filter(document_id__in=ids).delete()
            DocumentLanguage.objects.filter(document_id__in=ids).delete()
            DocumentSkill.objects.bulk_create(
                [
                    DocumentSkill(
                        document_id=document["user_id"],
                        uri=node["uri"],
                        level=node["level"],
                        endorsed=node["endorsed"],
                        direct=node["direct"],
                        top_group=node["top_group"],
                    )
                    for document in documents
                    for node in document["skills"]
                ],
                batch_size=2000,
            )
            DocumentLanguage.objects.bulk_create(
                [
                    DocumentLanguage(document_id=document["user_id"], code=code)
                    for document in documents
                    for code in document["languages"]
                ],
                batch_size=2000,
            )
            get_search_backend().add_bulk(ProfileDocument, rows)

    def remove(self, user_ids: list[int]) -> None:
        documents = list(ProfileDocument.objects.filter(pk__in=user_ids))
        if not documents:
            return
        text_index = get_search_backend()
        with transaction.atomic():
            for document in documents:
                text_index.delete(document)
            ProfileDocument.objects.filter(pk__in=user_ids).delete()

    def count(self) -> int:
        return ProfileDocument.objects.count()

    # --- Reading ---------------------------------------------------------------------------

    def search(
        self,
        query: ProfileQuery,
        *,
        after: list | None = None,
        size: int = PAGE_SIZE,
        facets: bool = True,
    ) -> base.Page:
        with _search_planning():
            return self._search(query, after=after, size=size, facets=facets)

    def _search(
        self, query: ProfileQuery, *, after: list | None, size: int, facets: bool
    ) -> base.Page:
        # Free text is matched once, by the text index alone, into a list of profiles; the
        # filters, the facets and the ranking then start from that list, and only the page's
        # ranking reads the index entries again (for the relevance of each candidate).
        text_ids = _text_matches(query.words) if query.words else None
        matching = self._matching(query, ProfileDocument.objects.all(), text_ids)
        ranked_from = matching
        if query.words:
            with_relevance = (
                get_search_backend()
                .search(_text_query(query.words), ProfileDocument.objects.all())
                .annotate_score("_text")
                .get_queryset()
            )
            ranked_from = self._matching(query, with_relevance, text_ids)
        scored = ranked_from.annotate(_score=self._score(query)).order_by("-_score", "-pk")
        page_rows = scored
        if after is not None:
            last_score, last_id = after
            page_rows = scored.filter(
                Q(_score__lt=last_score) | Q(_score=last_score, pk__lt=last_id)
            )
        # The ranking sorts (score, id) pairs only; the wide rows (texts, result card) are read
        # for the page's profiles afterwards.
        ranked = list(page_rows.values_list("pk", "_score")[: size + 1])
        more = len(ranked) > size
        ranked = ranked[:size]
        by_id = ProfileDocument.objects.prefetch_related("languages").in_bulk(
            [pk for pk, _score in ranked]
        )
        rows = []
        for pk, score in ranked:
            row = by_id[pk]
            row._score = score
            rows.append(row)
        hits = [
            base.Hit(
                user_id=row.pk,
                score=float(row._score),
                document=_document(row),
                highlights=highlight(
                    query.words, [a["text"] for a in row.card.get("achievements", [])]
                )
                if query.words
                else [],
            )
            for row in rows
        ]
        next_after = [hits[-1].score, hits[-1].user_id] if more and hits else None
        if facets:
            total, found_facets = self._facets(matching)
        else:
            total, found_facets = -1, base.Facets()
        return base.Page(
            hits=hits, total=total, facets=found_facets, next_after=next_after, backend=self.name
        )

    def _matching(
        self,
        query: ProfileQuery,
        documents: QuerySet[ProfileDocument],
        text_ids: list[int] | None,
    ) -> QuerySet[ProfileDocument]:
        if text_ids is not None:
            if connection.vendor == "postgresql":
                # One array parameter: thousands of ids in IN (...) cost more to parse than
                # the query costs to run.
                documents = documents.filter(pk__any_of=text_ids)
            else:
                documents = documents.filter(pk__in=text_ids)
        for skill in query.must:
            nodes = DocumentSkill.objects.filter(document=OuterRef("pk"), uri=skill.uri)
            if query.min_level:
                nodes = nodes.filter(level__gte=query.min_level)
            if query.endorsed_only:
                nodes = nodes.filter(endorsed=True)
            documents = documents.filter(Exists(nodes))
        if not query.must:
            if query.min_level:
                documents = documents.filter(
                    Exists(
                        DocumentSkill.objects.filter(
                            document=OuterRef("pk"), direct=True, level__gte=query.min_level
                        )
                    )
                )
            if query.endorsed_only:
                documents = documents.filter(endorsed=True)
        if query.require_one_nice and query.nice:
            documents = documents.filter(
                Exists(
                    DocumentSkill.objects.filter(
                        document=OuterRef("pk"), uri__in=[s.uri for s in query.nice]
                    )
                )
            )
        if query.validated_only:
            documents = documents.filter(validated=True)
        if query.near is not None:
            documents = _within(documents, query.near, query.radius_km)
        if query.available_before is not None:
            documents = documents.filter(available_from__lte=query.available_before)
        for code in query.languages:
            documents = documents.filter(
                Exists(DocumentLanguage.objects.filter(document=OuterRef("pk"), code=code))
            )
        if query.driving_licence:
            documents = documents.filter(driving_licence=True)
        if query.departement:
            documents = documents.filter(departement_code=query.departement)
        if query.skill_group:
            documents = documents.filter(
                Exists(DocumentSkill.objects.filter(document=OuterRef("pk"), uri=query.skill_group))
            )
        if query.changed_since is not None:
            documents = documents.filter(changed_at__gt=query.changed_since)
        if query.exclude_ids:
            documents = documents.exclude(pk__in=list(query.exclude_ids))
        return documents

    def _score(self, query: ProfileQuery):
        score = Value(0.0, output_field=FloatField())
        if query.words:
            text = F("_text") * (-1.0 if connection.vendor == "sqlite" else TEXT_WEIGHT)
            score = score + text
        wanted = list(dict.fromkeys(skill.uri for skill in (*query.must, *query.nice)))
        if wanted:
            # One look-up per profile: HAS_SKILL for each wanted skill it has, ENDORSED_SKILL
            # more when that skill is endorsed (a profile has one tree row per concept).
            points = (
                DocumentSkill.objects.filter(document=OuterRef("pk"), uri__in=wanted)
                .order_by()
                .values("document")
                .annotate(
                    points=Sum(
                        Case(
                            When(
                                endorsed=True,
                                then=Value(base.HAS_SKILL + base.ENDORSED_SKILL),
                            ),
                            default=Value(base.HAS_SKILL),
                            output_field=FloatField(),
                        )
                    )
                )
                .values("points")
            )
            score = score + Coalesce(Subquery(points, output_field=FloatField()), Value(0.0))
        month, quarter = base.recency_marks()
        score = score + Case(
            When(
                last_activity__gte=month,
                then=Value(base.ACTIVE_THIS_MONTH + base.ACTIVE_THIS_QUARTER),
            ),
            When(last_activity__gte=quarter, then=Value(base.ACTIVE_THIS_QUARTER)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return score

    def _facets(self, matching: QuerySet[ProfileDocument]) -> tuple[int, base.Facets]:
        ids = matching.order_by().values("pk")
        now, soon = base.availability_marks()
        counts = matching.order_by().aggregate(
            total=Count("pk"),
            endorsed=Count("pk", filter=Q(endorsed=True)),
            now=Count("pk", filter=Q(available_from__lte=now)),
            soon=Count("pk", filter=Q(available_from__gt=now, available_from__lte=soon)),
            later=Count("pk", filter=Q(available_from__gt=soon)),
            unknown=Count("pk", filter=Q(available_from__isnull=True)),
        )
        departements = (
            matching.order_by()
            .exclude(departement_code="")
            .values_list("departement_code")
            .annotate(n=Count("pk"))
            .order_by("-n", "departement_code")[: base.FACET_SIZE * 10]
        )
        languages = (
            DocumentLanguage.objects.filter(document_id__in=ids)
            .values_list("code")
            .annotate(n=Count("id"))
            .order_by("-n", "code")[: base.FACET_SIZE]
        )
        groups = (
            DocumentSkill.objects.filter(document_id__in=ids, top_group=True)
            .values_list("uri")
            .annotate(n=Count("id"))
            .order_by("-n", "uri")[: base.FACET_SIZE]
        )
        return counts["total"], base.Facets(
            skill_groups=list(groups),
            departements=list(departements),
            availability={k: counts[k] for k in ("now", "soon", "later", "unknown")},
            languages=list(languages),
            endorsed=counts["endorsed"],
        )


class AnyOf(Lookup):
    """``column = ANY(%s)`` with a Python list as one array parameter (PostgreSQL)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(value) for value in self.rhs]

    def get_db_prep_lookup(self, value, connection):
        return "%s", [value]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


ProfileDocument._meta.pk.register_lookup(AnyOf)


def _text_matches(words: str) -> list[int]:
    """The profiles whose text matches ``words``, through Wagtail's text index."""
    results = get_search_backend().search(_text_query(words), ProfileDocument.objects.all())
    return list(results.get_queryset().order_by().values_list("pk", flat=True))


@contextmanager
def _search_planning() -> Iterator[None]:
    """The queries of one search, planned for the way the text index is read.

    Wagtail matches text on ``title || body``, served by an expression GIN index (migration
    search 0002). PostgreSQL's default cost of a random page read (4, set for spinning disks)
    makes it prefer reading every index entry, and each entry's vectors are large (TOASTed):
    1.2 s instead of 46 ms for a common word at 90,000 profiles. The cost usual for SSDs and
    cached data (1.1) is set for this transaction only (``SET LOCAL``).
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL random_page_cost = 1.1")
        yield


def _text_query(words: str):
    """Every word, by its French stems or else every word by its English stems (as the
    Elasticsearch backend matches its French field or its English sub-field)."""
    french, english = stems(tokens(words))
    return Or([And([PlainText(s) for s in french]), And([PlainText(s) for s in english])])


def _within(documents: QuerySet, point: tuple[float, float], radius_km: int) -> QuerySet:
    """Profiles within ``radius_km`` of ``point``: a box on indexed columns, then the
    great-circle distance."""
    lat, lon = point
    dlat = radius_km / 111.0
    dlon = radius_km / max(1e-6, 111.0 * math.cos(math.radians(lat)))
    documents = documents.filter(
        latitude__gte=lat - dlat,
        latitude__lte=lat + dlat,
        longitude__gte=lon - dlon,
        longitude__lte=lon + dlon,
    )
    cosine = Sin(Radians(Value(lat))) * Sin(Radians(F("latitude"))) + Cos(
        Radians(Value(lat))
    ) * Cos(Radians(F("latitude"))) * Cos(Radians(F("longitude")) - Radians(Value(lon)))
    distance = ACos(Least(cosine, Value(1.0))) * Value(EARTH_RADIUS_KM)
    return documents.alias(_distance=distance).filter(_distance__lte=radius_km)


def _row(document: dict[str, Any]) -> ProfileDocument:
    location = document.get("location") or {}
    values = {name: document.get(name) for name in DOCUMENT_FIELDS if name in document}
    values["latitude"] = location.get("lat")
    values["longitude"] = location.get("lon")
    return ProfileDocument(user_id=document["user_id"], **values)


def _document(row: ProfileDocument) -> dict[str, Any]:
    document = {name: getattr(row, name) for name in DOCUMENT_FIELDS}
    document["user_id"] = row.pk
    document["languages"] = [language.code for language in row.languages.all()]
    document["location"] = (
        {"lat": row.latitude, "lon": row.longitude} if row.latitude is not None else None
    )
    return document
