"""Benchmark of skill suggestions: quality on the labelled set, and speed.

    .venv/bin/python bench/bench_suggest.py [--esco DIR] [--database-url URL] [--repeat N]

Loads the starter taxonomy (migrations) and the full ESCO export into a temporary SQLite
database (or the database of ``--database-url``, which it empties first), then, on
tests/data/suggestions_fr.jsonl:

- recall@5 and precision@5 on the development half (what the everyday expressions were written
  from), the held-out half, the "fresh" sentences written after the expressions were frozen,
  and all of it, for
  each step of the method added in turn (labels only, stems, lemmas, SMS spelling and slang,
  typo tolerance, reuse-level priors, everyday expressions), so the contribution of each
  step shows;
- the latency of one suggestion through the engine and through the view (GET
  /skills/suggest/ served in-process by Django's test client), p50/p95/p99 over every
  sentence of the set, ``--repeat`` times.

A benchmark prints its figures and never fails on them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED_SET = ROOT / "tests" / "data" / "suggestions_fr.jsonl"
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco"
K = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_esco = Path(os.environ.get("ESCO_DIR", DEFAULT_ESCO))
    parser.add_argument("--esco", type=Path, default=default_esco)
    parser.add_argument("--database-url", default="", help="default: a temporary SQLite file")
    parser.add_argument("--repeat", type=int, default=5, help="latency rounds over the set")
    arguments = parser.parse_args()
    if not (arguments.esco / "skills_fr.csv").exists():
        sys.exit(f"No ESCO export in {arguments.esco} (give --esco DIR).")

    with tempfile.TemporaryDirectory(prefix="bench-suggest-") as scratch:
        os.environ["DATABASE_URL"] = arguments.database_url or f"sqlite:///{scratch}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acrojump.settings.dev")
        os.environ["DEBUG"] = "0"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        load_taxonomy(arguments.esco, fresh=bool(arguments.database_url))
        run(arguments.repeat)


def load_taxonomy(esco: Path, *, fresh: bool) -> None:
    from django.core.management import call_command

    from skills.esco import import_esco
    from skills.models import SkillConcept

    started = time.perf_counter()
    if fresh:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    if fresh:
        # flush empties the tables the starter migration filled: load it again.
        from skills.starter_taxonomy import load_starter_taxonomy

        load_starter_taxonomy(SkillConcept)
    starters = SkillConcept.objects.filter(is_starter=True).count()
    import_esco(esco, languages=["fr", "en", "es"])
    print(
        f"Taxonomy: {SkillConcept.objects.count()} concepts ({starters} starter skills), "
        f"loaded in {time.perf_counter() - started:.0f} s"
    )


def run(repeat: int) -> None:
    from skills.suggest import get_index, invalidate_index
    from skills.suggest_engine import EngineOptions, SuggestionIndex

    items = [json.loads(line) for line in LABELLED_SET.read_text(encoding="utf-8").splitlines()]
    print(machine())
    splits: dict[str, int] = {}
    for item in items:
        splits[item["split"]] = splits.get(item["split"], 0) + 1
    expected = sum(len(item["expected"]) for item in items)
    print(f"Labelled set: {len(items)} sentences ({splits}), {expected} expected skills\n")

    invalidate_index()
    started = time.perf_counter()
    index = get_index("fr")
    print(f"Index built from the database in {time.perf_counter() - started:.2f} s\n")
    records = index.records

    off = EngineOptions(
        spelling=False, stemming=False, lemmas=False, typos=False, activities=False, priors=False
    )
    steps = [
        ("labels only (accent-free words, idf coverage)", off),
        ("+ stemming (Snowball)", replace(off, stemming=True)),
        ("+ lemmas (simplemma)", replace(off, stemming=True, lemmas=True)),
        ("+ SMS spelling, slang", replace(off, stemming=True, lemmas=True, spelling=True)),
        ("+ typo tolerance", replace(off, stemming=True, lemmas=True, spelling=True, typos=True)),
        ("+ reuse-level priors", replace(EngineOptions(), activities=False)),
        ("+ everyday expressions (full)", EngineOptions()),
        ("expressions without label matching", replace(EngineOptions(), label_weight=0.0)),
        ("full without typo tolerance", replace(EngineOptions(), typos=False)),
        ("full without stemming", replace(EngineOptions(), stemming=False)),
    ]
    columns = ("dev", "heldout", "fresh", None)
    header = "".join(f"{(split or 'all') + ' R@5':>12}{'P@5':>6}" for split in columns)
    print(f"{'step':<44}{header}")
    for name, options in steps:
        variant = SuggestionIndex(records, language="fr", options=options)
        figures = []
        for split in columns:
            chosen = [item for item in items if split is None or item["split"] == split]
            recall, precision = evaluate(variant.suggest, chosen)
            figures.append(f"{recall:>12.3f}{precision:>6.3f}")
        print(f"{name:<44}{''.join(figures)}")

    print()
    latency("engine (suggest_skills)", items, repeat, engine_call())
    latency("view (GET /skills/suggest/)", items, repeat, view_call())


def evaluate(suggest: Callable, items: list[dict]) -> tuple[float, float]:
    recall = precision = 0.0
    for item in items:
        found = {suggestion.uri for suggestion in suggest(item["text"], K)}
        hits = len(found & set(item["expected"]))
        recall += hits / len(item["expected"])
        precision += hits / K
    return recall / len(items), precision / len(items)


def engine_call() -> Callable[[str], object]:
    from skills.suggest import suggest_skills

    return lambda text: suggest_skills(text, language="fr")


def view_call() -> Callable[[str], object]:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    url = reverse("skills:suggest")

    def call(text: str) -> object:
        response = client.get(url, {"q": text, "lang": "fr"})
        assert response.status_code == 200, response.content
        return response

    return call


def latency(name: str, items: list[dict], repeat: int, call: Callable[[str], object]) -> None:
    call(items[0]["text"])  # warm
    timings = []
    for _ in range(repeat):
        for item in items:
            started = time.perf_counter()
            call(item["text"])
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    quantiles = statistics.quantiles(timings, n=100)
    print(
        f"Latency, {name}: p50 {quantiles[49]:.2f} ms, p95 {quantiles[94]:.2f} ms, "
        f"p99 {quantiles[98]:.2f} ms, max {timings[-1]:.2f} ms ({len(timings)} queries)"
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from django.db import connection

    return (
        f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"database {connection.vendor}"
    )


if __name__ == "__main__":
    main()
