import io
import json

import pytest

from django.core.management import CommandError, call_command

from taggit.models import Tag
from wagtail.models import Revision

from krisenwissen.places.models import Place
from krisenwissen.practices.importers import DEMO_FILE, PracticeImportError, import_practices
from krisenwissen.practices.models import Practice
from krisenwissen.taxonomy.models import Theme

from .records import jsonl, practice_record

pytestmark = pytest.mark.usefixtures("refdb")


def run(*records, **options):
    return import_practices(io.StringIO(jsonl(*records)), **options)


def slugs(manager) -> set[str]:
    return set(manager.values_list("slug", flat=True))


def row_counts() -> dict:
    return {
        "practices": Practice.objects.count(),
        "places": Place.objects.count(),
        "revisions": Revision.objects.count(),
        "tags": Tag.objects.count(),
    }


# --- The demo file ----------------------------------------------------------------------------


def test_demo_file_imports_every_practice_with_its_classification_and_a_second_run_changes_nothing(
    django_assert_max_num_queries,
):
    report = import_practices(DEMO_FILE, is_demo=True)

    assert (report.created, report.updated, report.unchanged, report.skipped) == (180, 0, 0, [])
    assert Practice.objects.count() == 180
    assert Practice.objects.filter(live=True, is_demo=True).count() == 180

    practice = Practice.objects.get(external_id="PX-A-001")
    assert practice.title == "Stab für außergewöhnliche Ereignisse mit Lagezentrum und festen Unterstäben"
    assert practice.language == "de"
    assert practice.municipality.name == "Köln"
    assert practice.municipality.country == "DE"
    assert practice.municipality_label == ""
    assert slugs(practice.themes) == {"krisenmanagement"}
    assert slugs(practice.crisis_types) == {"pandemie"}
    assert slugs(practice.phases) == {"bewaeltigung", "nachbereitung"}
    assert (practice.innovation_type.slug, practice.origin.slug, practice.maturity.slug) == (
        "prozess",
        "emergent",
        "evaluiert",
    )
    assert slugs(practice.actors) == {
        "krisenstab",
        "gesundheitsamt",
        "feuerwehr-katastrophenschutz",
        "ordnungsamt",
        "presse-oeffentlichkeitsarbeit",
    }
    assert not practice.target_groups.exists()
    assert set(practice.levers.values_list("number", flat=True)) == {1, 7}
    assert (practice.start_year, practice.end_year) == (2020, 2023)
    assert set(practice.keywords.names()) == {
        "SAE",
        "Stab für außergewöhnliche Ereignisse",
        "Lagezentrum",
        "Unterstab",
        "Stabstagebuch",
        "Maßnahmenliste",
        "Corona",
    }
    assert practice.last_reviewed is None
    # Published the Wagtail way: one revision, which is the live one, and a history entry.
    assert practice.revisions.count() == 1
    assert practice.live_revision_id == practice.latest_revision_id is not None
    assert not practice.has_unpublished_changes
    assert practice.first_published_at is not None
    revision_content = practice.live_revision.content
    assert revision_content["title"] == practice.title
    assert sorted(revision_content["levers"]) == sorted(practice.levers.values_list("pk", flat=True))

    neukoelln = Practice.objects.get(external_id="PX-B-028")
    assert neukoelln.municipality.name == "Berlin"
    assert neukoelln.municipality_label == "Berlin-Neukölln"
    assert neukoelln.municipality_display == "Berlin-Neukölln"
    vienna = Practice.objects.get(external_id="PX-D-001")
    assert (vienna.municipality.name, vienna.municipality.country, vienna.language) == ("Wien", "AT", "en")
    assert any("Berlin-Neukölln" in note for _line, note in report.notes)

    before = row_counts()
    with django_assert_max_num_queries(400):
        second = import_practices(DEMO_FILE, is_demo=True)
    assert (second.created, second.updated, second.unchanged, second.skipped) == (0, 0, 180, [])
    assert second.summary() == "0 neu, 0 aktualisiert, 180 unverändert, 0 übersprungen"
    assert row_counts() == before


# --- Creating and updating ----------------------------------------------------------------------


def test_a_changed_line_updates_the_practice_and_publishes_a_new_revision():
    run(practice_record())
    practice = Practice.objects.get(external_id="PX-T-001")
    slug = practice.slug

    changed = practice_record(
        title="Lagezentrum, überarbeitet",
        themes=["krisenkommunikation", "vulnerable-gruppen"],
        stellschrauben=[2],
        keywords=["Lagezentrum", "Lagebild"],
        end_year=None,
        municipality={"name": "Bonn", "state": "Nordrhein-Westfalen"},
    )
    report = run(changed)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    practice.refresh_from_db()
    assert practice.title == "Lagezentrum, überarbeitet"
    assert practice.slug == slug, "the address of a practice stays stable"
    assert slugs(practice.themes) == {"krisenkommunikation", "vulnerable-gruppen"}
    assert list(practice.levers.values_list("number", flat=True)) == [2]
    assert set(practice.keywords.names()) == {"Lagezentrum", "Lagebild"}
    assert practice.end_year is None
    assert practice.municipality.name == "Bonn"
    assert practice.revisions.count() == 2
    assert practice.live_revision_id == practice.latest_revision_id
    assert practice.live_revision.content["title"] == "Lagezentrum, überarbeitet"
    assert Practice.objects.count() == 1


def test_lines_with_basis_synthetic_are_demo_content_and_others_are_not():
    run(practice_record(id="PX-T-001", basis="synthetic"), practice_record(id="PX-T-002"))

    assert Practice.objects.get(external_id="PX-T-001").is_demo
    assert not Practice.objects.get(external_id="PX-T-002").is_demo


def test_blank_lines_and_a_byte_order_mark_are_accepted_and_line_numbers_count_them():
    data = ("\ufeff" + jsonl(practice_record(id="PX-T-001"), "", "   ", practice_record(id="PX-T-002"))).encode()
    report = import_practices(io.BytesIO(data))
    assert report.created == 2

    bad = "\ufeff" + jsonl(practice_record(id="PX-T-003"), "", practice_record(id="PX-T-004", language="fr"))
    with pytest.raises(PracticeImportError) as error:
        import_practices(io.StringIO(bad))
    assert error.value.messages == ["Zeile 3, Feld „language“: „fr“ ist keine erlaubte Sprache (erlaubt: de, en)."]


def test_dry_run_counts_but_writes_nothing_not_even_a_european_place():
    places = Place.objects.count()
    report = run(
        practice_record(id="PX-T-001"),
        practice_record(id="PX-T-002", municipality={"name": "Graz", "state": "Steiermark", "country": "AT"}),
        dry_run=True,
    )

    assert (report.created, report.dry_run) == (2, True)
    assert "Probelauf" in report.summary()
    assert Practice.objects.count() == 0
    assert Place.objects.count() == places


def test_draft_import_keeps_the_live_version_and_is_idempotent():
    run(practice_record(title="Live-Titel"))
    run(practice_record(title="Entwurfstitel"), publish=False)

    practice = Practice.objects.get(external_id="PX-T-001")
    assert practice.title == "Live-Titel"
    assert practice.live and practice.has_unpublished_changes
    assert practice.get_latest_revision_as_object().title == "Entwurfstitel"
    assert run(practice_record(title="Entwurfstitel"), publish=False).unchanged == 1

    run(practice_record(id="PX-T-002"), publish=False)
    assert not Practice.objects.get(external_id="PX-T-002").live


# --- Invalid input --------------------------------------------------------------------------------

INVALID_LINES = [
    pytest.param(
        practice_record(id="PX-T-002", crisis_types=["pandemie", "erdbeben"]),
        "Zeile 2, Feld „crisis_types“: unbekannter Begriff „erdbeben“ (erlaubt: allgemein, cyberangriff,",
        id="unknown-term",
    ),
    pytest.param(
        practice_record(id="PX-T-002", maturity="fertig"),
        "Zeile 2, Feld „maturity“: unbekannter Begriff „fertig“",
        id="unknown-single-term",
    ),
    pytest.param(
        practice_record(id="PX-T-002", themes="krisenmanagement"),
        "Zeile 2, Feld „themes“: erwartet wird eine Liste von Kürzeln, gefunden: Text.",
        id="list-expected",
    ),
    pytest.param(
        practice_record(id="PX-T-002", themes=[]),
        "Zeile 2, Feld „themes“: mindestens ein Begriff ist nötig.",
        id="empty-required-list",
    ),
    pytest.param(
        practice_record(id="PX-T-002", summary="x" * 401),
        "Zeile 2, Feld „summary“: höchstens 400 Zeichen erlaubt, hat 401.",
        id="summary-too-long",
    ),
    pytest.param(
        practice_record(id="PX-T-002", language="fr"),
        "Zeile 2, Feld „language“: „fr“ ist keine erlaubte Sprache",
        id="language",
    ),
    pytest.param(
        practice_record(id="PX-T-002", stellschrauben=[1, 8]),
        "Zeile 2, Feld „stellschrauben“: „8“ ist keine Stellschraube (erlaubt: ganze Zahlen von 1 bis 7).",
        id="lever-out-of-range",
    ),
    pytest.param(
        practice_record(id="PX-T-002", stellschrauben=["3"]),
        'Zeile 2, Feld „stellschrauben“: „"3"“ ist keine Stellschraube',
        id="lever-as-text",
    ),
    pytest.param(
        practice_record(id="PX-T-002", start_year=1850),
        "Zeile 2, Feld „start_year“: 1850 liegt außerhalb des erlaubten Bereichs 1990–2100.",
        id="year-out-of-range",
    ),
    pytest.param(
        practice_record(id="PX-T-002", start_year="2020"),
        "Zeile 2, Feld „start_year“: erwartet wird eine Jahreszahl, gefunden: Text.",
        id="year-as-text",
    ),
    pytest.param(
        practice_record(id="PX-T-002", start_year=2022, end_year=2021),
        "Zeile 2, Feld „end_year“: das Ende (2021) liegt vor dem Beginn (2022).",
        id="end-before-start",
    ),
    pytest.param(
        {k: v for k, v in practice_record(id="PX-T-002").items() if k != "title"},
        "Zeile 2, Feld „title“: Pflichtfeld fehlt.",
        id="missing-field",
    ),
    pytest.param(
        {k: v for k, v in practice_record().items() if k != "id"},
        "Zeile 2, Feld „id“: Pflichtfeld fehlt.",
        id="missing-id",
    ),
    pytest.param(
        practice_record(id="PX-T-001"),
        "Zeile 2, Feld „id“: „PX-T-001“ kommt bereits in Zeile 1 vor.",
        id="duplicate-id",
    ),
    pytest.param(
        practice_record(id="PX-T-002", crisis_type=["pandemie"]),
        "Zeile 2, Feld „crisis_type“: unbekanntes Feld",
        id="unknown-field",
    ),
    pytest.param(
        practice_record(id="PX-T-002", keywords=["Lagezentrum", ""]),
        "Zeile 2, Feld „keywords“: erwartet wird ein nicht leerer Text",
        id="empty-keyword",
    ),
    pytest.param(
        practice_record(id="PX-T-002", municipality={"name": "Atlantis", "state": "Nordrhein-Westfalen"}),
        "Zeile 2, Feld „municipality“: ",
        id="unknown-municipality",
    ),
    pytest.param(
        practice_record(id="PX-T-002", municipality="Köln"),
        "Zeile 2, Feld „municipality“: erwartet wird ein Objekt mit „name“, „state“ und „country“",
        id="municipality-not-object",
    ),
    pytest.param(
        practice_record(id="PX-T-002", municipality={"name": "Köln", "country": "Deutschland"}),
        "Zeile 2, Feld „municipality.country“: erwartet wird ein Ländercode nach ISO 3166-1",
        id="country-code",
    ),
    pytest.param('{"id": "PX-T-002", "title": ', "Zeile 2: kein gültiges JSON", id="malformed-json"),
    pytest.param("[1, 2, 3]", "Zeile 2: erwartet wird ein JSON-Objekt {…}, gefunden: Liste.", id="not-an-object"),
]


@pytest.mark.parametrize(("line", "expected"), INVALID_LINES)
def test_an_invalid_line_aborts_the_import_with_line_field_and_problem_and_writes_nothing(line, expected):
    before = row_counts()
    # The valid first line would create a place on demand: it must be rolled back too.
    first = practice_record(id="PX-T-001", municipality={"name": "Graz", "state": "Steiermark", "country": "AT"})

    with pytest.raises(PracticeImportError) as error:
        run(first, line)

    assert any(message.startswith(expected) for message in error.value.messages), error.value.messages
    assert "nichts wurde gespeichert" in str(error.value)
    assert row_counts() == before


def test_a_line_that_is_not_utf8_is_reported_with_its_number():
    data = jsonl(practice_record()).encode() + b'{"id": "PX-T-002", "title": "Stra\xdfe"}\n'

    with pytest.raises(PracticeImportError) as error:
        import_practices(io.BytesIO(data))

    assert error.value.messages[0].startswith("Zeile 2: Die Zeile ist nicht UTF-8-kodiert")
    assert Practice.objects.count() == 0


def test_a_utf16_file_is_rejected_as_a_whole(tmp_path):
    path = tmp_path / "practices.jsonl"
    path.write_text(jsonl(practice_record()), encoding="utf-16")

    with pytest.raises(PracticeImportError) as error:
        import_practices(path)

    assert error.value.messages == ["Zeile 1: Die Datei ist UTF-16-kodiert; bitte als UTF-8 (JSON Lines) speichern."]


def test_every_problem_of_the_file_is_reported_at_once():
    lines = [
        practice_record(id="PX-T-001", language="fr"),
        practice_record(id="PX-T-002"),
        practice_record(id="PX-T-003", origin="zufall", start_year=3000),
    ]
    with pytest.raises(PracticeImportError) as error:
        run(*lines)

    assert [(p.line, p.field) for p in error.value.problems] == [
        (1, "language"),
        (3, "origin"),
        (3, "start_year"),
    ]


def test_the_list_of_problems_is_capped_and_counts_the_rest():
    lines = [practice_record(id=f"PX-T-{n:03}", language="xx") for n in range(60)]
    with pytest.raises(PracticeImportError) as error:
        run(*lines)

    assert error.value.total == 60
    assert len(error.value.messages) == 51
    assert error.value.messages[-1] == "… und 10 weitere Fehler."


def test_an_empty_taxonomy_is_reported_instead_of_rejecting_every_term():
    Theme.objects.all().delete()
    with pytest.raises(PracticeImportError) as error:
        run(practice_record())
    assert "Die Taxonomie ist nicht geladen (leer: themes)" in error.value.messages[0]


def test_skip_invalid_imports_the_valid_lines_and_reports_each_skipped_one():
    report = run(
        practice_record(id="PX-T-001"),
        practice_record(id="PX-T-002", crisis_types=["erdbeben"]),
        "kein json",
        practice_record(id="PX-T-004"),
        skip_invalid=True,
    )

    assert (report.created, [line for line, _message in report.skipped]) == (2, [2, 3])
    assert "unbekannter Begriff „erdbeben“" in report.skipped[0][1]
    assert set(Practice.objects.values_list("external_id", flat=True)) == {"PX-T-001", "PX-T-004"}
    assert report.summary() == "2 neu, 0 aktualisiert, 0 unverändert, 2 übersprungen"


# --- The management command ---------------------------------------------------------------------


def write_file(tmp_path, *records):
    path = tmp_path / "practices.jsonl"
    path.write_text(jsonl(*records), encoding="utf-8")
    return path


def test_command_imports_a_file_and_reports(tmp_path):
    out = io.StringIO()
    call_command("import_practices", str(write_file(tmp_path, practice_record())), stdout=out)

    assert "Praxisbeispiele: 1 neu, 0 aktualisiert, 0 unverändert, 0 übersprungen" in out.getvalue()
    assert Practice.objects.filter(external_id="PX-T-001", live=True).exists()


def test_command_fails_with_the_error_lines_and_writes_nothing(tmp_path):
    path = write_file(tmp_path, practice_record(), practice_record(id="PX-T-002", phases=["danach"]))

    with pytest.raises(CommandError) as error:
        call_command("import_practices", str(path), stdout=io.StringIO())

    assert "Zeile 2, Feld „phases“: unbekannter Begriff „danach“" in str(error.value)
    assert Practice.objects.count() == 0


def test_command_skip_invalid_demo_and_dry_run(tmp_path):
    path = write_file(tmp_path, practice_record(), practice_record(id="PX-T-002", phases=["danach"]))
    out, err = io.StringIO(), io.StringIO()

    call_command("import_practices", str(path), "--skip-invalid", "--dry-run", stdout=out, stderr=err)
    assert Practice.objects.count() == 0
    assert "1 neu" in out.getvalue() and "Probelauf" in out.getvalue()
    assert "Zeile 2, Feld „phases“" in err.getvalue()

    call_command("import_practices", str(path), "--skip-invalid", "--demo", stdout=out, stderr=err)
    assert list(Practice.objects.values_list("external_id", "is_demo")) == [("PX-T-001", True)]


def test_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Datei nicht gefunden"):
        call_command("import_practices", str(tmp_path / "fehlt.jsonl"))


def test_records_helper_matches_the_demo_format():
    """The hand-built test line has exactly the fields of a demo line (so the tests test the real format)."""
    demo = json.loads(DEMO_FILE.read_text(encoding="utf-8").splitlines()[0])
    assert set(practice_record()) | {"basis"} == set(demo)
