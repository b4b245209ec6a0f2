"""Saved searches and their alerts: the writes, and the reads that depend on who asks.

A recruiter keeps up to ``MAX_SAVED`` searches: the search page's query string, checked and
normalised by ``search/query.py`` (typed words become skill URIs), so a saved search gives the
same results when run again.

Alerts are plain queries, never a percolator: ``send_search_alerts`` (hourly) runs each saved
search with alerts on again, limited to profiles whose search document changed since its last
check, through the search service (Elasticsearch, or the database backend when it does not
answer) and without the recruiter's blocks. Profiles found for the first time are recorded
(``SavedSearchHit``: never twice), told at once in the app, and summed up in at most one
e-mail a day per saved search. Texts only ever give counts: an anonymous profile is never
named.

``do_*`` functions write and schedule side effects (notifications and e-mails after commit),
assuming permission was checked; ``check_*`` functions validate input and permission
(``PermissionDenied`` or ``SavedSearchError`` with messages for the recruiter), then call
``do_*``. ``now`` is a parameter so tests set the time explicitly.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from network import places
from network.actions import do_notify
from network.emails import send_after_commit
from network.models import Role, User
from skills.models import SkillConcept, SkillLevel

from . import notification_kinds_search as kinds
from . import service
from .languages import language_name
from .models import SavedSearch, SavedSearchHit
from .query import ProfileQuery, QueryError, parse

logger = logging.getLogger(__name__)

MAX_SAVED = 20
NAME_MAX_LENGTH = SavedSearch._meta.get_field("name").max_length
PARAMS_MAX_LENGTH = SavedSearch._meta.get_field("params").max_length
#: At most one e-mail per saved search in this time.
EMAIL_INTERVAL = datetime.timedelta(hours=24)
#: A search document carries the moment it was built (``changed_at``) but becomes searchable a
#: little later (its transaction commits, Elasticsearch refreshes). Each check therefore looks
#: back this much before the previous one, so no profile falls between two checks; the hits
#: already recorded keep those from counting twice.
LOOK_BACK = datetime.timedelta(minutes=10)
#: New profiles read per check: more than any hour brings to one search.
MAX_PROFILES_PER_CHECK = 1000
#: Query-string keys whose values are concept URIs.
SKILL_KEYS = ("must", "nice", "group")


class SavedSearchError(Exception):
    """Input the recruiter can fix; the messages are for them."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclasses.dataclass
class SearchCheck:
    """What one check of a saved search did."""

    new_profiles: int = 0
    emailed: bool = False
    #: The saved filters no longer make a valid search (e.g. "available before" is past).
    broken: bool = False


@dataclasses.dataclass
class AlertRun:
    """What ``do_send_search_alerts`` did, for the command's summary."""

    checked: int = 0
    with_new_profiles: int = 0
    new_profiles: int = 0
    emails: int = 0
    broken: int = 0
    failed: int = 0


@dataclasses.dataclass
class SavedSearchRow:
    """A saved search as the list page shows it."""

    saved: SavedSearch
    filters: list[str]
    run_url: str
    new_profiles: int
    #: Why its alerts stopped, when the saved filters no longer make a valid search.
    problem: str = ""


# --- Selectors -------------------------------------------------------------------------------


def can_save_searches(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.RECRUITER


def search_url(params: str) -> str:
    """The recruiter search page with these filters: "run it"."""
    return reverse("search:profiles") + ("?" + params if params else "")


def access_saved_search(recruiter: User, pk: int, *, lock: bool = False) -> SavedSearch:
    """``recruiter``'s saved search ``pk``; anybody else's does not exist for them (404)."""
    searches = SavedSearch.objects.filter(pk=pk, recruiter=recruiter)
    if lock:
        searches = searches.select_for_update()
    saved = searches.first()
    if saved is None:
        raise Http404
    return saved


def saved_searches_of(recruiter: User) -> QuerySet[SavedSearch]:
    """``recruiter``'s saved searches, newest first, each with ``new_profiles``: the profiles
    its alerts found since it was saved."""
    return SavedSearch.objects.filter(recruiter=recruiter).annotate(new_profiles=Count("hits"))


def saved_search_rows(recruiter: User) -> list[SavedSearchRow]:
    """The list page: each saved search with its filters in plain words (two queries)."""
    searches = list(saved_searches_of(recruiter))
    filters = [QueryDict(saved.params) for saved in searches]
    uris = {
        uri for data in filters for key in ("must", "nice", "group") for uri in data.getlist(key)
    }
    concepts = {c.uri: c for c in SkillConcept.objects.filter(uri__in=uris)} if uris else {}
    return [
        SavedSearchRow(
            saved=saved,
            filters=describe_filters(data, concepts),
            run_url=search_url(saved.params),
            new_profiles=saved.new_profiles,
            problem=_problem(data, concepts),
        )
        for saved, data in zip(searches, filters, strict=True)
    ]


def _problem(data: QueryDict, concepts: dict[str, SkillConcept]) -> str:
    """What makes saved filters invalid now, found without a query per saved search: the
    "available before" date passed, or a skill left the taxonomy."""
    before = data.get("before", "")
    if before and before < timezone.localdate().isoformat():
        return _(
            "The date “available before” has passed: this search sends no more alerts. "
            "Run it, change the date and save it again."
        )
    uris = [uri for key in SKILL_KEYS for uri in data.getlist(key)]
    if any(uri not in concepts for uri in uris):
        return _(
            "A skill of this search is no longer listed: it sends no more alerts. "
            "Run it, change the skills and save it again."
        )
    return ""


def describe_filters(data: QueryDict, concepts: dict[str, SkillConcept]) -> list[str]:
    """A saved search's filters as short sentences, in the reader's language."""

    def skills(key: str) -> str:
        return ", ".join(
            concepts[uri].label() if uri in concepts else _("a skill no longer listed")
            for uri in data.getlist(key)
        )

    lines: list[str] = []
    if data.get("q"):
        lines.append(_("Words: “%(words)s”") % {"words": data["q"]})
    if data.getlist("must"):
        lines.append(_("Must have: %(skills)s") % {"skills": skills("must")})
    if data.getlist("nice"):
        lines.append(_("Nice to have: %(skills)s") % {"skills": skills("nice")})
    if data.get("level", "").isdigit():
        level = dict(SkillLevel.choices).get(int(data["level"]), data["level"])
        lines.append(_("Minimum level: %(level)s") % {"level": level})
    if data.get("endorsed"):
        lines.append(_("Endorsed skills only"))
    if data.get("validated"):
        lines.append(_("Validated by a counsellor only"))
    if data.get("town"):
        lines.append(
            _("Within %(km)s km of %(town)s") % {"km": data.get("km", ""), "town": data["town"]}
        )
    if data.get("before"):
        try:
            before = date_format(datetime.date.fromisoformat(data["before"]), "DATE_FORMAT")
        except ValueError:
            before = data["before"]
        lines.append(_("Available before %(date)s") % {"date": before})
    if data.getlist("lang"):
        names = ", ".join(language_name(code) for code in data.getlist("lang"))
        lines.append(_("Speaks: %(languages)s") % {"languages": names})
    if data.get("licence"):
        lines.append(_("Driving licence"))
    if data.get("dep"):
        names = {d.code: str(d) for d in places.all_departements()}
        lines.append(_("Département: %(name)s") % {"name": names.get(data["dep"], data["dep"])})
    if data.get("group"):
        group = data["group"]
        label = concepts[group].label() if group in concepts else group
        lines.append(_("Skill group: %(group)s") % {"group": label})
    return lines


def saved_searches_to_check() -> QuerySet[SavedSearch]:
    """Saved searches with alerts on, of recruiters whose account is active."""
    return SavedSearch.objects.filter(
        alerts=True, recruiter__is_active=True, recruiter__role=Role.RECRUITER
    ).order_by("pk")


# --- Saving, deleting, alerts on and off -----------------------------------------------------


def check_save_search(
    recruiter: User, *, name: str, params: str, now: datetime.datetime | None = None
) -> SavedSearch:
    """A recruiter saves the search of the page (its query string ``params``) as ``name``.

    Refused: anybody but a recruiter (``PermissionDenied``); no name or a too long one,
    filters ``search/query.py`` rejects, no filter at all, and a ``MAX_SAVED + 1``-th saved
    search (``SavedSearchError``).
    """
    if not can_save_searches(recruiter):
        raise PermissionDenied(_("Only recruiters save searches."))
    name = " ".join((name or "").split())
    errors: list[str] = []
    if not name:
        errors.append(_("Give your search a name."))
    elif len(name) > NAME_MAX_LENGTH:
        errors.append(
            _("The name is too long: %(max)d characters at most.") % {"max": NAME_MAX_LENGTH}
        )
    query = None
    try:
        query = parse(QueryDict(params or ""))
    except QueryError as error:
        errors += error.messages
    if query is not None:
        if query.is_empty:
            errors.append(_("Choose at least one filter before saving your search."))
        elif len(query.params()) > PARAMS_MAX_LENGTH:
            errors.append(_("This search has too many filters to be saved. Remove some."))
    if errors or query is None:
        raise SavedSearchError(errors)
    with transaction.atomic():
        # Lock the recruiter's row so two saves at once cannot pass the limit together.
        User.objects.select_for_update().filter(pk=recruiter.pk).first()
        if SavedSearch.objects.filter(recruiter=recruiter).count() >= MAX_SAVED:
            raise SavedSearchError(
                [
                    _(
                        "You already have %(max)d saved searches. Delete one before saving "
                        "a new one."
                    )
                    % {"max": MAX_SAVED}
                ]
            )
        return do_save_search(recruiter, name=name, query=query, now=now)


def do_save_search(
    recruiter: User, *, name: str, query: ProfileQuery, now: datetime.datetime | None = None
) -> SavedSearch:
    """Store ``query`` for ``recruiter``, alerts on: only profiles changing from now count."""
    return SavedSearch.objects.create(
        recruiter=recruiter,
        name=name,
        params=query.params(),
        checked_at=now or timezone.now(),
    )


def do_delete_saved_search(saved: SavedSearch) -> None:
    """Delete ``saved`` and its hits (the caller got it through ``access_saved_search``)."""
    saved.delete()


def do_set_saved_search_alerts(
    saved: SavedSearch, *, alerts: bool, now: datetime.datetime | None = None
) -> SavedSearch:
    """Turn ``saved``'s alerts on or off (the caller got it through ``access_saved_search``,
    locked). Turned back on, alerts start from now: what changed meanwhile is not sent."""
    if alerts and not saved.alerts:
        saved.checked_at = now or timezone.now()
        saved.unsent_count = 0
    saved.alerts = alerts
    saved.save(update_fields=["alerts", "checked_at", "unsent_count"])
    return saved


# --- Alerts ----------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def do_check_saved_search(
    saved: SavedSearch, *, now: datetime.datetime | None = None
) -> SearchCheck:
    """Run ``saved`` again for profiles changed since its last check and tell its recruiter
    about those it never found before: in the app at once, by e-mail at most once a day.

    Expects ``saved`` locked (``select_for_update``) inside a transaction, as
    ``do_send_search_alerts`` does, so two runs at once never alert twice.
    """
    now = now or timezone.now()
    recruiter = saved.recruiter
    try:
        query = parse(QueryDict(saved.params), today=timezone.localdate(now))
    except QueryError as error:
        logger.info("Saved search %s no longer valid: %s", saved.pk, error)
        return SearchCheck(broken=True)
    since = max(saved.checked_at - LOOK_BACK, saved.created_at)
    found = service.matching_profile_ids(
        dataclasses.replace(query, changed_since=since),
        viewer=recruiter,
        limit=MAX_PROFILES_PER_CHECK,
    )
    known = set(
        SavedSearchHit.objects.filter(saved_search=saved, user_id__in=found).values_list(
            "user_id", flat=True
        )
    )
    new = [user_id for user_id in found if user_id not in known]
    result = SearchCheck(new_profiles=len(new))
    url = search_url(saved.params)
    if new:
        SavedSearchHit.objects.bulk_create(
            [SavedSearchHit(saved_search=saved, user_id=user_id) for user_id in new]
        )
        saved.unsent_count += len(new)
        do_notify(
            recruiter,
            kind=kinds.SEARCH_NEW_PROFILES,
            params={"name": saved.name, "count": len(new)},
            url=url,
        )
    saved.checked_at = now
    if saved.unsent_count and (
        saved.last_email_at is None or now - saved.last_email_at >= EMAIL_INTERVAL
    ):
        _send_alert_email(saved, url=url)
        saved.unsent_count = 0
        saved.last_email_at = now
        result.emailed = True
    saved.save(update_fields=["checked_at", "unsent_count", "last_email_at"])
    return result


def _send_alert_email(saved: SavedSearch, *, url: str) -> None:
    recruiter = saved.recruiter
    with translation.override(recruiter.language or "fr"):
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("New profiles for your saved search")
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": recruiter.first_name or recruiter.display_name},
                kinds.new_profiles_text({"name": saved.name, "count": saved.unsent_count}),
                _("See them on AcroJump: %(url)s") % {"url": _absolute(url)},
                _(
                    "You get at most one e-mail a day for each saved search. "
                    "To stop these alerts: %(url)s"
                )
                % {"url": _absolute(reverse("search:saved_searches"))},
            ]
        )
    send_after_commit(subject, body, recruiter.email)


def do_send_search_alerts(*, now: datetime.datetime | None = None) -> AlertRun:
    """Check every saved search with alerts on, each in its own transaction (one that fails
    is logged and the others still run). Meant to run every hour or so."""
    run = AlertRun()
    for pk in list(saved_searches_to_check().values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                saved = (
                    SavedSearch.objects.select_for_update(of=("self",))
                    .select_related("recruiter")
                    .filter(pk=pk, alerts=True)
                    .first()
                )
                if saved is None:  # deleted or turned off meanwhile
                    continue
                check = do_check_saved_search(saved, now=now)
        except Exception:
            logger.exception("Saved search %s not checked", pk)
            run.failed += 1
            continue
        run.checked += 1
        run.broken += check.broken
        run.new_profiles += check.new_profiles
        run.with_new_profiles += bool(check.new_profiles)
        run.emails += check.emailed
    return run
