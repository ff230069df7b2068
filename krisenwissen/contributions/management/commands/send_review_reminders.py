"""Weekly: the editors' digest of practices due for review and the "still in use?" e-mails.

Run it from a systemd timer or cron, e.g. every Monday at 7:00 (see docs/contributions.md).
"""

from django.core.management.base import BaseCommand

from krisenwissen.contributions import freshness


class Command(BaseCommand):
    help = "Schickt der Redaktion die Liste fälliger Praxisbeispiele und fragt Ansprechpersonen nach der Aktualität."

    def add_arguments(self, parser):
        parser.add_argument("--no-contacts", action="store_true", help="Nur die Übersicht an die Redaktion senden.")

    def handle(self, *args, **options):
        listed = freshness.send_digest()
        asked = 0 if options["no_contacts"] else freshness.ask_contacts()
        self.stdout.write(
            f"{listed} fällige Praxisbeispiele an die Redaktion gemeldet, {asked} Ansprechpersonen angeschrieben."
        )
