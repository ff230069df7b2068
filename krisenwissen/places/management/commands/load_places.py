"""Load or refresh the German municipality registry (Kreise and Gemeinden)."""

import time

from django.core.management.base import BaseCommand

from krisenwissen.places.registry import load_registry


class Command(BaseCommand):
    help = "Loads every German Kreis and Gemeinde into the registry; skipped when the data files are unchanged."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload even if the data files are unchanged.")

    def handle(self, *args, force=False, **options):
        started = time.monotonic()
        counts = load_registry(force=force)
        elapsed = time.monotonic() - started
        if counts["skipped"]:
            self.stdout.write(
                f"Kommunenregister unverändert: {counts['gemeinden']} Gemeinden, {counts['kreise']} Kreise "
                f"(übersprungen; --force lädt neu)."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Kommunenregister geladen: {counts['gemeinden']} Gemeinden, {counts['kreise']} Kreise "
                    f"in {elapsed:.1f} s."
                )
            )
