"""Notification kinds of gatherings, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {}
