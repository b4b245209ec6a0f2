"""Spoken languages as codes, from the words youths type ("français, arabe, anglais").

Names come from ``pycountry`` (ISO 639, with its French translations), so "arabe", "Arabic"
and "ar" are the same language in filters and facets. Words that name no language are kept
in the profile's text but left out of the language filter.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry
from django.utils import translation
from unidecode import unidecode


def _key(word: str) -> str:
    return " ".join(unidecode(word).casefold().split())


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    french = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["fr"])
    names: dict[str, str] = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if not code:
            continue
        names[code] = code
        for name in (language.name, french.gettext(language.name)):
            # "Arabe" and also "Espagnol; castillan" → "espagnol"
            for part in name.replace(";", ",").split(","):
                names.setdefault(_key(part), code)
    return names


def language_code(word: str) -> str | None:
    """The ISO 639-1 code of a language named ``word`` in French or English, or its code."""
    return _codes_by_name().get(_key(word.split("(")[0]))


def codes_of(entries: object) -> list[str]:
    """The codes of a profile's languages (names, or ``{"name", "level"}`` entries)."""
    codes: list[str] = []
    for entry in entries or []:
        name = entry.get("name", "") if isinstance(entry, dict) else str(entry)
        code = language_code(name)
        if code and code not in codes:
            codes.append(code)
    return codes


@lru_cache(maxsize=512)
def _name(code: str, language: str) -> str:
    found = pycountry.languages.get(alpha_2=code)
    if found is None:
        return code
    if language == "fr":
        french = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["fr"])
        return french.gettext(found.name).split(";")[0]
    return found.name.split(";")[0]


def language_name(code: str) -> str:
    """The name of language ``code`` in the reader's language."""
    return _name(code, (translation.get_language() or "fr")[:2])
