"""Remind both people of their confirmed meetings starting within 24 hours, once each.

Run it regularly (every 15 minutes is plenty), from cron::

    */15 * * * * cd /srv/acrojump && .venv/bin/python manage.py send_reminders

or enqueue ``network.talks.send_reminders_task`` from a periodic worker. Running it twice
sends nothing twice: each booking records when it was reminded.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from network.talks import do_send_reminders


class Command(BaseCommand):
    help = "Send the reminders of confirmed meetings starting within 24 hours (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = do_send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
