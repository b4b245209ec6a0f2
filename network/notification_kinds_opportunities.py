"""Notification kinds of opportunities, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

APPLICATION_RECEIVED = "application_received"
APPLICATION_TO_RECOMMEND = "application_to_recommend"
APPLICATION_MOVED = "application_moved"
APPLICATION_DECIDED = "application_decided"
APPLICATION_RECOMMENDED = "application_recommended"
APPLICATION_WITHDRAWN = "application_withdrawn"


def _title(params: dict[str, Any]) -> dict[str, str]:
    return {
        "title": params.get("title", ""),
        "organisation": params.get("organisation", ""),
        "name": params.get("name", ""),
    }


def _received(params: dict[str, Any]) -> str:
    return _("New application to “%(title)s”.") % _title(params)


def _to_recommend(params: dict[str, Any]) -> str:
    return _(
        "%(name)s applied to “%(title)s” at %(organisation)s. You can add a recommendation."
    ) % _title(params)


def _moved(params: dict[str, Any]) -> str:
    if params.get("status") == "to_meet":
        return _("%(organisation)s would like to meet you about “%(title)s”.") % _title(params)
    return _("Your application to “%(title)s” is back to “new”.") % _title(params)


def _decided(params: dict[str, Any]) -> str:
    if params.get("status") == "hired":
        return _("Good news: %(organisation)s wants to hire you for “%(title)s”.") % _title(params)
    return _("%(organisation)s answered your application to “%(title)s”.") % _title(params)


def _recommended(params: dict[str, Any]) -> str:
    return _("A counsellor recommended an application to “%(title)s”.") % _title(params)


def _withdrawn(params: dict[str, Any]) -> str:
    return _("An application to “%(title)s” was withdrawn.") % _title(params)


TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    APPLICATION_RECEIVED: _received,
    APPLICATION_TO_RECOMMEND: _to_recommend,
    APPLICATION_MOVED: _moved,
    APPLICATION_DECIDED: _decided,
    APPLICATION_RECOMMENDED: _recommended,
    APPLICATION_WITHDRAWN: _withdrawn,
}
