"""Keeping search in step with profiles: after each commit, in a background task.

``profile_changed(user_id)`` is called (through search/signals.py) whenever something a
profile document shows is saved or deleted. The ids of a transaction are gathered and, once
it commits, sent to one background task (django-tasks: immediate in development and tests,
a worker in production) that rebuilds those documents. A profile that was hidden, left
search or was suspended does not wait for the worker: it is removed right after the commit.
Nothing is indexed before the data is committed, and a rolled-back change indexes nothing.
"""

from __future__ import annotations

import logging
import threading

from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)

_pending = threading.local()


def _ids() -> set[int]:
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    return _pending.ids


def profile_changed(user_id: int | None) -> None:
    """Reindex ``user_id``'s profile once the current transaction commits.

    The ids wait in a per-thread set that the first callback after a commit empties, so one
    request reindexes each profile once. An id added in a transaction that rolls back stays
    until the thread's next commit and is reindexed then: harmless, documents are always
    rebuilt from committed data.
    """
    if not user_id:
        return
    _ids().add(int(user_id))
    transaction.on_commit(_flush)


def _flush() -> None:
    """After commit: profiles that may no longer be in search leave it now, in this request;
    the others are rebuilt by the background task."""
    from .documents import eligible_users
    from .service import remove_profiles

    ids = sorted(_ids())
    _ids().clear()
    if not ids:
        return
    staying = set(eligible_users(ids).values_list("pk", flat=True))
    leaving = [pk for pk in ids if pk not in staying]
    if leaving:
        remove_profiles(leaving)
    if staying:
        reindex_profiles.enqueue(sorted(staying))


@task()
def reindex_profiles(user_ids: list[int]) -> None:
    from .service import index_profiles

    index_profiles(user_ids)
