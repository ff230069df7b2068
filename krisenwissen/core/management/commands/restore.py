"""``manage.py restore BACKUP_DIR --yes``: put a backup back and verify every table against it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from krisenwissen.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (replaces the database and the media files)."

    def add_arguments(self, parser):
        parser.add_argument("backup_dir")
        parser.add_argument("--yes", action="store_true", help="Do not ask; required when not interactive.")

    def handle(self, *args, backup_dir, yes, **options):
        if not yes:
            answer = input(f"Datenbank und Mediendateien durch {backup_dir} ersetzen? [ja/nein] ")
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Abgebrochen, nichts geändert.")
        try:
            tables = restore_backup(Path(backup_dir))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(state.rows for state in tables.values())
        self.stdout.write(f"Wiederhergestellt und geprüft: {len(tables)} Tabellen, {rows} Zeilen")
