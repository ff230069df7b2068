"""Send the weekly e-mail digests of practice alerts (run weekly, e.g. from a systemd timer)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from krisenwissen.opendata.alerts import send_digests


class Command(BaseCommand):
    help = "Verschickt die wöchentlichen Benachrichtigungen und löscht unbestätigte Anmeldungen nach 7 Tagen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"),
            help="Öffentliche Adresse der Plattform für die Links in den E-Mails.",
        )

    def handle(self, *args, base_url, **options):
        counts = send_digests(base_url)
        self.stdout.write(
            f"{counts['sent']} Benachrichtigungen verschickt ({counts['checked']} bestätigte Abos geprüft, "
            f"{counts['purged']} unbestätigte Anmeldungen gelöscht)."
        )
