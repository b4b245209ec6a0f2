"""A recruiter's search: read from the page's query string, checked, resolved to concepts.

One ``ProfileQuery`` feeds both backends. Bad input never reaches them: every problem comes
back as a message in the reader's language (``QueryError``), and the page answers 400.
"""

from __future__ import annotations

import base64
import datetime
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from unidecode import unidecode

from network import places
from skills.models import SkillConcept
from skills.suggest import suggest_skills

from .languages import language_code

MAX_TEXT = 200
WORDS = re.compile(r"[^\W_]+")
#: Little words every engine must ignore alike (PostgreSQL and Elasticsearch drop them as
#: stop words, SQLite FTS5 would require them): articles, elided forms, prepositions.
FUNCTION_WORDS = frozenset(
    "le la les un une des du de au aux et ou en qu que qui the of and or to in for on at by "
    "with an par pour sur dans avec chez ce cet cette ces mon ma mes son sa ses est".split()
)
MAX_SKILLS = 10
MAX_RADIUS_KM = 500
MAX_LANGUAGES = 5
#: "Available before" further than this is not a real date for a recruiter.
MAX_YEARS_AHEAD = 5
PAGE_SIZE = 20
MAX_CURSOR = 300


class QueryError(ValueError):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Skill:
    uri: str
    label: str
    #: What the recruiter typed, when it was read as this skill.
    typed: str = ""


@dataclass(frozen=True)
class ProfileQuery:
    text: str = ""
    must: tuple[Skill, ...] = ()
    nice: tuple[Skill, ...] = ()
    #: With nice-to-have skills only: at least one of them is required ("similar profiles").
    require_one_nice: bool = False
    min_level: int = 0
    endorsed_only: bool = False
    validated_only: bool = False
    near_town: str = ""
    near: tuple[float, float] | None = None
    radius_km: int = 0
    available_before: datetime.date | None = None
    languages: tuple[str, ...] = ()
    driving_licence: bool = False
    #: Facet choices.
    departement: str = ""
    skill_group: str = ""
    #: Profiles changed since (saved-search alerts).
    changed_since: datetime.datetime | None = None
    #: Never returned (the viewer's blocks, the profile "similar profiles" starts from).
    exclude_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def words(self) -> str:
        """The words of ``text`` only: what the full-text engines are given (punctuation and
        operators of their query languages never reach them)."""
        return " ".join(
            word
            for word in WORDS.findall(self.text)
            if len(word) > 1 and unidecode(word).casefold() not in FUNCTION_WORDS
        )

    @property
    def is_empty(self) -> bool:
        return not (
            self.text
            or self.must
            or self.nice
            or self.min_level
            or self.endorsed_only
            or self.validated_only
            or self.near
            or self.available_before
            or self.languages
            or self.driving_licence
            or self.departement
            or self.skill_group
        )

    def params(self) -> str:
        """The query string that gives this search back (saved searches, links)."""
        pairs: list[tuple[str, str]] = []
        if self.text:
            pairs.append(("q", self.text))
        pairs += [("must", s.uri) for s in self.must] + [("nice", s.uri) for s in self.nice]
        if self.min_level:
            pairs.append(("level", str(self.min_level)))
        if self.endorsed_only:
            pairs.append(("endorsed", "1"))
        if self.validated_only:
            pairs.append(("validated", "1"))
        if self.near_town:
            pairs += [("town", self.near_town), ("km", str(self.radius_km))]
        if self.available_before:
            pairs.append(("before", self.available_before.isoformat()))
        pairs += [("lang", code) for code in self.languages]
        if self.driving_licence:
            pairs.append(("licence", "1"))
        if self.departement:
            pairs.append(("dep", self.departement))
        if self.skill_group:
            pairs.append(("group", self.skill_group))
        return urlencode(pairs)


def parse(data: QueryDict, *, today: datetime.date | None = None) -> ProfileQuery:
    """The search the page's query string asks for; ``QueryError`` lists what is wrong."""
    today = today or timezone.localdate()
    errors: list[str] = []
    text = " ".join(data.get("q", "").split())
    if len(text) > MAX_TEXT:
        errors.append(_("Your words are too long: %(max)d characters at most.") % {"max": MAX_TEXT})
    must = _skills(data.getlist("must"), errors)
    nice = _skills(data.getlist("nice"), errors)
    if len(must) + len(nice) > MAX_SKILLS:
        errors.append(_("Choose %(max)d skills at most.") % {"max": MAX_SKILLS})
    min_level = _integer(data.get("level", ""), 0, 4, _("The level"), errors)
    near_town = " ".join(data.get("town", "").split())
    near = None
    radius = 0
    if near_town:
        place = places.find_place(near_town)
        if place is None:
            errors.append(_("We do not know the town “%(town)s”.") % {"town": near_town[:80]})
        else:
            near = (place.latitude, place.longitude)
            near_town = place.name
        radius = _integer(data.get("km", "") or "30", 1, MAX_RADIUS_KM, _("The distance"), errors)
    available_before = None
    if data.get("before"):
        try:
            available_before = datetime.date.fromisoformat(data["before"])
        except ValueError:
            errors.append(_("“Available before” is not a date."))
        else:
            if available_before < today:
                errors.append(_("“Available before” is in the past."))
            elif available_before > today.replace(year=today.year + MAX_YEARS_AHEAD):
                errors.append(
                    _("“Available before” is more than %(years)d years away.")
                    % {"years": MAX_YEARS_AHEAD}
                )
    languages: list[str] = []
    for word in data.getlist("lang")[: MAX_LANGUAGES + 1]:
        if not word.strip():
            continue
        code = language_code(word)
        if code is None:
            errors.append(_("We do not know the language “%(name)s”.") % {"name": word[:40]})
        elif code not in languages:
            languages.append(code)
    if len(languages) > MAX_LANGUAGES:
        errors.append(_("Choose %(max)d languages at most.") % {"max": MAX_LANGUAGES})
    departement = data.get("dep", "").strip()[:3]
    if departement and departement not in {d.code for d in places.all_departements()}:
        errors.append(_("This département does not exist."))
    group = data.get("group", "").strip()
    if group and not SkillConcept.objects.filter(uri=group).exists():
        errors.append(_("This skill group does not exist."))
    if errors:
        raise QueryError(errors)
    return ProfileQuery(
        text=text,
        must=tuple(must),
        nice=tuple(nice),
        min_level=min_level,
        endorsed_only=_flag(data, "endorsed"),
        validated_only=_flag(data, "validated"),
        near_town=near_town if near else "",
        near=near,
        radius_km=radius if near else 0,
        available_before=available_before,
        languages=tuple(languages),
        driving_licence=_flag(data, "licence"),
        departement=departement,
        skill_group=group,
    )


def _flag(data: QueryDict, name: str) -> bool:
    return data.get(name, "") in ("1", "on", "true", "yes")


def _integer(raw: str, low: int, high: int, what: str, errors: list[str]) -> int:
    if raw in ("", None):
        return low if low > 0 else 0
    try:
        value = int(raw)
    except (TypeError, ValueError):
        errors.append(_("%(what)s must be a number.") % {"what": what})
        return 0
    if not low <= value <= high:
        errors.append(
            _("%(what)s must be between %(low)d and %(high)d.")
            % {"what": what, "low": low, "high": high}
        )
        return 0
    return value


def _skills(values: list[str], errors: list[str]) -> list[Skill]:
    """Concept URIs as they are, or words read as the closest skill of the taxonomy."""
    values = [" ".join(v.split()) for v in values if v and v.strip()][: MAX_SKILLS + 1]
    by_uri = {c.uri: c for c in SkillConcept.objects.filter(uri__in=values)}
    found: list[Skill] = []
    for value in values:
        concept = by_uri.get(value)
        if concept is not None:
            skill = Skill(uri=concept.uri, label=concept.label())
        elif value.startswith(("http://", "https://")) or len(value) > MAX_TEXT:
            errors.append(_("This skill does not exist in the list of skills."))
            continue
        else:
            suggestions = suggest_skills(value, language=_language(), limit=10)
            if not suggestions:
                errors.append(_("We found no skill for “%(words)s”.") % {"words": value[:80]})
                continue
            # A skill whose name is exactly what was typed wins over the engine's first guess.
            typed = _folded(value)
            best = next((s for s in suggestions if _folded(s["label"]) == typed), suggestions[0])
            skill = Skill(uri=best["uri"], label=best["label"], typed=value[:80])
        if skill.uri not in {s.uri for s in found}:
            found.append(skill)
    return found


def _folded(text: str) -> str:
    return " ".join(unidecode(text).casefold().split())


def _language() -> str:
    from django.utils import translation

    return "en" if (translation.get_language() or "fr").startswith("en") else "fr"


# --- Cursors (search_after) ----------------------------------------------------------------


def encode_cursor(values: list) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> list | None:
    """The sort values of the last result of the previous page; ``None`` when unreadable."""
    if not cursor or len(cursor) > MAX_CURSOR:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if (
        isinstance(values, list)
        and len(values) == 2
        and isinstance(values[0], int | float)
        and not isinstance(values[0], bool)
        and isinstance(values[1], int)
        and not isinstance(values[1], bool)
    ):
        return values
    return None
