"""Tell recruiters about new profiles matching their saved searches.

Run it every hour or so, from cron::

    0 * * * * cd /srv/acrojump && .venv/bin/python manage.py send_search_alerts

or from a periodic worker. Each new profile is told once per saved search (in the app at
once, by e-mail at most once a day); running it twice sends nothing twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from search.saved_searches import do_send_search_alerts


class Command(BaseCommand):
    help = (
        "Check every saved search with alerts on and tell recruiters about new matching "
        "profiles (in the app at once, by e-mail at most once a day). Meant to run from cron "
        "or a worker every hour or so."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run = do_send_search_alerts()
        self.stdout.write(
            f"{run.checked} saved search(es) checked, {run.new_profiles} new profile(s) "
            f"for {run.with_new_profiles}, {run.emails} e-mail(s) sent, "
            f"{run.broken} no longer valid, {run.failed} failed."
        )
