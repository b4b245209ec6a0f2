"""Benchmark of ``import_esco`` on the full ESCO export, fr + en + es.

    .venv/bin/python bench/bench_import_esco.py [--esco DIR] [--languages fr,en,es] [--runs 2]

Creates a fresh database (a temporary SQLite file; with ``DATABASE_URL`` set to PostgreSQL, a
new database next to the one named there, dropped at the end), migrates it in a separate
process (so the starter taxonomy is there, as on a real install), then imports the export
in this process: the first run creates everything, the next ones take the update path with
nothing to write, and a last run first changes every ESCO row in the database so that the
import rewrites all of them. For each run it prints the wall time, the peak resident memory
of the process, rows read per second and the counts. The budget is 60 s and 500 MB per
import; a benchmark prints its figures and never fails on them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ESCO = Path(os.environ.get("ESCO_DIR", ROOT.parent / "shared" / "data" / "esco"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--languages", default="fr,en,es")
    parser.add_argument("--runs", type=int, default=2, help="first import, then no-op updates")
    arguments = parser.parse_args()
    if not (arguments.esco / "skills_fr.csv").is_file():
        sys.exit(f"No ESCO export in {arguments.esco} (give --esco DIR).")

    print_machine()
    with fresh_database(os.environ.get("DATABASE_URL", "")) as url:
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acrojump.settings.dev")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            check=True,
        )
        print(
            f"migrate (separate process, not measured below): {time.perf_counter() - started:.1f} s"
        )
        run_imports(arguments.esco, arguments.languages, arguments.runs)


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
def fresh_database(url: str) -> Iterator[str]:
    if not url or url.startswith("sqlite"):
        with tempfile.TemporaryDirectory(prefix="bench-esco-") as scratch:
            yield f"sqlite:///{scratch}/bench.sqlite3"
        return
    import psycopg

    parts = urlsplit(url)
    name = f"bench_import_esco_{os.getpid()}"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_imports(esco: Path, languages: str, runs: int) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db import connection

    from skills.esco import import_esco, parse_languages
    from skills.models import Occupation, OccupationSkill, SkillConcept

    vendor = connection.vendor
    with connection.cursor() as cursor:
        cursor.execute("select sqlite_version()" if vendor == "sqlite" else "show server_version")
        version = cursor.fetchone()[0]
    print(f"database: {vendor} {version}; export: {esco}; languages: {languages}")
    print(f"resident memory after Django setup: {current_rss_mb():.0f} MB")
    for run in range(1, runs + 2):
        if run == 1:
            kind = "first import"
        elif run <= runs:
            kind = "update, same files: nothing to write"
        else:
            # The worst update: every ESCO concept and occupation differs from the files (as
            # after a new ESCO version), so every row is rewritten.
            kind = "update, every row changed in the database first"
            esco_concepts = SkillConcept.objects.filter(uri__startswith="http://data.europa.eu/")
            esco_concepts.update(preferred_labels={})
            Occupation.objects.update(preferred_labels={})
        started = time.perf_counter()
        report = import_esco(esco, languages=parse_languages(languages))
        elapsed = time.perf_counter() - started
        print(f"\nrun {run} ({kind})")
        print(f"  wall time          {elapsed:8.2f} s")
        print(f"  peak RSS (process) {peak_rss_mb():8.0f} MB")
        rate = report.rows_read / elapsed
        print(f"  rows read          {report.rows_read:8d}  ({rate:,.0f} rows/s)")
        print(f"  concepts by type   {report.concepts_by_type}")
        print(
            f"  concepts           {report.concepts_created} created, "
            f"{report.concepts_updated} updated, {report.concepts_unchanged} unchanged"
        )
        print(
            f"  broader links      {report.broader_rows} rows, {report.broader_links} distinct, "
            f"{report.broader_created} created, {report.broader_removed} removed"
        )
        print(
            f"  occupations        {report.occupations} ({report.occupations_created} created, "
            f"{report.occupations_updated} updated)"
        )
    print(
        f"\nin the database: {SkillConcept.objects.count()} concepts "
        f"({SkillConcept.objects.filter(is_starter=True).count()} starter), "
        f"{SkillConcept.broader.through.objects.count()} broader links, "
        f"{Occupation.objects.count()} occupations, "
        f"{OccupationSkill.objects.count()} occupation-skill relations"
    )
    print(f"load average after: {', '.join(f'{value:.2f}' for value in os.getloadavg())}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def current_rss_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mb()


if __name__ == "__main__":
    main()
