"""What the recruiter search page shows: hits as cards, facets with their labels.

Cards are drawn from the search documents only (no query per result): the documents already
carry the youth's display choices, so an anonymous profile has no name or town to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from network import places
from skills.models import SkillConcept, SkillLevel

from .backends.base import Facets, Hit
from .languages import language_name


@dataclass
class Card:
    user_id: int
    name: str
    anonymous: bool
    place: str
    headline: str
    skills: list[dict[str, Any]]
    highlights: list[str]
    evidence_count: int
    endorsement_count: int
    validated: bool
    validated_by: str
    validated_at: Any
    available_from: Any
    languages: list[str]
    driving_licence: bool
    mobility_km: int | None


@dataclass
class FacetLink:
    label: str
    count: int
    url: str
    active: bool


def _language() -> str:
    return "en" if (translation.get_language() or "fr").startswith("en") else "fr"


def cards(hits: list[Hit]) -> list[Card]:
    language = _language()
    levels = dict(SkillLevel.choices)
    result = []
    for hit in hits:
        document = hit.document
        card = document.get("card") or {}
        skills = [
            {
                "label": skill["label"].get(language) or skill["label"].get("fr", ""),
                "level": levels.get(skill["level"], ""),
                "endorsements": skill["endorsements"],
                "reasons": skill.get("reasons", []),
            }
            for skill in card.get("skills", [])
        ]
        anonymous = bool(document.get("anonymous"))
        departement = document.get("departement_name") or ""
        code = document.get("departement_code") or ""
        place = document.get("town") or (f"{departement} ({code})" if departement else "")
        result.append(
            Card(
                user_id=hit.user_id,
                name=document.get("display_name") or _("A young person on AcroJump"),
                anonymous=anonymous,
                place=place,
                headline=document.get("headline") or "",
                skills=skills,
                highlights=[mark_safe(fragment) for fragment in hit.highlights],  # noqa: S308 - escaped by the backends
                evidence_count=document.get("evidence_count") or 0,
                endorsement_count=document.get("endorsement_count") or 0,
                validated=bool(document.get("validated")),
                validated_by=document.get("validated_by") or "",
                validated_at=document.get("validated_at"),
                available_from=document.get("available_from"),
                languages=[language_name(code) for code in document.get("languages") or []],
                driving_licence=bool(document.get("driving_licence")),
                mobility_km=document.get("mobility_km"),
            )
        )
    return result


def _with(params: QueryDict, name: str, value: str | None) -> str:
    changed = params.copy()
    changed.pop("after", None)
    if value is None:
        changed.pop(name, None)
    else:
        changed[name] = value
    return "?" + changed.urlencode()


def facet_links(facets: Facets, params: QueryDict) -> dict[str, list[FacetLink]]:
    """Each facet's buckets as links that add (or, when chosen, remove) that filter."""
    names = {d.code: str(d) for d in places.all_departements()}
    group_uris = [uri for uri, _count in facets.skill_groups]
    groups = {c.uri: c.label() for c in SkillConcept.objects.filter(uri__in=group_uris)}
    chosen_dep = params.get("dep", "")
    chosen_group = params.get("group", "")
    chosen_languages = set(params.getlist("lang"))
    availability_labels = {
        "now": _("Available now"),
        "soon": _("Within 3 months"),
        "later": _("Later"),
        "unknown": _("Not said"),
    }
    return {
        "groups": [
            FacetLink(
                groups.get(uri, uri),
                count,
                _with(params, "group", None if uri == chosen_group else uri),
                uri == chosen_group,
            )
            for uri, count in facets.skill_groups
        ],
        "departements": [
            FacetLink(
                names.get(code, code),
                count,
                _with(params, "dep", None if code == chosen_dep else code),
                code == chosen_dep,
            )
            for code, count in facets.departements
        ],
        "languages": [
            FacetLink(
                language_name(code),
                count,
                "?" + _add_language(params, code),
                code in chosen_languages,
            )
            for code, count in facets.languages
        ],
        "availability": [
            FacetLink(availability_labels[key], count, "", False)
            for key, count in facets.availability.items()
        ],
    }


def _add_language(params: QueryDict, code: str) -> str:
    changed = params.copy()
    changed.pop("after", None)
    current = changed.getlist("lang")
    changed.setlist(
        "lang", [c for c in current if c != code] if code in current else [*current, code]
    )
    return changed.urlencode()


def next_page_url(params: QueryDict, cursor: str) -> str:
    changed = params.copy()
    changed["after"] = cursor
    return "?" + changed.urlencode()


def query_string(pairs: list[tuple[str, str]]) -> str:
    return urlencode(pairs)
