"""The restore drill: back up a populated site, empty it, restore, and compare every table."""

from pathlib import Path

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from krisenwissen.core import backup
from krisenwissen.practices.models import Practice
from tests.browser.conftest import restore_wagtail_tree
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def populated_site(settings, tmp_path):
    from krisenwissen.core.bootstrap import ensure_site_pages
    from krisenwissen.taxonomy.services import load_taxonomy

    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "hitzeplan.pdf").write_bytes(b"%PDF-1.4 Hitzeaktionsplan")
    restore_wagtail_tree()
    load_taxonomy()
    ensure_site_pages()
    for number in range(12):
        PracticeFactory(title=f"Praxisbeispiel {number} für die Sicherung")
    return settings.MEDIA_ROOT


def test_restore_drill_reproduces_every_table_and_file(populated_site, tmp_path):
    before = backup.table_states()
    path = backup.create_backup(tmp_path / "backups")
    manifest = backup.read_manifest(path)
    assert manifest["tables"]["practices_practice"]["rows"] == 12

    # Disaster: content deleted, a file lost.
    Practice.objects.all().delete()
    (populated_site / "documents" / "hitzeplan.pdf").unlink()
    assert backup.table_states()["practices_practice"].rows == 0

    restored = backup.restore_backup(path)

    assert restored == before
    assert Practice.objects.filter(title__startswith="Praxisbeispiel").count() == 12
    assert (populated_site / "documents" / "hitzeplan.pdf").read_bytes() == b"%PDF-1.4 Hitzeaktionsplan"


def test_a_damaged_backup_is_refused_before_anything_changes(populated_site, tmp_path):
    path = backup.create_backup(tmp_path / "backups")
    database_file = next(p for p in Path(path).iterdir() if p.name.startswith("database"))
    with database_file.open("ab") as handle:
        handle.write(b"garbage")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(path), "--yes")
    assert Practice.objects.count() == 12


def test_backup_command_reports_what_it_saved(populated_site, tmp_path, capsys):
    call_command("backup", "--output", str(tmp_path / "backups"))
    assert "Sicherung:" in capsys.readouterr().out
