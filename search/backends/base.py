"""What every search backend gives: one interface, the same results on the same data.

Ranking is the same sum in both backends: the text's relevance (each engine's own measure),
plus, for each skill asked for, points when the profile has it and more when someone vouched
for it, plus points for recent activity. Without free text the two backends therefore rank
identically; with it, only the text part differs. Ties are broken by the newest profile
first, and pages follow each other with ``search_after`` cursors on (score, id).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ..query import PAGE_SIZE, ProfileQuery

HAS_SKILL = 1.0
ENDORSED_SKILL = 2.0
ACTIVE_THIS_MONTH = 1.0
ACTIVE_THIS_QUARTER = 0.5
#: Availability facet: "now", "within 3 months", "later", "not said".
SOON_DAYS = 92
#: Facet buckets shown at most.
FACET_SIZE = 12


def recency_marks(
    today: datetime.date | None = None,
) -> tuple[datetime.datetime, datetime.datetime]:
    """The two moments recent activity is counted from, at midnight so pages stay stable."""
    today = today or timezone.localdate()
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    return midnight - datetime.timedelta(days=30), midnight - datetime.timedelta(days=90)


def availability_marks(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(days=SOON_DAYS)


@dataclass
class Hit:
    user_id: int
    score: float
    document: dict[str, Any]
    highlights: list[str] = field(default_factory=list)


@dataclass
class Facets:
    skill_groups: list[tuple[str, int]] = field(default_factory=list)
    departements: list[tuple[str, int]] = field(default_factory=list)
    availability: dict[str, int] = field(default_factory=dict)
    languages: list[tuple[str, int]] = field(default_factory=list)
    endorsed: int = 0


@dataclass
class Page:
    hits: list[Hit]
    total: int
    facets: Facets
    #: Sort values of the last hit, for the next page; ``None`` on the last page.
    next_after: list | None
    backend: str


class SearchBackend:
    name = "base"

    def search(
        self,
        query: ProfileQuery,
        *,
        after: list | None = None,
        size: int = PAGE_SIZE,
        facets: bool = True,
    ) -> Page:
        raise NotImplementedError

    def write(self, documents: list[dict[str, Any]]) -> None:
        """Add or replace these documents."""
        raise NotImplementedError

    def remove(self, user_ids: list[int]) -> None:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def matching_ids(self, query: ProfileQuery, limit: int = 1000) -> list[int]:
        """Ids of the profiles ``query`` finds, best first (saved-search alerts)."""
        ids: list[int] = []
        after = None
        while len(ids) < limit:
            page = self.search(query, after=after, size=min(100, limit - len(ids)), facets=False)
            ids += [hit.user_id for hit in page.hits]
            if page.next_after is None:
                break
            after = page.next_after
        return ids
