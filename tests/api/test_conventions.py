"""Conventions of every API router: ETag/Last-Modified with 304, CORS for reading, 422, page-size cap."""

import pytest

from tests.factories import PracticeFactory

API = "/api/v1/practices"


@pytest.fixture
def practices(db):
    return [PracticeFactory(external_id="PX-1", title="Kühle Räume"), PracticeFactory(external_id="PX-2")]


def test_etag_revalidation_gives_304_until_data_changes(client, practices):
    first = client.get(API)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag and first["Last-Modified"]
    assert "max-age" in first["Cache-Control"]

    again = client.get(API, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""

    # Another query is another representation.
    assert client.get(API + "?limit=1", HTTP_IF_NONE_MATCH=etag).status_code == 200

    practices[0].title = "Kühle Räume (neu)"
    practices[0].save()
    changed = client.get(API, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_unpublishing_changes_the_etag(client, practices):
    etag = client.get(API)["ETag"]
    type(practices[1]).objects.filter(pk=practices[1].pk).update(live=False)
    response = client.get(API, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_last_modified_revalidation(client, practices):
    first = client.get(f"{API}/PX-1")
    assert client.get(f"{API}/PX-1", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_routers_without_freshness_still_get_an_etag(client, practices):
    """The search router registers nothing: its ETag is a hash of the body."""
    first = client.get("/api/v1/search?q=k%C3%BChle")
    assert first.status_code == 200 and first["ETag"]
    assert client.get("/api/v1/search?q=k%C3%BChle", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_cors_on_api_and_open_data_urls_only(client, practices):
    assert client.get(API)["Access-Control-Allow-Origin"] == "*"
    assert client.get("/daten/praxisbeispiele.json")["Access-Control-Allow-Origin"] == "*"
    assert client.get("/feeds/praxisbeispiele/")["Access-Control-Allow-Origin"] == "*"
    assert client.get("/catalog.ttl")["Access-Control-Allow-Origin"] == "*"
    for path in ("/daten/", "/praxisbeispiele/", "/daten/benachrichtigungen/"):
        assert "Access-Control-Allow-Origin" not in client.get(path), path
    # Writing is never allowed cross-origin.
    assert "Access-Control-Allow-Origin" not in client.post("/daten/benachrichtigungen/", {"email": "a@b.de"})


def test_cors_preflight(client, db):
    response = client.options(API, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize(
    ("query", "param", "message"),
    [
        ("limit=abc", "limit", "Der Parameter „limit“ muss eine ganze Zahl sein, nicht „abc“."),
        ("limit=1000", "limit", "Der Parameter „limit“ darf höchstens 100 sein."),
        ("limit=0", "limit", "Der Parameter „limit“ muss mindestens 1 sein."),
        ("offset=-5", "offset", "Der Parameter „offset“ muss mindestens 0 sein."),
        ("year=zwanzig", "year", "Der Parameter „year“ muss eine ganze Zahl sein, nicht „zwanzig“."),
        ("sort=zufall", "sort", "Unbekannter Wert „zufall“ für den Parameter „sort“."),
    ],
)
def test_malformed_parameters_give_422_with_a_german_message(client, db, query, param, message):
    response = client.get(f"{API}?{query}")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["query", param]
    assert detail[0]["msg"].startswith(message)
    assert "url" not in detail[0]


def test_page_size_is_capped_in_the_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "limit":
                    assert parameter["schema"].get("maximum", 0) <= 100, path


def test_nul_bytes_are_rejected_before_any_router(client, db):
    """PostgreSQL cannot store or compare NUL characters: every router gets a 422, not a 500."""
    for path in (f"{API}?q=a%00b", f"{API}?themes=%00", "/api/v1/search?q=%00", f"{API}/PX%00"):
        response = client.get(path)
        assert response.status_code == 422, path
        assert "Steuerzeichen" in response.json()["detail"][0]["msg"]
