"""Bulk exports on /daten/: CSV (formula cells neutralised), JSON, JSON-LD, licence, reference data."""

import csv
import io
import json

import pytest
from rdflib import Graph

from krisenwissen.core.models import PlatformSettings
from krisenwissen.opendata.exports import neutralise


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response))))


def test_index_lists_datasets_with_licence_and_formats(client, corpus):
    response = client.get("/daten/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Praxisbeispiele aus dem kommunalen Krisenmanagement" in html
    assert "Gemeinderegister" in html and "Vokabulare der Wissensplattform" in html
    for fmt in ("csv", "json", "jsonld"):
        assert f'href="/daten/praxisbeispiele.{fmt}"' in html
        assert f'href="/daten/kommunen.{fmt}"' in html
    assert 'rel="license">CC BY 4.0<' in html
    # The municipality registry keeps its own licence and attribution.
    assert "DL-DE BY 2.0" in html and "GeoBasis-DE / BKG" in html
    assert 'href="/catalog.ttl"' in html and 'href="/feeds/praxisbeispiele/"' in html


def test_csv_has_published_practices_only_and_neutralises_formulas(client, corpus):
    response = client.get("/daten/praxisbeispiele.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    assert 'filename="krisenwissen-praxisbeispiele-' in response["Content-Disposition"]
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/deed.de>; rel="license"'
    rows = csv_rows(response)
    assert sorted(row["external_id"] for row in rows) == ["PX-D", "PX-F"]
    formula = next(row for row in rows if row["external_id"] == "PX-F")
    assert formula["title"] == '\'=HYPERLINK("http://evil.example","Klick")'
    assert formula["summary"] == "'-2+3 Hitzeschutz für Ältere"
    assert formula["keywords"] == "'@Senioren|Hitze"
    assert formula["themes"] == "vulnerable-gruppen" and formula["stellschrauben"] == "2"
    assert formula["ags"] == "05315000" and formula["state"] == "Nordrhein-Westfalen"
    assert formula["is_demo"] == "false"
    assert formula["url"].endswith(f"/praxisbeispiele/{corpus['formula'].slug}/")
    assert "Geheimer Entwurf" not in body(client.get("/daten/praxisbeispiele.csv"))


def test_neutralise_leaves_numbers_and_plain_text_alone():
    assert neutralise(-3) == -3
    assert neutralise("Hitze") == "Hitze"
    assert neutralise("+49 30 1234") == "'+49 30 1234"
    assert neutralise("\t=1") == "'\t=1"


def test_json_export_states_licence_and_lists_published_records(client, corpus):
    response = client.get("/daten/praxisbeispiele.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(body(response))
    assert data["licence"]["name"] == "CC BY 4.0"
    assert data["licence"]["identifier"] == "http://dcat-ap.de/def/licenses/cc-by/4.0"
    assert {record["external_id"] for record in data["records"]} == {"PX-D", "PX-F"}
    demo = next(record for record in data["records"] if record["external_id"] == "PX-D")
    assert demo["is_demo"] is True and demo["end_year"] == 2020 and demo["crisis_types"] == ["hochwasser"]
    # JSON keeps the raw text: neutralising is a spreadsheet concern.
    assert any(record["title"].startswith("=HYPERLINK") for record in data["records"])


def test_editors_licence_choice_reaches_exports(client, corpus):
    settings = PlatformSettings.load()
    settings.content_licence = "DL-DE ZERO 2.0"
    settings.content_licence_url = "https://www.govdata.de/dl-de/zero-2-0"
    settings.save()
    data = json.loads(body(client.get("/daten/praxisbeispiele.json")))
    assert data["licence"]["name"] == "DL-DE ZERO 2.0"
    assert data["licence"]["identifier"] == "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"
    assert "DL-DE ZERO 2.0" in client.get("/daten/").content.decode()


def test_jsonld_export_parses_as_rdf(client, corpus):
    response = client.get("/daten/praxisbeispiele.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    text = body(response)
    data = json.loads(text)
    types = [node["@type"] for node in data["@graph"]]
    assert types == ["Dataset", "CreativeWork", "CreativeWork"]
    assert data["@graph"][0]["license"] == "https://creativecommons.org/licenses/by/4.0/deed.de"
    graph = Graph().parse(data=text, format="json-ld")
    names = {str(o) for o in graph.objects(None, __import__("rdflib").URIRef("https://schema.org/name"))}
    assert "Pegel-SMS" in names and "Geheimer Entwurf" not in names


def test_reference_data_downloads(client, corpus):
    taxonomy = csv_rows(client.get("/daten/taxonomie.csv"))
    assert {"vocabulary": "themes", "slug": "vulnerable-gruppen"}.items() <= next(
        row for row in taxonomy if row["slug"] == "vulnerable-gruppen"
    ).items()
    assert any(row["vocabulary"] == "stellschrauben" and row["number"] == "2" for row in taxonomy)
    places = client.get("/daten/kommunen.csv")
    assert places["Link"] == '<https://www.govdata.de/dl-de/by-2-0>; rel="license"'
    rows = csv_rows(places)
    assert any(row["name"] == "Köln" and row["ags"] == "05315000" for row in rows)
    data = json.loads(body(client.get("/daten/kommunen.json")))
    assert "GeoBasis-DE" in data["attribution"]


@pytest.mark.parametrize("path", ["/daten/gibtsnicht.csv", "/daten/praxisbeispiele.xlsx"])
def test_unknown_dataset_or_format_is_404(client, db, path):
    assert client.get(path).status_code == 404


def test_export_revalidates_with_last_modified(client, corpus):
    first = client.get("/daten/praxisbeispiele.csv")
    again = client.get("/daten/praxisbeispiele.csv", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
