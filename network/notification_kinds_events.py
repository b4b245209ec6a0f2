"""Notification kinds of opportunities, applications, bookings, workshops and job datings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {}
