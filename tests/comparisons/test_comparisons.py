"""Comparison records: the pick-and-compare table (no JavaScript), limits, record pages, API, demo labels."""

import re

import pytest

from krisenwissen.comparisons import demo_content
from krisenwissen.comparisons.models import CrisisStaffArrangement

pytestmark = pytest.mark.django_db
TABLE_URL = "/vergleiche/krisenstaebe/"


@pytest.fixture
def records():
    demo_content.load()
    return {record.land: record for record in CrisisStaffArrangement.objects.all()}


def slugs(records, *lands):
    return [records[land].slug for land in lands]


def test_demo_content_covers_all_sixteen_laender_once(records):
    assert len(records) == 16
    assert all(record.is_demo and record.live for record in records.values())
    assert demo_content.load().startswith("0 ")


def test_overview_links_to_the_kind(client, records):
    page = client.get("/vergleiche/").content.decode()
    assert f'href="{TABLE_URL}"' in page
    assert "16 Einträge" in page
    assert "badge--demo" in page


def test_pick_list_offers_every_record_as_checkbox(client, records):
    page = client.get(TABLE_URL).content.decode()
    assert page.count('type="checkbox" name="auswahl"') == 16
    assert 'method="get"' in page
    assert "comparison-table" not in page
    assert "beschreiben nicht die tatsächliche Rechtslage" in page


def test_two_to_five_records_are_compared_field_by_field(client, records):
    chosen = slugs(records, "Bayern", "Bremen", "Sachsen")
    page = client.get(TABLE_URL, {"auswahl": chosen}).content.decode()
    table = page.split('<table class="table comparison-table">', 1)[1].split("</table>", 1)[0]
    headers = re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a>', table)
    assert headers == ["Bayern", "Bremen", "Sachsen"]  # in list order
    for label in (
        "Rechtsgrundlage",
        "Stabsmodell",
        "Wer beruft ein",
        "Beteiligte Ressorts und Stellen",
        "Beendigung und Übergang",
        "Weiterführende Informationen",
    ):
        assert f'<th scope="row">{label}</th>' in table
    assert records["Bayern"].legal_basis in table
    assert table.count("<td>") == 6 * 3
    for slug in chosen:
        assert f'value="{slug}" checked' in page


def test_more_than_five_gives_a_clear_message_and_keeps_the_ticks(client, records):
    chosen = slugs(records, "Bayern", "Bremen", "Sachsen", "Hessen", "Berlin", "Hamburg", "Saarland")
    response = client.get(TABLE_URL, {"auswahl": chosen})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sie haben 7 Einträge gewählt. Verglichen werden können höchstens 5" in page
    assert "mindestens 2 Häkchen" in page
    assert 'role="alert"' in page
    assert "comparison-table" not in page
    assert all(f'value="{slug}" checked' in page for slug in chosen)


def test_one_record_asks_for_a_second(client, records):
    page = client.get(TABLE_URL, {"auswahl": slugs(records, "Bayern")}).content.decode()
    assert "mindestens zwei Einträge" in page
    assert "comparison-table" not in page


def test_unknown_and_duplicate_values_are_ignored(client, records):
    bayern, bremen = slugs(records, "Bayern", "Bremen")
    page = client.get(TABLE_URL, {"auswahl": [bayern, bayern, bremen, "atlantis"]}).content.decode()
    assert "Ein gewählter Eintrag ist unbekannt und wurde ignoriert: atlantis." in page
    assert "Vergleich von 2 Einträgen" in page


def test_unknown_kind_is_404(client):
    assert client.get("/vergleiche/gibt-es-nicht/").status_code == 404


def test_record_page(client, records):
    record = records["Thüringen"]
    page = client.get(record.get_absolute_url()).content.decode()
    assert "<dt>Rechtsgrundlage</dt>" in page
    assert record.staff_model in page
    assert "Dieser Eintrag ist fiktiv" in page
    assert f"{TABLE_URL}?auswahl={record.slug}" in page


def test_unpublished_records_are_hidden(client, records):
    record = records["Bremen"]
    CrisisStaffArrangement.objects.filter(pk=record.pk).update(live=False)
    assert client.get(record.get_absolute_url()).status_code == 404
    assert client.get(TABLE_URL).content.decode().count('name="auswahl"') == 15


def test_api(client, records):
    data = client.get("/api/v1/comparisons/krisenstaebe").json()
    assert data["count"] == 16
    first = data["records"][0]
    assert first["is_demo"] is True
    assert [field["field"] for field in first["fields"]] == list(CrisisStaffArrangement.comparison_fields)
    one = client.get(f"/api/v1/comparisons/krisenstaebe/{records['Bayern'].slug}").json()
    assert one["label"] == "Bayern"
    assert client.get("/api/v1/comparisons/andere").status_code == 404


def test_search_finds_records(client, records):
    from krisenwissen.search.engine import reset_index

    reset_index()
    data = client.get("/api/v1/search", {"q": "Krisenstäbe Thüringen", "type": "comparison"}).json()
    reset_index()
    assert data["results"][0]["title"] == "Krisenstäbe in Thüringen"
