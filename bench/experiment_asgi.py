"""Bench-only experiment: the real ASGI app with the consumer's database calls run concurrently.

    .venv/bin/python bench/bench_messaging.py --experiment

``network.consumers`` runs each ``message.send`` through ``database_sync_to_async``, which is
thread-sensitive: every socket of a daphne process shares one thread for its database work,
so the sends of all sockets are handled one after the other and a process delivers at most
1 / (time of one send, round trips included) messages per second. This module swaps that one
name for a non-thread-sensitive ``DatabaseSyncToAsync`` (a pool of threads, one database
connection each; ``close_old_connections`` around each call as before) and serves the real
application otherwise unchanged, to measure what the change would buy before anyone makes it
in ``network/consumers.py``. Nothing of the product imports this module.
"""

from __future__ import annotations

import functools
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acrojump.settings.dev")

import django  # noqa: E402

django.setup()

from channels.db import DatabaseSyncToAsync  # noqa: E402

from network import consumers  # noqa: E402

consumers.database_sync_to_async = functools.partial(DatabaseSyncToAsync, thread_sensitive=False)

from acrojump.asgi import application  # noqa: E402

__all__ = ["application"]
