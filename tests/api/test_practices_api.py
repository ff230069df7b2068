"""The read API: /api/v1/practices (list with facets) and /api/v1/practices/{external_id}."""

import re

import pytest

from tests.factories import PlaceFactory, PracticeFactory

API = "/api/v1/practices"


@pytest.fixture
def corpus(db):
    """Three published practices and a draft.

    | id      | Land (Staat)        | themes                                   | crisis types | levers | years     |
    |---------|---------------------|------------------------------------------|--------------|--------|-----------|
    | PX-1    | Hessen (DE)         | krisenmanagement                         | hitze        | 1, 4   | 2020–2021 |
    | PX-2    | Sachsen (DE)        | krisenkommunikation                      | hochwasser   | 4      | 2021–     |
    | PX-3    | Tirol (AT)          | krisenmanagement, krisenkommunikation    | hochwasser   | –      | 2018–2019 |
    | PX-4    | Hessen, NOT PUBLISHED | krisenmanagement                       | hitze        | –      | 2022–     |
    """
    hessen = PlaceFactory(name="Kassel", state="Hessen", population=200_000, ags="06611000")
    return {
        "PX-1": PracticeFactory(
            external_id="PX-1",
            title="Kühle Räume",
            municipality=hessen,
            municipality_label="Stadt Kassel",
            themes=["krisenmanagement"],
            crisis_types=["hitze"],
            stellschrauben=[4, 1],
            start_year=2020,
            end_year=2021,
            contact_name="Max Beispiel",
            contact_email="max@example.org",
            contact_consent=False,
        ),
        "PX-2": PracticeFactory(
            external_id="PX-2",
            title="Pegel-SMS",
            municipality=PlaceFactory(name="Pirna", state="Sachsen", population=38_000),
            themes=["krisenkommunikation"],
            crisis_types=["hochwasser"],
            stellschrauben=[4],
            start_year=2021,
            is_demo=True,
        ),
        "PX-3": PracticeFactory(
            external_id="PX-3",
            title="Alpine Warnkette",
            language="en",
            municipality=PlaceFactory(name="Innsbruck", state="Tirol", country="AT", population=130_000),
            themes=["krisenmanagement", "krisenkommunikation"],
            crisis_types=["hochwasser"],
            start_year=2018,
            end_year=2019,
        ),
        "PX-4": PracticeFactory(
            external_id="PX-4",
            title="Entwurf",
            municipality=hessen,
            themes=["krisenmanagement"],
            crisis_types=["hitze"],
            start_year=2022,
            live=False,
        ),
    }


def nonzero(counts):
    return {value: count for value, count in counts.items() if count}


def ids(data):
    return [item["external_id"] for item in data["results"]]


def test_list_shape_and_published_only(client, corpus):
    response = client.get(API)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3 and data["limit"] == 20 and data["offset"] == 0
    assert ids(data) == ["PX-2", "PX-1", "PX-3"]  # newest first
    first = next(item for item in data["results"] if item["external_id"] == "PX-1")
    assert first["municipality"] == {
        "name": "Kassel",
        "label": "Stadt Kassel",
        "ags": "06611000",
        "state": "Hessen",
        "country": "DE",
        "size_class": "grossstadt",
        "url": f"http://testserver{corpus['PX-1'].municipality.get_absolute_url()}",
    }
    assert first["themes"] == ["krisenmanagement"]
    assert first["stellschrauben"] == [1, 4]
    assert first["innovation_type"] == "prozess"
    assert (first["start_year"], first["end_year"], first["is_demo"]) == (2020, 2021, False)
    assert first["url"] == f"http://testserver/praxisbeispiele/{corpus['PX-1'].slug}/"
    assert "contact" not in first
    assert data["facets"]["themes"]["krisenmanagement"] == 2  # the draft is not counted
    assert data["facets"]["crisis_types"]["hitze"] == 1


def test_repeated_parameters_are_or_and_different_ones_and(client, corpus):
    data = client.get(API, {"crisis_types": ["hitze", "hochwasser"], "country": "DE"}).json()
    assert sorted(ids(data)) == ["PX-1", "PX-2"]
    data = client.get(API, {"themes": "krisenmanagement", "crisis_types": "hochwasser"}).json()
    assert ids(data) == ["PX-3"]
    # Facet counts: each field counted under the other fields' selections.
    assert nonzero(data["facets"]["themes"]) == {"krisenmanagement": 1, "krisenkommunikation": 2}
    assert data["facets"]["crisis_types"]["hitze"] == 1 and data["facets"]["crisis_types"]["hochwasser"] == 1
    # Values without results under the selection are listed with 0.
    assert data["facets"]["country"] == {"DE": 0, "AT": 1}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"stellschrauben": "4"}, ["PX-1", "PX-2"]),
        ({"stellschrauben": ["1", "9"]}, None),  # 9 is not a lever: 422
        ({"state": "Sachsen"}, ["PX-2"]),
        ({"country": "at"}, ["PX-3"]),
        ({"size_class": "mittelstadt"}, ["PX-2"]),
        ({"year": "2019"}, ["PX-3"]),
        ({"year": ["2019", "2021"]}, ["PX-1", "PX-2", "PX-3"]),
        ({"q": "pegel"}, ["PX-2"]),
    ],
)
def test_each_filter_parameter(client, corpus, params, expected):
    response = client.get(API, params)
    if expected is None:
        assert response.status_code == 422
    else:
        assert response.status_code == 200, response.content
        assert sorted(ids(response.json())) == expected


def test_unknown_value_is_a_422_naming_parameter_and_value(client, corpus):
    response = client.get(API, {"themes": ["krisenmanagement", "foo"]})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["query", "themes"]
    assert "„foo“" in detail[0]["msg"] and "themes" in detail[0]["msg"]
    assert "krisenkommunikation" in detail[0]["msg"]  # the allowed values are listed
    response = client.get(API, {"state": "Atlantis"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "state"]


@pytest.mark.parametrize(
    "params",
    [{"limit": "abc"}, {"limit": "0"}, {"limit": "1000"}, {"offset": "-1"}, {"year": "abc"}, {"sort": "random"}],
)
def test_malformed_parameters_are_422_not_500(client, corpus, params):
    response = client.get(API, params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_pagination_with_limit_and_offset_is_stable(client, db):
    place = PlaceFactory()
    for i in range(7):
        PracticeFactory(external_id=f"P-{i}", title=f"Praxis {i}", municipality=place, start_year=2020)
    pages = [client.get(API, {"limit": 3, "offset": offset, "sort": "newest"}).json() for offset in (0, 3, 6)]
    seen = [external_id for page in pages for external_id in ids(page)]
    assert seen == [f"P-{i}" for i in range(7)]  # same year: by title, then id
    assert [len(page["results"]) for page in pages] == [3, 3, 1]
    assert all(page["count"] == 7 for page in pages)
    assert client.get(API, {"limit": 3, "offset": 100}).json()["results"] == []


def test_sort_by_title(client, corpus):
    assert ids(client.get(API, {"sort": "title"}).json()) == ["PX-3", "PX-1", "PX-2"]


def test_detail_returns_the_full_public_record(client, corpus):
    response = client.get(f"{API}/PX-1")
    assert response.status_code == 200
    data = response.json()
    assert data["external_id"] == "PX-1" and data["title"] == "Kühle Räume"
    assert data["description"] and data["lessons_learned"]
    assert data["contact"] is None  # no consent
    assert data["stellschrauben"] == [1, 4]
    assert {item["external_id"] for item in data["related"]} <= {"PX-2", "PX-3"}
    corpus["PX-1"].contact_consent = True
    corpus["PX-1"].save()
    contact = client.get(f"{API}/PX-1").json()["contact"]
    assert contact["name"] == "Max Beispiel" and contact["email"] == "max@example.org"


def test_detail_404_for_unknown_or_unpublished(client, corpus):
    for external_id in ("PX-4", "gibt-es-nicht"):
        response = client.get(f"{API}/{external_id}")
        assert response.status_code == 404
        assert external_id in response.json()["detail"]


def test_openapi_schema_lists_the_parameters(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/practices"]["get"]["parameters"]}
    assert parameters >= {
        "themes",
        "crisis_types",
        "phases",
        "innovation_type",
        "origin",
        "maturity",
        "actors",
        "target_groups",
        "stellschrauben",
        "country",
        "state",
        "size_class",
        "year",
        "q",
        "sort",
        "limit",
        "offset",
    }
    assert "/api/v1/practices/{external_id}" in schema["paths"]


def test_docs_page_loads_no_third_party_assets(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in url for url in assets)
    assert all(url.startswith("/") and not url.startswith("//") for url in assets), assets
    assert "cdn." not in html and "validator.swagger.io" not in html
