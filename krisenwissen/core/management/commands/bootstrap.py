"""Bring a database to a usable state: reference data, demo content, pages and a demo editor.

Idempotent and quick on the second run: every step checks what is already there.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from krisenwissen.core.bootstrap import ensure_demo_editor, ensure_site_pages
from krisenwissen.places.registry import load_registry
from krisenwissen.practices.importers import DEMO_FILE, import_practices
from krisenwissen.taxonomy.services import load_taxonomy


class Command(BaseCommand):
    help = "Loads reference data, the demo practices and the editorial pages; creates a demo editor (dev only)."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Skip the demo practices and the demo editor.")

    def handle(self, *args, no_demo=False, **options):
        created = load_taxonomy()
        self.stdout.write(f"Taxonomie: {sum(created.values())} neue Begriffe")
        counts = load_registry()
        self.stdout.write(f"Kommunenregister: {counts}")
        ensure_site_pages()
        if no_demo:
            return
        report = import_practices(DEMO_FILE, is_demo=True, progress=False)
        self.stdout.write(f"Demo-Praxisbeispiele: {report.summary()}")
        self.load_app_content()
        if settings.DEBUG:
            username, password, created_user = ensure_demo_editor()
            self.stdout.write(
                self.style.WARNING(
                    f"Demo-Redaktionskonto (nur Entwicklung): {username} / {password} – "
                    f"Anmeldung unter {settings.WAGTAILADMIN_BASE_URL}/cms/"
                )
            )

    def load_app_content(self):
        """Every app with a ``demo_content`` module seeds its own reference and demo content.

        The module has ``load() -> str``: idempotent (a second run adds nothing), returns a one-line
        summary. Apps run in ``INSTALLED_APPS`` order, so content can link to what earlier apps made.
        """
        for app_config in apps.get_app_configs():
            if not app_config.name.startswith("krisenwissen."):
                continue
            try:
                module = import_module(f"{app_config.name}.demo_content")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.demo_content":
                    raise
                continue
            summary = module.load()
            self.stdout.write(f"{app_config.verbose_name}: {summary}")
