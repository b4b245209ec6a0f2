"""The activity feed as one viewer sees it, in a constant number of queries.

Who sees what (DESIGN.md, privacy): everyone sees their own activities; the activities of
their accepted connections shown at least to members (recruiters: at least to recruiters);
a mentor sees the youths they follow from "my mentors" up; a youth sees their mentors'
activities shown to members; everyone sees the activities of the organisations they follow
or belong to, shown to members. Hidden activities, suspended actors and everything of a
person blocked either way are left out, and so are hidden comments.

Queries of :func:`feed_for`, whatever the number of connections, follows or items:

1. one UNION query listing the ids the viewer is linked to (connections, followed youths,
   mentors, organisations, blocks), each tagged with the link;
2. the page of activities, with actor, organisation and post joined, bravo and comment
   counts and "did I say bravo" as subqueries;
3. the last few visible comments of those activities, with their authors (one query).

Three queries, two when the page is empty. Why ids first rather than nested subqueries: with
plain id lists the main query is ``actor_id = ANY(...) OR organisation_id = ANY(...)``,
which PostgreSQL answers with a BitmapOr of the ``activity_actor_recent`` and
``activity_org_recent`` indexes and a top-N sort of the viewer's network only. With ``IN
(subquery)`` branches joined by OR, it falls back to walking the primary key backwards and
testing every row, which is slow for people with a small network on a big table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from .models import (
    Activity,
    Block,
    Bravo,
    Comment,
    Connection,
    Membership,
    Mentorship,
    OrganisationFollow,
    Role,
    User,
)
from .privacy import Audience, followed_mentorships, visible_levels

PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
#: Comments shown under each activity in the feed; the activity's page shows them all.
RECENT_COMMENTS = 3

_CONNECTION = "connection"
_MENTORED = "mentored"
_MENTOR = "mentor"
_ORGANISATION = "organisation"
_BLOCKED = "blocked"


@dataclass
class Links:
    """The ids a viewer is linked to, by kind of link."""

    connections: set[int] = field(default_factory=set)
    mentored: set[int] = field(default_factory=set)
    mentors: set[int] = field(default_factory=set)
    organisations: set[int] = field(default_factory=set)
    blocked: set[int] = field(default_factory=set)


def _tagged(rows: QuerySet, column: str, kind: str) -> QuerySet:
    return (
        rows.order_by()
        .annotate(link_id=F(column), link=Value(kind, output_field=CharField()))
        .values_list("link_id", "link")
    )


def links_of(viewer: User) -> Links:
    """Everything the viewer is linked to, in one UNION query."""
    accepted = Connection.objects.filter(status=Connection.Status.ACCEPTED)
    parts = [
        _tagged(accepted.filter(requester=viewer), "addressee_id", _CONNECTION),
        _tagged(accepted.filter(addressee=viewer), "requester_id", _CONNECTION),
        _tagged(OrganisationFollow.objects.filter(user=viewer), "organisation_id", _ORGANISATION),
        _tagged(Membership.objects.filter(user=viewer), "organisation_id", _ORGANISATION),
        _tagged(Block.objects.filter(blocker=viewer), "blocked_id", _BLOCKED),
        _tagged(Block.objects.filter(blocked=viewer), "blocker_id", _BLOCKED),
    ]
    if viewer.role == Role.MENTOR:
        parts.append(_tagged(followed_mentorships(viewer), "youth_id", _MENTORED))
    if viewer.role == Role.YOUTH:
        parts.append(
            _tagged(
                Mentorship.objects.filter(youth=viewer, status=Mentorship.Status.ACTIVE),
                "mentor_id",
                _MENTOR,
            )
        )
    links = Links()
    by_kind = {
        _CONNECTION: links.connections,
        _MENTORED: links.mentored,
        _MENTOR: links.mentors,
        _ORGANISATION: links.organisations,
        _BLOCKED: links.blocked,
    }
    for link_id, kind in parts[0].union(*parts[1:], all=True):
        by_kind[kind].add(link_id)
    return links


def _visible_to(viewer: User, links: Links) -> QuerySet[Activity]:
    """The activities ``viewer`` may see (no ordering, no extras)."""
    members = visible_levels(Audience.MEMBER)
    connections_see = (
        visible_levels(Audience.RECRUITER) if viewer.role == Role.RECRUITER else members
    )
    seen = Q(actor_id=viewer.pk)
    if links.connections:
        seen |= Q(actor_id__in=sorted(links.connections), visibility__in=connections_see)
    if links.mentored:
        seen |= Q(
            actor_id__in=sorted(links.mentored), visibility__in=visible_levels(Audience.MENTOR)
        )
    if links.mentors:
        seen |= Q(actor_id__in=sorted(links.mentors), visibility__in=members)
    if links.organisations:
        seen |= Q(organisation_id__in=sorted(links.organisations), visibility__in=members)
    rows = Activity.objects.filter(
        seen,
        Q(post__isnull=True) | Q(post__hidden_at__isnull=True),
        hidden_at__isnull=True,
        actor__is_active=True,
    )
    if links.blocked:
        rows = rows.exclude(actor_id__in=sorted(links.blocked))
    return rows


def _visible_comments(links: Links) -> QuerySet[Comment]:
    comments = Comment.objects.filter(hidden_at__isnull=True, author__is_active=True)
    if links.blocked:
        comments = comments.exclude(author_id__in=sorted(links.blocked))
    return comments


def _with_extras(rows: QuerySet[Activity], viewer: User, links: Links) -> QuerySet[Activity]:
    comments = _visible_comments(links)
    bravo_count = (
        Bravo.objects.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(count=Count("*"))
        .values("count")
    )
    comment_count = (
        comments.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(count=Count("*"))
        .values("count")
    )
    return rows.select_related("actor", "organisation", "post").annotate(
        bravo_count=Coalesce(Subquery(bravo_count, output_field=IntegerField()), 0),
        comment_count=Coalesce(Subquery(comment_count, output_field=IntegerField()), 0),
        bravoed=Exists(Bravo.objects.filter(activity=OuterRef("pk"), user=viewer)),
    )


def feed_for(
    viewer: User, *, before: int | None = None, after: int | None = None, limit: int = PAGE_SIZE
) -> list[Activity]:
    """A page of ``viewer``'s feed, newest first.

    ``before``: only activities older than that id (the next page down). ``after``: only
    newer ones (what arrived while the page was open: the ``limit`` oldest of them, so that
    asking again from the newest returned leaves no gap). Each activity has ``bravo_count``,
    ``comment_count``, ``bravoed`` and ``recent_comments`` (oldest first).

    Three queries; four when the newest ``RECENT_WINDOW`` activities of the whole site hold
    fewer than a page for this viewer (a quiet network, or an old page): see ``_newest_first``.
    """
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    links = links_of(viewer)
    rows = _visible_to(viewer, links)
    if after is not None:
        rows = rows.filter(id__gt=after)
    if after is not None and before is None:
        # Newer items come oldest first, so that a client catching up page by page leaves
        # no gap; every page is returned newest first. Few rows follow ``after``: the
        # primary key walks straight to them.
        activities = list(_with_extras(rows, viewer, links).order_by("id")[:limit])
        activities.reverse()
    else:
        activities = _newest_first(rows, viewer, links, before=before, limit=limit)
    prefetch_related_objects(
        activities,
        Prefetch(
            "comments",
            queryset=_visible_comments(links)
            .select_related("author")
            .order_by("-id")[:RECENT_COMMENTS],
            to_attr="recent_comments_newest_first",
        ),
    )
    for activity in activities:
        activity.recent_comments = activity.recent_comments_newest_first[::-1]
        activity.shown_comments = activity.recent_comments
    return activities


#: How many of the site's newest activities the first try of a page looks through.
RECENT_WINDOW = 20_000


def _newest_first(
    rows: QuerySet[Activity], viewer: User, links: Links, *, before: int | None, limit: int
) -> list[Activity]:
    """The ``limit`` newest visible activities below ``before``, in one or two queries.

    ``ORDER BY id DESC LIMIT n`` alone lets PostgreSQL walk the primary key backwards and test
    every row: instant for a busy network, but for someone whose links wrote little it reads
    hundreds of thousands of rows (measured: 0.5 s on a million activities, bench_feed.py).
    Sorting the viewer's rows instead (``id + 0`` hides the key's order, so the planner
    combines the actor and organisation indexes and sorts what they return) is the opposite.
    So: first the newest ``RECENT_WINDOW`` ids only, a bounded backward walk; and only if that
    holds fewer than a page, the older rows, sorted.
    """
    if before is None:
        upper = Subquery(Activity.objects.order_by("-id").values("id")[:1])
        window = rows.filter(
            id__gt=ExpressionWrapper(upper - RECENT_WINDOW, output_field=BigIntegerField())
        )
    else:
        rows = rows.filter(id__lt=before)
        window = rows.filter(id__gt=before - RECENT_WINDOW)
    activities = list(_with_extras(window, viewer, links).order_by("-id")[:limit])
    if len(activities) == limit:
        return activities
    # The window held every visible row above its floor: the rest lies below it.
    if before is None:
        floor = ExpressionWrapper(upper - RECENT_WINDOW, output_field=BigIntegerField())
    else:
        floor = before - RECENT_WINDOW
    older = rows.filter(id__lte=floor)
    activities += list(
        _with_extras(older, viewer, links).order_by((F("id") + 0).desc())[: limit - len(activities)]
    )
    return activities


def access_activity(viewer: User, activity_id: int) -> Activity:
    """An activity ``viewer`` may see in their feed, with its extras; 404 otherwise."""
    links = links_of(viewer)
    activity = (
        _with_extras(_visible_to(viewer, links), viewer, links).filter(pk=activity_id).first()
    )
    if activity is None:
        raise Http404
    activity.visible_comments = list(
        _visible_comments(links).filter(activity=activity).select_related("author").order_by("id")
    )
    activity.shown_comments = activity.visible_comments
    return activity


def can_see_activity(viewer: User, activity_id: int) -> bool:
    links = links_of(viewer)
    return _visible_to(viewer, links).filter(pk=activity_id).exists()
