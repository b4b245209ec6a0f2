"""Limits on what new accounts can send, against spam and grooming by throwaway accounts.

An account younger than ``NEW_ACCOUNT_DAYS`` may send only so many messages, requests,
posts and comments per window. Counters live in the cache (Redis when ``REDIS_URL`` is set,
so every daphne process shares them). Older accounts are not limited here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Role, User


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


#: What a new account may do per window. Overridable with ``NEW_ACCOUNT_LIMITS``.
DEFAULT_LIMITS: dict[str, Limit] = {
    "message": Limit(60, 3600),
    "request": Limit(15, 86400),
    "post": Limit(10, 86400),
    "comment": Limit(30, 3600),
}


class RateLimited(ValidationError):
    """Raised with a message for the person; views answer 429."""


def new_account_days() -> int:
    return int(getattr(settings, "NEW_ACCOUNT_DAYS", 7))


def is_new_account(user: User) -> bool:
    return user.date_joined > timezone.now() - datetime.timedelta(days=new_account_days())


def _limit(kind: str) -> Limit:
    overrides = getattr(settings, "NEW_ACCOUNT_LIMITS", {})
    if kind in overrides:
        count, seconds = overrides[kind]
        return Limit(count, seconds)
    return DEFAULT_LIMITS[kind]


def check_rate(user: User, kind: str) -> None:
    """Count one ``kind`` ("message", "request", "post", "comment") for ``user``.

    Raises :class:`RateLimited` when a new account went over its limit for the current
    window. Staff and accounts older than ``NEW_ACCOUNT_DAYS`` are never limited.
    """
    limit = _limit(kind)
    if user.is_staff or user.role == Role.STAFF or not is_new_account(user):
        return
    window = int(timezone.now().timestamp()) // limit.seconds
    key = f"ratelimit:{kind}:{user.pk}:{window}"
    if cache.add(key, 1, timeout=limit.seconds + 60):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=limit.seconds + 60)
            count = 1
    if count > limit.count:
        raise RateLimited(
            _("New accounts can send a limited number of these for now. Please try again later."),
            code="rate_limited",
        )
