"""``manage.py import_literature FILE [--format …] [--dry-run] [--merge] [--demo]``

Imports directly and non-interactively. Exit status 0 on success; on bad input a single line
with the reason on standard error and exit status 1 (nothing is written).
"""

import os

from django.core.management.base import BaseCommand, CommandError

from krisenwissen.literature.formats import MAX_FILE_BYTES, LiteratureImportError, decode
from krisenwissen.literature.importers import import_text


class Command(BaseCommand):
    help = "Importiert Literatur aus RIS, BibTeX/BibLaTeX, CSL-JSON oder CSV (Zotero/Citavi)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=["ris", "bibtex", "csl-json", "csv"], help="sonst erkannt")
        parser.add_argument("--dry-run", action="store_true", help="nur prüfen und die Vorschau ausgeben")
        parser.add_argument("--merge", action="store_true", help="Dubletten zusammenführen statt überspringen")
        parser.add_argument("--demo", action="store_true", help="als Demo-Inhalt kennzeichnen")

    def handle(self, *args, file, format=None, dry_run=False, merge=False, demo=False, **options):  # noqa: A002
        try:
            size = os.path.getsize(file)
        except OSError as error:
            raise CommandError(f"Die Datei „{file}“ kann nicht gelesen werden: {error.strerror}.") from error
        if size > MAX_FILE_BYTES:
            raise CommandError(
                f"Die Datei ist zu groß ({size // 1048576} MB); erlaubt sind höchstens {MAX_FILE_BYTES // 1048576} MB."
            )
        try:
            with open(file, "rb") as handle:
                text = decode(handle.read())
            report = import_text(
                text,
                format,
                filename=os.path.basename(file),
                duplicate_action="merge" if merge else "skip",
                is_demo=demo,
                dry_run=dry_run,
            )
        except LiteratureImportError as error:
            raise CommandError(" ".join(str(error).split())) from error
        if dry_run:
            self.stdout.write(f"Probelauf ({report.format}), nichts gespeichert: {report.summary()}")
            for dup in report.duplicate_list[:20]:
                target = dup["target"]
                where = f"#{target['id']}" if target.get("id") else f"Zeile {target.get('line')}"
                self.stdout.write(f"  Dublette Zeile {dup['line']} → {where} ({dup['reason']}): {dup['title'][:80]}")
            for line, reason in report.invalid_list[:20]:
                self.stdout.write(f"  Ungültig Zeile {line}: {reason}")
        else:
            self.stdout.write(f"Import ({report.format}) in {report.seconds} s: {report.summary()}")
