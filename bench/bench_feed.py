"""Benchmark of the feed on PostgreSQL: 100,000 members and 1,000,000 activities.

    .venv/bin/python bench/bench_feed.py [--users 100000] [--activities 1000000] [--viewers 200]
    .venv/bin/python bench/bench_feed.py --users 5000 --activities 50000   # a quick try

Needs PostgreSQL: ``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``)
names the server; a new database is created next to it, migrated in a separate process,
seeded with set-based SQL (``INSERT ... SELECT generate_series``, foreign-key triggers off
while seeding, ANALYZE at the end) and dropped at the end (``--keep`` keeps it).

What is seeded (the sizes scale with ``--users`` and ``--activities``):

- members: 80 % youths (40 % of them minors), 12 % mentors, 8 % recruiters, a few staff;
  0.5 % suspended; a youth profile for every youth;
- organisations: one for 50 members; every mentor and recruiter belongs to one; about 2.5
  organisations followed per member, the popular ones more;
- connections: about 50 per member on average (both sides counted), skewed: the number each
  member asks is ``floor(100 u^3)`` (u uniform: most ask a few, some ask 99), the one asked is
  drawn with density rising toward the first ids (a few members have thousands); 92 %
  accepted;
- mentorships: 35 % of youths followed by a mentor, the mentors skewed (some counsellors
  follow hundreds of youths);
- blocks: one for 20 members;
- activities: the actor drawn skewed toward active members; 30 % posts (with their Post row),
  then achievements, endorsements, milestones, and 20 % opportunities and events of the
  actor's organisation; visibility only me 5 %, mentors 15 %, members 45 %, recruiters 15 %,
  public 20 % (organisation items public); 0.5 % hidden; dates spread over a year, in id
  order; bravos (half an activity's worth each) and comments (one for five activities).

Then, for ``--viewers`` members (a third the most connected, a third mentors following the
most youths, a third drawn at random among active members), it times ``feed_for`` alone
and ``GET /fil/`` through Django's test client (in process: middleware, view, template), and
counts the queries of both with ``CaptureQueriesContext``. It prints p50/p95/max, the query
counts, and EXPLAIN ANALYZE of the slowest query of ``feed_for`` for the most connected
viewer. The aim is p95 under 50 ms; a benchmark prints its figures and never fails on them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--viewers", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--seed", type=float, default=0.42, help="setseed() for the data")
    arguments = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")

    print_machine()
    with fresh_database(url, keep=arguments.keep) as bench_url:
        os.environ.update(
            DATABASE_URL=bench_url,
            DJANGO_SETTINGS_MODULE="acrojump.settings.dev",
            DEBUG="0",
            REDIS_URL="",  # no push, no shared cache: the page alone is measured
        )
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, check=True
        )
        print(f"migrate (separate process): {time.perf_counter() - started:.1f} s")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        seed(arguments.users, arguments.activities, arguments.seed)
        measure(arguments.viewers)
        print(f"\nload average after: {', '.join(f'{value:.2f}' for value in os.getloadavg())}")


def print_machine() -> None:
    memory_kb = next(
        int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal:")
    )
    model = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line),
        platform.processor(),
    )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores ({model}), {memory_kb / 1024**2:.1f} GiB RAM")
    print(f"python {platform.python_version()}, load average before: {load}")


@contextlib.contextmanager
def fresh_database(url: str, *, keep: bool) -> Iterator[str]:
    import psycopg

    parts = urlsplit(url)
    name = f"bench_acrojump_feed_{os.getpid()}"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        from django.db import connections

        with contextlib.suppress(Exception):
            connections.close_all()
        if keep:
            print(f"database kept: {name}")
        else:
            with psycopg.connect(server, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- seed ------------------------------------------------------------------------------------

# Each statement is timed and printed. %(users)s, %(organisations)s and %(activities)s are
# filled in by ``seed``; ``u()`` is shorthand for random().
SEED_STEPS: list[tuple[str, str]] = [
    (
        "members",
        """
        INSERT INTO network_user (id, password, last_login, is_superuser, first_name, last_name,
            is_staff, is_active, date_joined, email, role, date_of_birth, town, language)
        SELECT i, '!', NULL, false, 'Prénom' || i, 'Nom' || i, r >= 0.999, random() >= 0.005,
            now() - random() * interval '700 days', 'm' || i || '@bench.example',
            CASE WHEN r < 0.80 THEN 'youth' WHEN r < 0.92 THEN 'mentor'
                 WHEN r < 0.999 THEN 'recruiter' ELSE 'staff' END,
            CASE WHEN r < 0.32 THEN date '2009-01-01' + (random() * 1400)::int
                 WHEN r < 0.80 THEN date '1996-01-01' + (random() * 4700)::int
                 ELSE date '1960-01-01' + (random() * 12000)::int END,
            'Ville ' || (i %% 500), 'fr'
        FROM (SELECT i, random() AS r FROM generate_series(1, %(users)s) i) s
        """,
    ),
    (
        "youth profiles",
        """
        INSERT INTO network_youthprofile (user_id, headline, goals, available_from, mobility_km,
            languages, driving_licence, visibility, discoverable, display_mode, updated_at)
        SELECT id, 'Je cherche un apprentissage', '', NULL, 20, '["fr"]', false,
            (ARRAY['only_me','mentors','mentors','members','members','recruiters','public'])
                [1 + floor(random() * 7)::int],
            random() < 0.3, CASE WHEN random() < 0.7 THEN 'anonymous' ELSE 'named' END, now()
        FROM network_user WHERE role = 'youth'
        """,
    ),
    (
        "organisations",
        """
        INSERT INTO network_organisation (id, name, kind, town, website, verified, created_at)
        SELECT i, 'Organisation ' || i,
            (ARRAY['mission_locale','school','club','association','company'])[1 + i %% 5],
            'Ville ' || (i %% 500), '', i %% 3 = 0, now() - interval '800 days'
        FROM generate_series(1, %(organisations)s) i
        """,
    ),
    (
        "memberships",
        """
        INSERT INTO network_membership (organisation_id, user_id, function, is_admin, joined_at)
        SELECT 1 + id %% %(organisations)s, id, '', id %% 10 = 0, now() - interval '600 days'
        FROM network_user WHERE role IN ('mentor', 'recruiter')
        """,
    ),
    (
        "organisations followed",
        """
        INSERT INTO network_organisationfollow (user_id, organisation_id, created_at)
        SELECT id, 1 + floor(%(organisations)s * power(random(), 2))::int, now()
        FROM (SELECT id, floor(random() * 6)::int AS n FROM network_user) s,
            LATERAL generate_series(1, s.n)
        ON CONFLICT DO NOTHING
        """,
    ),
    (
        "connections",
        """
        INSERT INTO network_connection (requester_id, addressee_id, status, message, created_at,
            responded_at)
        SELECT a, b, CASE WHEN random() < 0.92 THEN 'accepted' ELSE 'pending' END, '',
            now() - random() * interval '500 days', now()
        FROM (
            SELECT s.id AS a, 1 + floor(%(users)s * power(random(), 1.5))::int AS b
            FROM (SELECT id, floor(100 * power(random(), 3))::int AS n FROM network_user) s,
                LATERAL generate_series(1, s.n)
        ) pairs
        WHERE a <> b
        ON CONFLICT DO NOTHING
        """,
    ),
    (
        "connections asked both ways (one row per pair kept)",
        """
        DELETE FROM network_connection c USING network_connection d
        WHERE c.requester_id = d.addressee_id AND c.addressee_id = d.requester_id
            AND c.requester_id > c.addressee_id
        """,
    ),
    (
        "mentorships",
        """
        WITH mentors AS (
            SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM network_user
            WHERE role = 'mentor'
        ), picked AS (
            SELECT id AS youth,
                floor(power(random(), 3) * (SELECT count(*) FROM mentors))::int AS n
            FROM network_user WHERE role = 'youth' AND random() < 0.35
        )
        INSERT INTO network_mentorship (youth_id, mentor_id, organisation_id, status,
            shared_with_organisation, created_at, started_at, ended_at, ended_by_id)
        SELECT picked.youth, mentors.id, 1 + mentors.id %% %(organisations)s, 'active',
            random() < 0.5, now() - interval '200 days', now() - interval '200 days', NULL, NULL
        FROM picked JOIN mentors USING (n)
        """,
    ),
    (
        "blocks",
        """
        INSERT INTO network_block (blocker_id, blocked_id, created_at)
        SELECT a, b, now() FROM (
            SELECT 1 + floor(random() * %(users)s)::int AS a,
                1 + floor(random() * %(users)s)::int AS b
            FROM generate_series(1, %(users)s / 20)
        ) s WHERE a <> b
        ON CONFLICT DO NOTHING
        """,
    ),
    (
        "activities (scratch table)",
        """
        CREATE TEMP TABLE seed_activity AS
        SELECT i, 1 + floor(%(users)s * power(random(), 1.3))::int AS actor, random() AS kind,
            random() AS audience,
            now() - (%(activities)s - i) * (interval '365 days' / %(activities)s) AS at
        FROM generate_series(1, %(activities)s) i
        """,
    ),
    (
        "posts",
        """
        INSERT INTO network_post (id, author_id, organisation_id, text, image,
            image_description, link, created_at, edited_at, hidden_at)
        SELECT i, actor, NULL,
            'Aujourd''hui j''ai terminé mon stage en cuisine, merci à toute l''équipe ! #' || i,
            '', '', '', at, NULL, CASE WHEN random() < 0.003 THEN now() END
        FROM seed_activity WHERE kind < 0.30
        """,
    ),
    (
        "activities",
        """
        INSERT INTO network_activity (id, actor_id, organisation_id, verb, visibility, post_id,
            target_type, target_id, params, url, created_at, hidden_at)
        SELECT i, actor,
            CASE WHEN kind >= 0.80 THEN 1 + actor %% %(organisations)s END,
            CASE WHEN kind < 0.30 THEN 'post' WHEN kind < 0.50 THEN 'achievement'
                 WHEN kind < 0.65 THEN 'endorsement' WHEN kind < 0.80 THEN 'milestone'
                 WHEN kind < 0.90 THEN 'opportunity' ELSE 'event' END,
            CASE WHEN kind >= 0.80 THEN 'public'
                 WHEN audience < 0.05 THEN 'only_me' WHEN audience < 0.20 THEN 'mentors'
                 WHEN audience < 0.65 THEN 'members' WHEN audience < 0.80 THEN 'recruiters'
                 ELSE 'public' END,
            CASE WHEN kind < 0.30 THEN i END,
            CASE WHEN kind < 0.30 THEN '' ELSE 'skills.achievement' END,
            CASE WHEN kind < 0.30 THEN NULL ELSE i END,
            CASE WHEN kind < 0.30 THEN '{}'::jsonb
                 WHEN kind < 0.50 THEN jsonb_build_object('title', 'Réussite ' || i,
                                         'skills', jsonb_build_array('Accueil', 'Équipe'))
                 WHEN kind < 0.65 THEN jsonb_build_object('endorser', 'Nadia',
                                                          'skill', 'Accueil du public')
                 WHEN kind < 0.80 THEN jsonb_build_object('skills', 10)
                 ELSE jsonb_build_object('title', 'Apprentissage en cuisine ' || i) END,
            '/competences/' || i || '/', at, CASE WHEN random() < 0.005 THEN now() END
        FROM seed_activity
        """,
    ),
    (
        "bravos",
        """
        INSERT INTO network_bravo (activity_id, user_id, created_at)
        SELECT 1 + floor(%(activities)s * power(random(), 0.5))::int,
            1 + floor(random() * %(users)s)::int, now()
        FROM generate_series(1, %(activities)s / 2)
        ON CONFLICT DO NOTHING
        """,
    ),
    (
        "comments",
        """
        INSERT INTO network_comment (activity_id, author_id, text, created_at, hidden_at)
        SELECT 1 + floor(%(activities)s * power(random(), 0.5))::int,
            1 + floor(random() * %(users)s)::int, 'Bravo, continue comme ça !', now(),
            CASE WHEN random() < 0.01 THEN now() END
        FROM generate_series(1, %(activities)s / 5)
        """,
    ),
]

SEQUENCES = [
    "network_user",
    "network_organisation",
    "network_post",
    "network_activity",
]


def seed(users: int, activities: int, seed_value: float) -> None:
    from django.db import connection

    sizes = {"users": users, "activities": activities, "organisations": max(5, users // 50)}
    print(
        f"\nseed: {users:,} members, {activities:,} activities, "
        f"{sizes['organisations']:,} organisations"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [seed_value])
        # Foreign keys are not checked while seeding (the ids are made consistent by
        # construction); the unique constraints are.
        cursor.execute("SET session_replication_role = replica")
        for label, sql in SEED_STEPS:
            step_started = time.perf_counter()
            cursor.execute(sql % sizes)
            rows = cursor.rowcount
            print(f"  {label:52} {rows:>10,} rows {time.perf_counter() - step_started:7.1f} s")
        cursor.execute("SET session_replication_role = DEFAULT")
        for table in SEQUENCES:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        step_started = time.perf_counter()
        cursor.execute("ANALYZE")
        print(f"  {'ANALYZE':52} {'':>15} {time.perf_counter() - step_started:7.1f} s")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    print(f"seed total: {time.perf_counter() - started:.1f} s, database size {size}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), avg(n), percentile_disc(0.5) WITHIN GROUP (ORDER BY n), "
            "percentile_disc(0.99) WITHIN GROUP (ORDER BY n), max(n) FROM ("
            "  SELECT u.id, count(c.id) AS n FROM network_user u LEFT JOIN network_connection c"
            "  ON c.status = 'accepted' AND u.id IN (c.requester_id, c.addressee_id)"
            "  GROUP BY u.id) s"
        )
        count, average, median, p99, maximum = cursor.fetchone()
    print(
        f"accepted connections per member: mean {average:.1f}, median {median}, "
        f"p99 {p99}, max {maximum}"
    )


# --- measure ---------------------------------------------------------------------------------


def sample_viewers(count: int) -> list[tuple[int, str]]:
    """(user id, why chosen): the most connected, the busiest mentors, random members."""
    from django.db import connection

    third = max(1, count // 3)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT id FROM (
                SELECT requester_id AS id FROM network_connection WHERE status = 'accepted'
                UNION ALL
                SELECT addressee_id FROM network_connection WHERE status = 'accepted'
            ) s JOIN network_user u USING (id) WHERE u.is_active
            GROUP BY id ORDER BY count(*) DESC LIMIT %s
            """,
            [third],
        )
        heavy = [(row[0], "most connected") for row in cursor.fetchall()]
        cursor.execute(
            """
            SELECT mentor_id FROM network_mentorship m JOIN network_user u ON u.id = m.mentor_id
            WHERE m.status = 'active' AND u.is_active
            GROUP BY mentor_id ORDER BY count(*) DESC LIMIT %s
            """,
            [third],
        )
        mentors = [(row[0], "busiest mentors") for row in cursor.fetchall()]
        cursor.execute(
            "SELECT id FROM network_user WHERE is_active ORDER BY random() LIMIT %s",
            [count - len(heavy) - len(mentors)],
        )
        randoms = [(row[0], "random members") for row in cursor.fetchall()]
    return heavy + mentors + randoms


def network_size(user_id: int) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM network_connection WHERE status = 'accepted' "
            "AND (requester_id = %s OR addressee_id = %s)",
            [user_id, user_id],
        )
        return cursor.fetchone()[0]


def measure(viewer_count: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from network.feed_selectors import feed_for
    from network.models import User

    viewers = sample_viewers(viewer_count)
    users = User.objects.in_bulk([user_id for user_id, _why in viewers])
    url = reverse("network:feed")
    client = Client()
    # Warm-up: imports, template loading, the first connection, caches of the planner.
    for user_id, _why in viewers[:5]:
        client.force_login(users[user_id])
        client.get(url)
        feed_for(users[user_id])

    rows: list[dict[str, Any]] = []
    slowest_sql: tuple[float, str, int] = (0.0, "", 0)
    for user_id, why in viewers:
        viewer = users[user_id]
        with CaptureQueriesContext(connection) as selector_queries:
            started = time.perf_counter()
            items = feed_for(viewer)
            selector_ms = (time.perf_counter() - started) * 1000
        for query in selector_queries.captured_queries:
            if float(query["time"]) * 1000 > slowest_sql[0] and "network_activity" in query["sql"]:
                slowest_sql = (float(query["time"]) * 1000, query["sql"], user_id)
        client.force_login(viewer)
        with CaptureQueriesContext(connection) as page_queries:
            started = time.perf_counter()
            response = client.get(url)
            page_ms = (time.perf_counter() - started) * 1000
        rows.append(
            {
                "why": why,
                "user": user_id,
                "items": len(items),
                "selector_ms": selector_ms,
                "selector_queries": len(selector_queries.captured_queries),
                "page_ms": page_ms,
                "page_queries": len(page_queries.captured_queries),
                "status": response.status_code,
            }
        )
    statuses = sorted({row["status"] for row in rows})
    print(f"\n{len(rows)} viewers, GET {url} statuses: {statuses}")
    print(
        f"  {'viewers':16} {'n':>4} {'items':>5} | {'feed_for p50':>12} {'p95':>7} {'max':>7} "
        f"{'queries':>7} | {'page p50':>8} {'p95':>7} {'max':>7} {'queries':>7}"
    )
    groups = ["most connected", "busiest mentors", "random members", "all"]
    for group in groups:
        chosen = [row for row in rows if group == "all" or row["why"] == group]
        if not chosen:
            continue
        selector = sorted(row["selector_ms"] for row in chosen)
        page = sorted(row["page_ms"] for row in chosen)
        print(
            f"  {group:16} {len(chosen):4d} {statistics.mean(r['items'] for r in chosen):5.1f} | "
            f"{percentile(selector, 50):9.1f} ms {percentile(selector, 95):7.1f} "
            f"{selector[-1]:7.1f} {query_range(chosen, 'selector_queries'):>7} | "
            f"{percentile(page, 50):5.1f} ms {percentile(page, 95):7.1f} {page[-1]:7.1f} "
            f"{query_range(chosen, 'page_queries'):>7}"
        )
    heaviest = viewers[0][0]
    print(f"\nmost connected viewer: {heaviest} ({network_size(heaviest)} accepted connections)")
    explain_main_query(users[heaviest])
    if slowest_sql[1] and slowest_sql[2] != heaviest:
        print(
            f"\nslowest activity query over all viewers: {slowest_sql[0]:.1f} ms "
            f"(viewer {slowest_sql[2]}, {network_size(slowest_sql[2])} connections)"
        )
        explain(slowest_sql[1])


def query_range(rows: list[dict[str, Any]], key: str) -> str:
    values = [row[key] for row in rows]
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}-{high}"


def explain_main_query(viewer: Any) -> None:
    """EXPLAIN ANALYZE the slowest query that reads network_activity in feed_for(viewer)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from network.feed_selectors import feed_for

    with CaptureQueriesContext(connection) as captured:
        feed_for(viewer)
    for index, query in enumerate(captured.captured_queries, 1):
        print(f"  query {index}: {float(query['time']) * 1000:6.1f} ms  {query['sql'][:110]}...")
    candidates = [
        query for query in captured.captured_queries if "network_activity" in query["sql"]
    ]
    if candidates:
        main_query = max(candidates, key=lambda query: float(query["time"]))
        explain(main_query["sql"])


def explain(sql: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = [row[0] for row in cursor.fetchall()]
    print("  EXPLAIN (ANALYZE, BUFFERS) of the main query, top lines:")
    for line in plan[:25]:
        print(f"    {line[:150]}")
    if len(plan) > 25:
        print(f"    ... ({len(plan) - 25} more lines)")
        for line in plan[-3:]:
            print(f"    {line[:150]}")


def percentile(values: list[float], rank: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, max(0, round(rank / 100 * len(values) + 0.5) - 1))]


if __name__ == "__main__":
    main()
