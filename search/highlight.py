"""Highlights for the embedded backend: the words of an achievement that match the query.

Words are compared as the full-text engines compare them (search/analysis.py): accents
folded, case ignored, French and English Snowball stems. The text is escaped first; only the
``<mark>`` tags are HTML. Elasticsearch makes its own highlights (search/backends/elastic.py).
"""

from __future__ import annotations

import re

from django.utils.html import escape

from .analysis import forms

WORD = re.compile(r"\w+", re.UNICODE)
FRAGMENT_CHARS = 160
MAX_FRAGMENTS = 2


_forms = forms


def highlight(query_text: str, texts: list[str]) -> list[str]:
    """Up to two fragments (safe HTML) of ``texts`` with the query's words marked."""
    wanted: set[str] = set()
    for word in WORD.findall(query_text or ""):
        if len(word) > 1:
            wanted |= _forms(word)
    if not wanted:
        return []
    fragments: list[str] = []
    for text in texts:
        matches = [m for m in WORD.finditer(text) if _forms(m.group()) & wanted]
        if not matches:
            continue
        start = max(0, matches[0].start() - FRAGMENT_CHARS // 3)
        end = min(len(text), start + FRAGMENT_CHARS)
        pieces, cursor = [], start
        for match in matches:
            if match.end() > end:
                break
            pieces.append(escape(text[cursor : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            cursor = match.end()
        pieces.append(escape(text[cursor:end]))
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text) else ""
        fragments.append(prefix + "".join(pieces).strip() + suffix)
        if len(fragments) >= MAX_FRAGMENTS:
            break
    return fragments
