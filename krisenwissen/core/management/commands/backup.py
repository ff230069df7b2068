"""``manage.py backup [--output DIR]``: database + media + manifest with per-table checksums."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from krisenwissen.core.backup import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump -Fc) and the media files."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.BACKUP_DIR))

    def handle(self, *args, output, **options):
        try:
            path = create_backup(Path(output))
            manifest = read_manifest(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(f"Sicherung: {path} ({len(manifest['tables'])} Tabellen, {rows} Zeilen)")
