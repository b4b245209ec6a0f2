"""How words are compared, the same way in both backends.

Accents are folded and case ignored, then each word is reduced to its French and its English
Snowball stem (PyStemmer). Elasticsearch's analyzers use the same Snowball stemmers
(search/backends/elastic.py); the database backend indexes the stems this module computes
and gives the full-text engine (PostgreSQL's "simple" configuration, or SQLite FTS5) stems
to look for. So "vélos" finds "vélo", "jardiner" finds "jardin", "cooking" finds "cook",
on either backend.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer
from unidecode import unidecode

TOKEN = re.compile(r"[^\W_]+")
#: Runs of non-ASCII characters: only these go through unidecode, which works character by
#: character in Python (the same result as unidecode on the whole text, many times faster on
#: texts that are mostly ASCII).
NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=1)
def _stemmers() -> tuple:
    return Stemmer.Stemmer("french"), Stemmer.Stemmer("english")


def fold(text: str) -> str:
    """Plain lowercase letters: no accents, no case."""
    if not text:
        return ""
    if not text.isascii():
        text = NON_ASCII.sub(lambda run: unidecode(run.group()), text)
    return text.casefold()


def tokens(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


def stems(words: list[str]) -> tuple[list[str], list[str]]:
    """The French and the English stems of ``words`` (already folded)."""
    french, english = _stemmers()
    return french.stemWords(words), english.stemWords(words)


def index_text(text: str) -> str:
    """What the database backend indexes for ``text``: its French and English stems."""
    words = tokens(text)
    if not words:
        return ""
    french, english = stems(words)
    return " ".join(french) + "\n" + " ".join(english)


def forms(word: str) -> set[str]:
    """The folded word and its stems (highlighting)."""
    folded = fold(word)
    french, english = stems([folded])
    return {folded, french[0], english[0]}
