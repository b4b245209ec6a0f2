"""The skills hierarchy as search needs it: each concept's broader concepts, all the way up.

A profile is indexed with its skills and every broader concept above them, so a recruiter
asking for a broad skill finds the youths who have it or any narrower one. Loaded once per
process from ``SkillConcept.broader`` (about 13,500 concepts and 20,000 links with the full
ESCO export, well under a second) and reloaded when the taxonomy changes.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max

from skills.models import ConceptType, SkillConcept


def _check_every() -> float:
    """How often, at most, the cache asks the database whether the taxonomy changed."""
    return float(getattr(settings, "SEARCH_TAXONOMY_CHECK_SECONDS", 60))


@dataclass
class Tree:
    version: tuple
    uri: dict[int, str] = field(default_factory=dict)
    parents: dict[int, tuple[int, ...]] = field(default_factory=dict)
    labels: dict[int, tuple[str, str]] = field(default_factory=dict)
    is_group: set[int] = field(default_factory=set)
    _ancestors: dict[int, frozenset[int]] = field(default_factory=dict)
    _facet_groups: dict[int, frozenset[int]] = field(default_factory=dict)

    def ancestors(self, concept_id: int) -> frozenset[int]:
        """Every broader concept of ``concept_id`` (not itself), cycles tolerated."""
        known = self._ancestors.get(concept_id)
        if known is not None:
            return known
        seen: set[int] = set()
        stack = list(self.parents.get(concept_id, ()))
        while stack:
            parent = stack.pop()
            if parent in seen or parent == concept_id:
                continue
            seen.add(parent)
            stack.extend(self.parents.get(parent, ()))
        result = frozenset(seen)
        self._ancestors[concept_id] = result
        return result

    def facet_groups(self, concept_id: int) -> frozenset[int]:
        """The broad groups a skill is counted under in the "skill groups" facet.

        The top of its tree; when that top is an umbrella group over other groups (ESCO's
        "transversal skills"), the group just below it. A skill with no broader concept is
        its own group.
        """
        known = self._facet_groups.get(concept_id)
        if known is not None:
            return known
        tops: set[int] = set()
        for path_top, below in self._tops(concept_id):
            if below is not None and path_top in self.is_group and below in self.is_group:
                tops.add(below)
            else:
                tops.add(path_top)
        result = frozenset(tops)
        self._facet_groups[concept_id] = result
        return result

    def _tops(self, concept_id: int) -> list[tuple[int, int | None]]:
        """(root, the concept just below the root on the way) for each path up."""
        results: list[tuple[int, int | None]] = []
        stack: list[tuple[int, int | None, frozenset[int]]] = [(concept_id, None, frozenset())]
        while stack and len(results) < 50:
            node, child, seen = stack.pop()
            parents = [p for p in self.parents.get(node, ()) if p not in seen and p != node]
            if not parents:
                results.append((node, child))
                continue
            for parent in parents:
                stack.append((parent, node, seen | {node}))
        return results


_lock = threading.Lock()
_tree: Tree | None = None
_checked_at = 0.0


def _version() -> tuple:
    through = SkillConcept.broader.through
    concepts = SkillConcept.objects.aggregate(n=Count("id"), top=Max("id"))
    links = through.objects.aggregate(n=Count("id"), top=Max("id"))
    return (concepts["n"], concepts["top"], links["n"], links["top"])


def _load(version: tuple) -> Tree:
    tree = Tree(version=version)
    for pk, uri, concept_type, labels, plain_fr, plain_en in SkillConcept.objects.values_list(
        "id", "uri", "concept_type", "preferred_labels", "plain_label_fr", "plain_label_en"
    ):
        tree.uri[pk] = uri
        labels = labels or {}
        tree.labels[pk] = (
            plain_fr or labels.get("fr") or labels.get("en") or uri,
            plain_en or labels.get("en") or labels.get("fr") or uri,
        )
        if concept_type == ConceptType.GROUP:
            tree.is_group.add(pk)
    parents: dict[int, list[int]] = {}
    through = SkillConcept.broader.through
    for child, parent in through.objects.values_list("from_skillconcept_id", "to_skillconcept_id"):
        parents.setdefault(child, []).append(parent)
    tree.parents = {child: tuple(values) for child, values in parents.items()}
    return tree


def get_tree() -> Tree:
    """The cached hierarchy, reloaded when concepts or links were added or removed."""
    global _tree, _checked_at
    now = time.monotonic()
    with _lock:
        if _tree is not None and now - _checked_at < _check_every():
            return _tree
        version = _version()
        if _tree is None or _tree.version != version:
            _tree = _load(version)
        _checked_at = now
        return _tree


def forget() -> None:
    """Drop the cache (tests, and after an import of the taxonomy)."""
    global _tree, _checked_at
    with _lock:
        _tree = None
        _checked_at = 0.0
