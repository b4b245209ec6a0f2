"""Recruiter search: the one interface the rest of the code uses.

The backend is chosen by settings: Elasticsearch when ``ELASTICSEARCH_URL`` is set, the
embedded database backend otherwise. The database backend is always kept up to date: it is
what answers when Elasticsearch is down (the page says so), and what Elasticsearch is
rebuilt from. Blocks apply at query time: the viewer's blocked people (either way) are
never returned, counted or suggested.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from network.models import User
from network.relations import blocked_user_ids

from .backends.base import Page, SearchBackend
from .backends.database import DatabaseBackend
from .backends.elastic import ElasticsearchBackend, SearchUnavailable
from .documents import build_documents
from .models import PendingIndexWrite, ProfileDocument
from .query import PAGE_SIZE, ProfileQuery, Skill

logger = logging.getLogger(__name__)

SIMILAR_SKILLS = 10


@dataclass
class Results:
    page: Page
    #: Elasticsearch did not answer: these results come from the database backend.
    degraded: bool = False


def database_backend() -> DatabaseBackend:
    return DatabaseBackend()


@lru_cache(maxsize=4)
def _elastic(url: str, prefix: str) -> ElasticsearchBackend:
    return ElasticsearchBackend(url, prefix)


def elastic_backend() -> ElasticsearchBackend | None:
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return None
    return _elastic(url, getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "acrojump"))


def get_backend() -> SearchBackend:
    """The backend searches go to."""
    return elastic_backend() or database_backend()


# --- Reading ---------------------------------------------------------------------------------


def _with_exclusions(query: ProfileQuery, viewer: User | None, *extra: int) -> ProfileQuery:
    excluded = set(extra)
    if viewer is not None and viewer.is_authenticated:
        excluded.add(viewer.pk)
        excluded |= set(blocked_user_ids(viewer).values_list("id", flat=True))
    if not excluded:
        return query
    return ProfileQuery(
        **{**query.__dict__, "exclude_ids": frozenset(query.exclude_ids | excluded)}
    )


def search_profiles(
    query: ProfileQuery, *, viewer: User | None, after: list | None = None, size: int = PAGE_SIZE
) -> Results:
    query = _with_exclusions(query, viewer)
    elastic = elastic_backend()
    if elastic is not None:
        try:
            return Results(page=elastic.search(query, after=after, size=size))
        except SearchUnavailable:
            logger.warning("Elasticsearch unavailable: answering from the database backend")
            return Results(
                page=database_backend().search(query, after=after, size=size), degraded=True
            )
    return Results(page=database_backend().search(query, after=after, size=size))


def matching_profile_ids(
    query: ProfileQuery, *, viewer: User | None, limit: int = 1000
) -> list[int]:
    """Ids of the profiles ``query`` finds for ``viewer``, best first (saved-search alerts):
    the viewer's blocks left out, the database backend answering when Elasticsearch is down."""
    query = _with_exclusions(query, viewer)
    elastic = elastic_backend()
    if elastic is not None:
        try:
            return elastic.matching_ids(query, limit)
        except SearchUnavailable:
            logger.warning("Elasticsearch unavailable: alerts answered from the database")
    return database_backend().matching_ids(query, limit)


def similar_query(user_id: int) -> ProfileQuery | None:
    """A search for profiles sharing skills with profile ``user_id`` (its best skills)."""
    document = ProfileDocument.objects.filter(pk=user_id).first()
    if document is None:
        return None
    skills = document.card.get("skills", [])[:SIMILAR_SKILLS]
    if not skills:
        return None
    return ProfileQuery(
        nice=tuple(Skill(uri=s["uri"], label=s["label"].get("fr", "")) for s in skills),
        require_one_nice=True,
        exclude_ids=frozenset({user_id}),
    )


def similar_profiles(user_id: int, *, viewer: User | None, size: int = 6) -> Results | None:
    """Profiles like profile ``user_id``; ``None`` when that profile is not in search."""
    query = similar_query(user_id)
    if query is None:
        return None
    return search_profiles(query, viewer=viewer, size=size)


def document_hits(user_ids: list[int]) -> list:
    """The search documents of ``user_ids`` as hits (the profile a page starts from)."""
    from .backends.base import Hit
    from .backends.database import _document

    rows = ProfileDocument.objects.filter(pk__in=user_ids).prefetch_related("languages")
    return [Hit(user_id=row.pk, score=0.0, document=_document(row)) for row in rows]


def is_listed(user_id: int) -> bool:
    return ProfileDocument.objects.filter(pk=user_id).exists()


# --- Writing ---------------------------------------------------------------------------------


def index_profiles(user_ids: list[int]) -> None:
    """Bring the search documents of ``user_ids`` up to date, in both backends.

    Profiles that may not be in search (hidden, not opted in, deleted, suspended) leave it.
    When Elasticsearch does not answer, the ids are kept in ``PendingIndexWrite`` and
    written by ``retry_pending`` (each later indexing run, and ``search_index --retry``).
    """
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return
    documents = build_documents(user_ids)
    present = [d for d in documents.values() if d is not None]
    absent = [pk for pk, d in documents.items() if d is None]
    database = database_backend()
    database.write(present)
    database.remove(absent)
    elastic = elastic_backend()
    if elastic is None:
        return
    try:
        elastic.write(present)
        elastic.remove(absent)
    except SearchUnavailable as error:
        _keep_for_later(user_ids, str(error))
        return
    PendingIndexWrite.objects.filter(user_id__in=user_ids).delete()
    retry_pending()


def remove_profiles(user_ids: list[int]) -> None:
    """Hidden, suspended or deleted profiles: out of both backends at once."""
    database_backend().remove(user_ids)
    elastic = elastic_backend()
    if elastic is None:
        return
    try:
        elastic.remove(user_ids)
    except SearchUnavailable as error:
        _keep_for_later(user_ids, str(error))


def _keep_for_later(user_ids: list[int], error: str) -> None:
    logger.warning("Elasticsearch unavailable, %d profile(s) kept for later", len(user_ids))
    for user_id in user_ids:
        pending, created = PendingIndexWrite.objects.get_or_create(
            user_id=user_id, defaults={"last_error": error[:300], "attempts": 1}
        )
        if not created:
            pending.attempts += 1
            pending.last_error = error[:300]
            pending.save(update_fields=["attempts", "last_error"])


def retry_pending(batch: int = 500) -> int:
    """Write the kept profiles to Elasticsearch; returns how many are still waiting."""
    elastic = elastic_backend()
    waiting = list(
        PendingIndexWrite.objects.order_by("id").values_list("user_id", flat=True)[:batch]
    )
    if elastic is None or not waiting:
        return PendingIndexWrite.objects.count()
    documents = {pk: doc for pk, doc in build_documents(waiting).items()}
    try:
        elastic.write([d for d in documents.values() if d is not None])
        elastic.remove([pk for pk, d in documents.items() if d is None])
    except SearchUnavailable:
        return PendingIndexWrite.objects.count()
    PendingIndexWrite.objects.filter(user_id__in=waiting).delete()
    return PendingIndexWrite.objects.count()


def pending_count() -> int:
    return PendingIndexWrite.objects.count()


def rebuild(*, batch: int = 500, progress=None) -> dict[str, int]:
    """Rebuild both backends from the profiles.

    Elasticsearch gets a new index, filled, then swapped in behind the alias in one step
    (searches keep answering from the old one until then). The database backend is updated
    in place, and documents of profiles no longer in search are removed.
    """
    from .documents import eligible_users

    started = timezone.now()
    ids = list(eligible_users().order_by("pk").values_list("pk", flat=True))
    database = database_backend()
    elastic = elastic_backend()
    new_index = elastic._new_index() if elastic is not None else None
    try:
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            documents = [d for d in build_documents(chunk).values() if d is not None]
            with transaction.atomic():
                database.write(documents)
            if elastic is not None:
                elastic.write(documents, index=new_index)
            if progress is not None:
                progress(len(chunk))
    except BaseException:
        # A half-built index is of no use: drop it (the alias still points at the old one).
        if elastic is not None and new_index is not None:
            try:
                elastic.drop_indices([new_index])
            except SearchUnavailable:
                logger.warning("Could not drop the half-built index %s", new_index)
        raise
    stale = list(ProfileDocument.objects.exclude(pk__in=ids).values_list("pk", flat=True))
    database.remove(stale)
    if elastic is not None:
        elastic.refresh_index(new_index)
        elastic.drop_indices(elastic.swap_alias(new_index))
        PendingIndexWrite.objects.filter(created_at__lte=started).delete()
    return {"indexed": len(ids), "removed": len(stale)}
