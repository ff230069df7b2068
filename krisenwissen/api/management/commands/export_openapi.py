"""Write the API's OpenAPI schema to ``krisenwissen/api/openapi.json`` (committed, checked in CI)."""

from django.core.management.base import BaseCommand

from krisenwissen.api.openapi import SCHEMA_FILE, generated_schema, render


class Command(BaseCommand):
    help = "Schreibt das OpenAPI-Schema der Schnittstelle nach krisenwissen/api/openapi.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Nur prüfen; Exit-Code 1, wenn die Datei veraltet ist."
        )

    def handle(self, *args, check=False, **options):
        text = render(generated_schema())
        current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if check:
            if current != text:
                self.stderr.write("openapi.json ist veraltet: python manage.py export_openapi ausführen.")
                raise SystemExit(1)
            self.stdout.write("openapi.json ist aktuell.")
            return
        SCHEMA_FILE.write_text(text, encoding="utf-8")
        self.stdout.write(f"{SCHEMA_FILE} geschrieben ({len(text)} Zeichen).")
