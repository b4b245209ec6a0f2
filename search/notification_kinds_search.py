"""Notification kinds of recruiter search, in the reader's language.

Registered into ``network.notification_kinds.TEXTS`` by ``search/apps.py`` (network does not
import search). Texts only ever give counts: an anonymous profile is never named.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import ngettext

# search/saved_searches.py: a saved search found profiles it had not alerted about before.
SEARCH_NEW_PROFILES = "search_new_profiles"


def new_profiles_text(params: dict[str, Any]) -> str:
    count = int(params.get("count", 0) or 0)
    return ngettext(
        "%(count)d new profile matches your saved search “%(name)s”.",
        "%(count)d new profiles match your saved search “%(name)s”.",
        count,
    ) % {"count": count, "name": params.get("name", "")}


TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    SEARCH_NEW_PROFILES: new_profiles_text,
}
