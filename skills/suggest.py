"""Skill suggestions from free text: what a youth writes -> the skills it shows.

``suggest_skills(text, language="fr")`` answers from an in-process index of the taxonomy
(``skills.suggest_engine.SuggestionIndex``), built from the database on first use for each
language and kept in memory, so a request costs a few dictionary look-ups (about a
millisecond) and no query beyond a periodic freshness check.

Keeping the index fresh:

- ``invalidate_index()`` drops it in this process and bumps a version in the cache, so that
  every process (several daphne workers share the cache in production) rebuilds on its next
  freshness check. Call it after changing the taxonomy: the ESCO import, an editor changing a
  plain-language label.
- Every ``CHECK_INTERVAL`` seconds a request also compares a cheap fingerprint of the
  taxonomy (number of concepts and highest id) with the one the index was built from, which
  catches additions and deletions made without calling ``invalidate_index()``. Edits in place
  (a label changed) are only seen through ``invalidate_index()``.

Building the index for the full ESCO import (13,500 concepts) takes about two seconds; the
first request of a process pays it, unless ``warm_index()`` ran before.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max

from .models import ConceptType, SkillConcept
from .suggest_engine import SuggestionIndex, records_for_language

SUPPORTED_LANGUAGES = ("fr", "en", "es")
#: Longer texts are refused by the view: an experience is described in a few sentences.
MAX_TEXT_LENGTH = 2000
DEFAULT_LIMIT = 10
MAX_LIMIT = 50
CHECK_INTERVAL = 10.0
VERSION_CACHE_KEY = "skills:suggest:version"

_CONCEPT_FIELDS = (
    "uri",
    "name",
    "reuse_level",
    "preferred_labels",
    "alt_labels",
    "plain_label_fr",
    "plain_label_en",
    "plain_sentence_fr",
    "plain_sentence_en",
    "is_starter",
)


@dataclass
class _Built:
    index: SuggestionIndex
    fingerprint: tuple
    checked_at: float


_indexes: dict[str, _Built] = {}
_lock = threading.Lock()


def suggest_skills(text: str, *, language: str = "fr", limit: int = DEFAULT_LIMIT) -> list[dict]:
    """Skills that ``text`` shows, best first: ``[{"uri", "label", "score"}, ...]``.

    ``score`` is between 0 and 1; the label is the everyday one when the concept has it.
    An unsupported language raises ``ValueError``; the caller bounds the text's length.
    """
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language: {language}")
    if not text.strip():
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    return [suggestion.as_dict() for suggestion in get_index(language).suggest(text, limit)]


def get_index(language: str) -> SuggestionIndex:
    """The index for ``language``, built or rebuilt when the taxonomy changed."""
    now = time.monotonic()
    built = _indexes.get(language)
    if built is not None and now - built.checked_at < CHECK_INTERVAL:
        return built.index
    fingerprint = _fingerprint()
    if built is not None and built.fingerprint == fingerprint:
        built.checked_at = now
        return built.index
    with _lock:
        built = _indexes.get(language)
        if built is None or built.fingerprint != fingerprint:
            built = _Built(_build(language), fingerprint, now)
            _indexes[language] = built
        return built.index


def invalidate_index() -> None:
    """Forget the indexes here and tell the other processes to rebuild theirs."""
    with _lock:
        _indexes.clear()
    cache.set(VERSION_CACHE_KEY, time.time_ns(), timeout=None)


def warm_index(languages: tuple[str, ...] = SUPPORTED_LANGUAGES) -> None:
    """Build the indexes now (at process start) rather than on the first request."""
    for language in languages:
        get_index(language)


def _fingerprint() -> tuple:
    taxonomy = SkillConcept.objects.aggregate(count=Count("id"), last=Max("id"))
    return (taxonomy["count"], taxonomy["last"], cache.get(VERSION_CACHE_KEY))


def _build(language: str) -> SuggestionIndex:
    rows = (
        SkillConcept.objects.exclude(concept_type=ConceptType.GROUP)
        .order_by("id")
        .values(*_CONCEPT_FIELDS)
    )
    return SuggestionIndex(records_for_language(rows.iterator(2000), language), language=language)
