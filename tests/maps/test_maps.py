"""The map: same filters as the list, marker data with coordinates, no-JS fallback, offline outlines."""

import json
from pathlib import Path

import pytest

from django.contrib.staticfiles import finders

from krisenwissen.practices.facets import reset_index
from tests.factories import PlaceFactory, PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_facets():
    reset_index()
    yield
    reset_index()


@pytest.fixture
def practices():
    koeln = PlaceFactory(
        name="Köln", slug="koeln", state="Nordrhein-Westfalen", population=1_080_000, latitude=50.94, longitude=6.96
    )
    zell = PlaceFactory(name="Zell", slug="zell", state="Bayern", population=3_900, latitude=49.1, longitude=11.6)
    nowhere = PlaceFactory(name="Ohneort", slug="ohneort", state="Bayern", latitude=None, longitude=None)
    return {
        "hitze": PracticeFactory(
            title="Hitzetelefon", slug="hitzetelefon", municipality=koeln, themes=["vulnerable-gruppen"], is_demo=True
        ),
        "stab": PracticeFactory(
            title="Lagezentrum", slug="lagezentrum", municipality=koeln, themes=["krisenmanagement"]
        ),
        "warnung": PracticeFactory(
            title="Hochwasserwarnung", slug="hochwasserwarnung", municipality=zell, themes=["krisenkommunikation"]
        ),
        "ohne": PracticeFactory(
            title="Ohne Koordinaten", slug="ohne-koordinaten", municipality=nowhere, themes=["krisenmanagement"]
        ),
        "entwurf": PracticeFactory(title="Entwurf", municipality=zell, themes=["krisenmanagement"], live=False),
    }


def test_json_has_one_marker_per_located_practice(client, practices):
    data = client.get("/karte/daten.json").json()
    assert data["total"] == 4
    assert data["located"] == 3
    assert data["practice_url"] == "/praxisbeispiele/{slug}/"
    places = {p["name"]: p for p in data["places"]}
    assert places["Köln"] == {
        "name": "Köln",
        "state": "Nordrhein-Westfalen",
        "url": "/kommunen/koeln/",
        "lat": 50.94,
        "lon": 6.96,
        "count": 2,
    }
    assert "Ohneort" not in places
    rows = {row[0]: row for row in data["practices"]}
    assert sorted(rows) == ["Hitzetelefon", "Hochwasserwarnung", "Lagezentrum"]
    assert rows["Hitzetelefon"][1:4] == ["hitzetelefon", data["places"].index(places["Köln"]), 1]
    assert rows["Lagezentrum"][3] == 0


def test_json_uses_the_list_filters(client, practices):
    data = client.get("/karte/daten.json", {"themes": "krisenmanagement"}).json()
    assert data["total"] == 2
    assert [row[0] for row in data["practices"]] == ["Lagezentrum"]
    assert client.get("/karte/daten.json", {"state": "Bayern"}).json()["total"] == 2
    assert client.get("/karte/daten.json", {"q": "Hochwasser"}).json()["total"] == 1


def test_page_has_the_list_filter_form_and_the_accessible_equivalents(client, practices):
    page = client.get("/karte/", {"themes": "krisenmanagement"}).content.decode()
    assert 'name="themes" value="krisenmanagement" checked' in page
    assert "2 Praxisbeispiele" in page
    assert "1 davon in 1 Kommune auf der Karte." in page
    assert "1 Kommune ohne Koordinaten ist nur in der Liste zu finden." in page
    assert 'href="/praxisbeispiele/?themes=krisenmanagement"' in page
    assert 'data-data-url="/karte/daten.json?themes=krisenmanagement"' in page
    assert "Die Karte braucht JavaScript." in page
    assert '<th scope="row"><a href="/kommunen/koeln/">Köln</a></th>' in page
    # Removing the filter stays on the map.
    assert 'href="/karte/"' in page


def test_page_loads_only_own_scripts_and_no_tiles_by_default(client, practices, settings):
    settings.MAP_TILE_URL = ""
    page = client.get("/karte/").content.decode()
    scripts = [part.split('"', 1)[0] for part in page.split('<script src="')[1:]]
    assert all(src.startswith("/static/") for src in scripts)
    mine = [src for src in scripts if "leaflet" in src or src.endswith("/map.js")]
    assert mine == [
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
        "/static/js/map.js",
    ]
    assert "<script>" not in page and "data-tile-url" not in page
    assert "© GeoBasis-DE / BKG (VG250)" in page
    assert "demo-notice" in page


def test_tile_layer_only_when_configured(client, practices, settings):
    settings.MAP_TILE_URL = "https://tiles.example.de/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Beispiel"
    page = client.get("/karte/").content.decode()
    assert 'data-tile-url="https://tiles.example.de/{z}/{x}/{y}.png" data-tile-attribution="© Beispiel"' in page
    assert "Hintergrundkarte: © Beispiel" in page


def test_bad_filter_values_give_notices_not_errors(client, practices):
    response = client.get("/karte/", {"themes": "gibt-es-nicht", "size_class": "riesig"})
    assert response.status_code == 200
    assert "ist unbekannt und wurde ignoriert" in response.content.decode()
    assert client.get("/karte/daten.json", {"themes": "gibt-es-nicht"}).json()["total"] == 4


def test_outlines_and_libraries_are_shipped_with_licences():
    outlines = finders.find("geo/laender.geojson")
    data = json.loads(Path(outlines).read_text(encoding="utf-8"))
    assert len(data["features"]) == 16
    notice = Path(finders.find("geo/NOTICE.md")).read_text(encoding="utf-8")
    assert "GeoBasis-DE / BKG" in notice
    for path in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/LICENSE",
        "vendor/leaflet/images/marker-icon.png",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/leaflet.markercluster/MIT-LICENCE.txt",
    ):
        assert finders.find(path), path
    assert "Leaflet 1.9.4" in Path(finders.find("vendor/leaflet/leaflet.js")).read_text()[:200]
