"""``manage.py import_esco DIR [--languages fr,en,es]``: load or refresh the ESCO taxonomy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from skills.esco import LANGUAGES, EscoImportError, ImportReport, import_esco, parse_languages


class Command(BaseCommand):
    help = (
        "Importe l'export CSV officiel d'ESCO (skills_<langue>.csv, skillGroups_<langue>.csv, "
        "broaderRelationsSkillPillar.csv, occupations_<langue>.csv et, s'il est là, "
        "occupationSkillRelations.csv). Peut être relancée : met à jour sans rien dupliquer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Dossier de l'export ESCO (CSV).")
        parser.add_argument(
            "--languages",
            default=",".join(LANGUAGES),
            help=f"Langues à importer, séparées par des virgules (défaut : {','.join(LANGUAGES)}).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Sans barre de progression.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_esco(
                options["directory"],
                languages=parse_languages(options["languages"]),
                progress=not options["no_progress"],
            )
        except EscoImportError as error:
            raise CommandError(f"Import ESCO annulé, rien n'a été modifié. {error}") from error
        self.print_report(report)

    def print_report(self, report: ImportReport) -> None:
        write = self.stdout.write
        types = report.concepts_by_type
        write(self.style.SUCCESS("Import ESCO terminé."))
        write(
            f"  Langues : {', '.join(report.languages)} · {len(report.files)} fichiers, "
            f"{report.rows_read} lignes lues"
        )
        write(
            f"  Concepts : {types.get('skill', 0)} aptitudes, {types.get('knowledge', 0)} savoirs, "
            f"{types.get('group', 0)} groupes · {report.concepts_created} créés, "
            f"{report.concepts_updated} mis à jour, {report.concepts_unchanged} inchangés"
        )
        write(
            f"  Hiérarchie : {report.broader_rows} lignes, {report.broader_links} liens · "
            f"{report.broader_created} ajoutés, {report.broader_removed} retirés"
        )
        write(
            f"  Métiers : {report.occupations} · {report.occupations_created} créés, "
            f"{report.occupations_updated} mis à jour"
        )
        if report.occupation_skill_rows:
            write(
                f"  Compétences des métiers : {report.occupation_skill_rows} lignes · "
                f"{report.occupation_skills_created} ajoutées, "
                f"{report.occupation_skills_updated} mises à jour, "
                f"{report.occupation_skills_removed} retirées"
            )
        for warning in report.warnings:
            write(self.style.WARNING(f"  Attention : {warning}"))
