"""Switch read-only maintenance mode on or off for every running process (``manage.py maintenance on``)."""

from django.core.management.base import BaseCommand

from krisenwissen.core import maintenance


class Command(BaseCommand):
    help = "Read-only maintenance mode: on, off or status."

    def add_arguments(self, parser):
        parser.add_argument("state", choices=["on", "off", "status"])
        parser.add_argument("--reason", default="", help="Stored in the flag file for the operators.")

    def handle(self, *args, state, reason, **options):
        if state != "status":
            maintenance.switch(state == "on", reason)
        self.stdout.write(f"Wartungsmodus: {'an' if maintenance.is_active() else 'aus'} ({maintenance.flag_path()})")
