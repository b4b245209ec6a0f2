"""Give occupation pages with an ESCO occupation and no skill the skills ESCO relates to it.

Run after importing ESCO with its occupation-skill relations; pages whose editors chose
skills are left as they are.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from skills.models import OccupationPage
from skills.occupation_actions import do_prefill_occupation_skills


class Command(BaseCommand):
    help = "Pre-fill the skills of occupation pages from ESCO occupation-skill relations."

    def handle(self, *args: object, **options: object) -> None:
        pages = OccupationPage.objects.filter(occupation__isnull=False).order_by("path")
        filled = 0
        for page in pages:
            added = do_prefill_occupation_skills(page)
            if added:
                filled += 1
                self.stdout.write(f"{page.title}: {added} skills")
        self.stdout.write(self.style.SUCCESS(f"{filled} occupation page(s) pre-filled."))
