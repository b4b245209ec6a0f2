"""``manage.py search_index --rebuild | --retry | --status``: look after recruiter search.

``--rebuild`` refills both backends from the profiles (Elasticsearch into a new index swapped
in behind the alias at the end, so searches keep answering meanwhile); ``--retry`` writes the
profiles Elasticsearch missed while it was down; ``--status`` shows where things stand.
"""

from __future__ import annotations

import sys
import time
from argparse import BooleanOptionalAction
from typing import Any
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from search import service
from search.backends.elastic import SearchUnavailable
from search.documents import eligible_users


def _where(url: str) -> str:
    """The server's address without any credentials the URL may carry."""
    parts = urlsplit(url)
    host = parts.hostname or url
    return f"{parts.scheme}://{host}:{parts.port}" if parts.port else f"{parts.scheme}://{host}"


class Command(BaseCommand):
    help = (
        "Look after recruiter search: rebuild both backends from the profiles (--rebuild), "
        "write the profiles Elasticsearch missed while it was down (--retry), or show how "
        "many profiles each backend holds (--status)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--rebuild",
            action="store_true",
            help=(
                "Rebuild the database backend and, when ELASTICSEARCH_URL is set, a new "
                "Elasticsearch index swapped in behind the alias once full (the old one is "
                "then deleted). Profiles no longer in search are removed."
            ),
        )
        action.add_argument(
            "--retry",
            action="store_true",
            help="Write to Elasticsearch the profiles kept while it did not answer.",
        )
        action.add_argument(
            "--status",
            action="store_true",
            help="Count the profiles in each backend and those waiting for Elasticsearch.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Profiles built and written at a time (default: 500).",
        )
        parser.add_argument(
            "--progress",
            action=BooleanOptionalAction,
            default=None,
            help="Show a progress bar on stderr (default: when stderr is a terminal).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if options["rebuild"]:
            self.rebuild(options)
        elif options["retry"]:
            self.retry(options["batch_size"])
        else:
            self.status()

    def rebuild(self, options: dict[str, Any]) -> None:
        stream = options.get("stderr") or sys.stderr
        show = options["progress"]
        if show is None:
            show = stream.isatty()
        elastic = service.elastic_backend()
        started = time.monotonic()
        with tqdm(
            total=eligible_users().count(),
            desc="Profiles",
            unit=" profiles",
            disable=not show,
            file=stream,
        ) as bar:
            try:
                counts = service.rebuild(batch=options["batch_size"], progress=bar.update)
            except SearchUnavailable as error:
                raise CommandError(
                    f"Elasticsearch at {_where(elastic.url)} did not answer, the rebuild "
                    "stopped: searches keep using the index they had. Run "
                    f"search_index --rebuild again once it is back. ({error})"
                ) from error
        seconds = time.monotonic() - started
        rate = counts["indexed"] / seconds if seconds > 0 else 0.0
        backends = ["database"]
        if elastic is not None:
            backends.append(f"Elasticsearch at {_where(elastic.url)} (alias {elastic.alias})")
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
        self.stdout.write(
            f"  {counts['indexed']} profiles indexed, {counts['removed']} removed, "
            f"in {seconds:.1f} s ({rate:.0f} profiles/s)."
        )
        self.stdout.write(f"  Backends: {', '.join(backends)}.")

    def retry(self, batch: int) -> None:
        if service.elastic_backend() is None:
            self.stdout.write(
                "Elasticsearch is not configured (ELASTICSEARCH_URL is empty): nothing to retry."
            )
            return
        waiting = service.pending_count()
        written = 0
        # Each call writes one batch; stop when everything is written or nothing moves.
        while waiting:
            still = service.retry_pending(batch)
            if still >= waiting:
                break
            written += waiting - still
            waiting = still
        self.stdout.write(f"{written} profiles written to Elasticsearch.")
        if waiting:
            self.stdout.write(
                self.style.WARNING(
                    f"{waiting} profiles still waiting: Elasticsearch did not take them. "
                    "Check that it answers (search_index --status) and run --retry again."
                )
            )
        else:
            self.stdout.write("No profiles waiting.")

    def status(self) -> None:
        write = self.stdout.write
        write(f"Profiles that may be in search: {eligible_users().count()}")
        write(f"Database backend: {service.database_backend().count()} profiles")
        elastic = service.elastic_backend()
        if elastic is None:
            write("Elasticsearch: not configured (ELASTICSEARCH_URL is empty)")
        else:
            try:
                count = elastic.count()
            except SearchUnavailable:
                write(
                    self.style.ERROR(
                        f"Elasticsearch at {_where(elastic.url)}: down, it does not answer. "
                        "Searches answer from the database backend meanwhile."
                    )
                )
            else:
                write(
                    f"Elasticsearch at {_where(elastic.url)} (alias {elastic.alias}): "
                    f"{count} profiles"
                )
        write(f"Waiting to be written to Elasticsearch: {service.pending_count()} profiles")
