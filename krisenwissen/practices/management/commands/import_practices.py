"""``manage.py import_practices FILE.jsonl``: import practice examples from JSON Lines."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from krisenwissen.practices.importers import PracticeImportError, import_practices


class Command(BaseCommand):
    help = (
        "Importiert Praxisbeispiele aus einer JSON-Lines-Datei (eine Praxis je Zeile). Prüft zuerst die ganze "
        "Datei; bei einem Fehler wird nichts gespeichert, außer mit --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zur JSON-Lines-Datei.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Ungültige Zeilen überspringen und melden, die gültigen importieren.",
        )
        parser.add_argument("--demo", action="store_true", help="Alle Praxisbeispiele als Demo-Inhalt kennzeichnen.")
        parser.add_argument("--dry-run", action="store_true", help="Nur prüfen und zählen, nichts speichern.")
        parser.add_argument(
            "--draft", action="store_true", help="Als Entwurf speichern statt veröffentlichen (neue Revision)."
        )
        parser.add_argument("--no-progress", action="store_true", help="Keinen Fortschrittsbalken anzeigen.")

    def handle(self, *args, file, skip_invalid=False, demo=False, dry_run=False, draft=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Datei nicht gefunden: {path}")
        show_progress = not options.get("no_progress") and sys.stderr.isatty()
        try:
            report = import_practices(
                path,
                is_demo=demo,
                skip_invalid=skip_invalid,
                dry_run=dry_run,
                publish=not draft,
                progress=show_progress,
                stdout=self.stderr._out if show_progress else None,
            )
        except PracticeImportError as error:
            raise CommandError(error.text()) from error

        for line, note in report.notes:
            self.stdout.write(f"Hinweis zu Zeile {line}: {note}")
        for _line, message in report.skipped:
            self.stderr.write(self.style.WARNING(f"Übersprungen – {message}"))
        self.stdout.write(self.style.SUCCESS(f"Praxisbeispiele: {report.summary()} ({report.seconds} s)"))
