from django.core.management.base import BaseCommand

from krisenwissen.search.indexing import rebuild


class Command(BaseCommand):
    help = "Baut den Suchindex aller öffentlichen Inhalte neu auf (mit Fortschrittsanzeige)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Keine Fortschrittsanzeige")

    def handle(self, *args, **options):
        count = rebuild(progress=not options["no_progress"], stdout=self.stderr._out)
        self.stdout.write(self.style.SUCCESS(f"{count} Dokumente indexiert."))
