"""``manage.py seed_demo``: load the demo people and guide, then print how to log in."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from network.demo_data import STAFF
from network.demo_gatherings import seed_demo_gatherings
from network.demo_network import seed_demo_network
from network.demo_opportunities import seed_demo_opportunities
from network.demo_seed import SeedReport, seed_demo, seed_demo_mentorships
from network.demo_talks import seed_demo_talks
from network.models import User
from search import service as search_service
from skills.demo_occupations import seed_demo_occupations
from skills.demo_portfolios import seed_demo_portfolios

# They log every background job and page publication at INFO: a dozen lines that would
# push the logins off the screen of the person starting the demo.
CHATTY_LOGGERS = ["django_tasks", "wagtail"]


@contextlib.contextmanager
def quiet(logger_names: list[str]) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in logger_names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Crée (ou remet en état) les comptes de démonstration d'AcroJump, leurs "
        "organisations et un guide publié, puis affiche les identifiants. "
        "Peut être relancée sans rien dupliquer."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        chatty = CHATTY_LOGGERS if options["verbosity"] < 2 else []
        # The demo people have no mailbox: e-mails the flows send while seeding stay in memory
        # instead of burying the logins under them in the terminal.
        with (
            quiet(chatty),
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            report = seed_demo()
            mentorships = seed_demo_mentorships()
            # The skills app builds on the people: occupation pages edited by the demo editor.
            editor = User.objects.filter(email=STAFF[0].email).first()
            occupations = seed_demo_occupations(editor=editor)
            portfolio_items = seed_demo_portfolios()
            network = seed_demo_network()
            offers, applications = seed_demo_opportunities()
            slots = seed_demo_talks()
            gatherings = seed_demo_gatherings()
        # Every demo profile that opted in, in recruiter search (both backends when
        # Elasticsearch is configured), whatever state an earlier run left.
        listed = search_service.rebuild()
        self.print_report(report)
        if occupations:
            self.stdout.write(f"  Pages métiers publiées : {len(occupations)} (/metiers/)")
        self.stdout.write(
            f"  Accompagnements commencés : {mentorships} (Nadia suit Lucas, Jean-Marc suit "
            "Yanis, Claire suit Mélissa)"
        )
        self.stdout.write(
            f"  Portfolios des jeunes : {portfolio_items} expériences, réussites et preuves "
            "créées (/skills/profile/)"
        )
        self.stdout.write(
            f"  Réseau : {network.connections} mises en relation, {network.posts} publications "
            f"(/fil/), {network.messages} messages (/messages/), "
            f"{network.contact_requests} demande de contact d'une recruteuse (/contacts/)"
        )
        self.stdout.write(
            f"  Offres : {offers} publiées, {applications} candidatures (/offres/) · "
            f"créneaux de rencontre : {slots} (/talks/) · ateliers : {gatherings.workshops}, "
            f"job datings : {gatherings.job_datings} ({gatherings.meetings} rendez-vous)"
        )
        self.stdout.write(
            f"  Recherche des recruteurs : {listed['indexed']} profils trouvables (/recherche/, "
            "avec le compte de Sandrine)"
        )

    def print_report(self, report: SeedReport) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS("Données de démonstration AcroJump prêtes."))
        write(
            f"  Comptes : {report.users_created} créés, {report.users_updated} remis à jour · "
            f"organisations : {report.organisations_created} créées · "
            f"adhésions : {report.memberships_created} créées · "
            f"messages de bienvenue : {report.welcomes_sent} envoyés"
        )
        guide_state = "publié" if report.guide_created else "déjà en place"
        write(f"  Guide « Se présenter en ligne » {guide_state} : {report.guide_url}")
        write("")
        write(self.style.MIGRATE_HEADING("Comptes de démonstration"))
        header = ("Rôle", "Nom", "E-mail (identifiant)", "Qui")
        rows = [(login.role, login.name, login.email, login.details) for login in report.logins]
        widths = [max(len(row[column]) for row in [header, *rows]) for column in range(4)]

        def line(cells: tuple[str, str, str, str]) -> str:
            padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=True)]
            return ("  " + "  ".join(padded)).rstrip()

        write(self.style.MIGRATE_LABEL(line(header)))
        write("  " + "  ".join("─" * width for width in widths))
        for index, row in enumerate(rows):
            if index and row[0] != rows[index - 1][0]:
                write("")
            write(line(row))
        write("")
        write("  Mot de passe, le même pour tous : " + self.style.SUCCESS(report.password))
        if report.minors:
            minors = ", ".join(f"{login.name} ({login.details})" for login in report.minors)
            write(f"  Mineurs : {minors}.")
            write(
                "  Leur nom n'est jamais montré aux recruteurs, et leur conseiller valide "
                "tout contact d'un recruteur."
            )
        write("  Le compte de l'équipe AcroJump ouvre aussi /cms/ (le site) et /admin/.")
