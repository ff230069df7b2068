"""Imports write atomically, find duplicates across formats and honour merge or skip."""

from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from krisenwissen.literature.formats import LiteratureImportError, dumps
from krisenwissen.literature.importers import analyse_text, import_text
from krisenwissen.literature.models import Literature, LiteratureCreator

from . import samples

DATA = Path(__file__).resolve().parents[2] / "krisenwissen" / "literature" / "data"
pytestmark = pytest.mark.django_db


def test_import_creates_published_records_with_persons_and_organisations_apart():
    report = import_text(samples.RIS, filename="liste.ris")

    assert (report.created, report.duplicates, report.invalid) == (2, 0, 0)
    record = Literature.objects.get(title__startswith="Krisenstäbe")
    assert record.live and record.year == 2021 and record.doi == "10.1000/abc.123"
    assert record.import_source == "liste.ris (RIS)"
    creators = [(c.kind, c.family, c.given, c.name) for c in record.creators.order_by("sort_order")]
    assert creators == [
        ("person", "Müller", "Hans", ""),
        ("organisation", "", "", "Ministerie van Algemene Zaken"),
    ]
    assert record.keywords == ["Krisenstab", "Kommune"]


def test_second_format_finds_the_first_as_duplicates_by_doi_isbn_and_title():
    import_text(samples.RIS)
    csl = import_text(samples.CSL_JSON, dry_run=True)
    assert (csl.new, csl.duplicates) == (1, 1)
    assert csl.duplicate_list[0]["reason"] == "DOI"

    import_text(samples.BIBTEX, "bibtex")  # the book with an ISBN-10 is new, the report a DOI duplicate
    citavi = import_text(samples.CITAVI_CSV, dry_run=True)
    reasons = {d["title"]: d["reason"] for d in citavi.duplicate_list}
    assert reasons == {"Resilienz planen": "ISBN"}

    zotero = analyse_text(samples.ZOTERO_CSV)
    # "Hitzeschutz in Städten" by Weber (2020) has no DOI: found by title, year and first author.
    assert {c.item["title"]: c.match.reason for c in zotero.duplicates} == {
        "Krisenstäbe in Kommunen": "doi",
        "Hitzeschutz in Städten": "title",
    }


def test_fuzzy_title_match_and_different_urls():
    import_text(samples.RIS)
    near = samples.RIS.replace("Hitzeschutz in Städten", "Hitzeschutz in Staedten")
    assert import_text(near, dry_run=True).duplicates == 2
    import_text(samples.CSL_JSON.replace("10.1000/abc.123", ""))
    other_site = samples.CSL_JSON.replace("https://example.org/a", "https://example.org/b").replace(
        "10.1000/abc.123", ""
    )
    report = import_text(other_site, dry_run=True)
    # Same title, year and author, but another address: a different web page, not a duplicate.
    assert (report.new, report.duplicates) == (1, 1)


def test_skip_leaves_existing_records_and_merge_fills_empty_fields():
    import_text(samples.RIS)
    count = Literature.objects.count()
    skipped = import_text(samples.ZOTERO_CSV, duplicate_action="skip")
    assert (skipped.created, skipped.skipped) == (0, 2)
    assert Literature.objects.count() == count

    merged = import_text(samples.ZOTERO_CSV, duplicate_action="merge")
    assert merged.merged == 2 and Literature.objects.count() == count
    record = Literature.objects.get(title__startswith="Krisenstäbe")
    assert record.abstract == "Ein Bericht."
    assert LiteratureCreator.objects.filter(literature=record).count() == 2  # not doubled


def test_duplicates_inside_one_file_are_not_doubled():
    doubled = samples.RIS + "\n" + samples.RIS
    report = import_text(doubled)
    assert (report.created, report.skipped) == (2, 2)
    assert Literature.objects.count() == 2


def test_a_failing_import_writes_nothing(monkeypatch):
    from krisenwissen.literature import importers

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importers.LiteratureCreator.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        import_text(samples.RIS)
    assert Literature.objects.count() == 0


def test_export_then_import_round_trips_through_the_database():
    import_text(samples.BIBTEX, "bibtex")
    from krisenwissen.literature.csl import to_items

    items = to_items(list(Literature.objects.order_by("pk")))
    for fmt in ("ris", "bibtex", "csl-json", "csv"):
        again = analyse_text(dumps(items, fmt), fmt)
        assert len(again.duplicates) == 2 and not again.new and not again.invalid, fmt


def test_real_corpus_second_format_is_found_as_overlap(monkeypatch):
    from krisenwissen.literature import importers

    # Search indexing of 5k records is measured in the benchmark, not here.
    monkeypatch.setattr(importers, "index_records", lambda ids, **kwargs: None)
    import_text((DATA / "CCCSL_Library_of_Sources.ris").read_text(encoding="utf-8"), "ris")
    created = Literature.objects.count()
    assert created > 4500
    report = import_text((DATA / "CCCSL_Library_of_Sources.csv").read_text(encoding="utf-8-sig"), dry_run=True)
    assert report.duplicates > 0.95 * (report.duplicates + report.new)


# --- The command ---------------------------------------------------------------------------------


def test_command_imports_and_dry_run_writes_nothing(tmp_path, capsys):
    path = tmp_path / "liste.bib"
    path.write_text(samples.BIBTEX, encoding="utf-8")
    call_command("import_literature", str(path), "--dry-run")
    assert "2 neu, 0 Dubletten, 0 ungültig" in capsys.readouterr().out
    assert Literature.objects.count() == 0
    call_command("import_literature", str(path), "--format", "bibtex")
    assert Literature.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02binary" * 100, "Binärdaten"),
        (b"@article{x, title = {open", "nie geschlossen"),
    ],
)
def test_command_fails_with_one_line(tmp_path, content, message):
    path = tmp_path / "kaputt.bib"
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("import_literature", str(path))
    assert message in str(error.value) and "\n" not in str(error.value)
    assert Literature.objects.count() == 0


def test_command_exit_status(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "kaputt.json"
    path.write_text("[" * 10_000, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_literature", str(path), "--dry-run"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_format_name_is_an_import_error():
    with pytest.raises(LiteratureImportError, match="Unbekanntes Format"):
        import_text(samples.RIS, "endnote")


def test_bootstrap_loads_the_corpus_once(tmp_path, monkeypatch):
    from krisenwissen.literature import demo_content
    from krisenwissen.taxonomy.services import load_taxonomy

    load_taxonomy()
    corpus = tmp_path / "CCCSL_Library_Of_Sources.json"
    corpus.write_text(samples.CSL_JSON, encoding="utf-8")
    monkeypatch.setattr(demo_content, "CORPUS_FILE", corpus)

    assert "2 Datensätze angelegt" in demo_content.load()
    assert "bereits importiert" in demo_content.load()
    assert Literature.objects.count() == 2
    record = Literature.objects.first()
    assert not record.is_demo
    assert list(record.crisis_types.values_list("slug", flat=True)) == ["pandemie"]


def test_an_import_invalidates_the_anonymous_page_cache():
    from krisenwissen.core import pagecache

    before = pagecache.generation()
    import_text(samples.RIS)
    assert pagecache.generation() > before
