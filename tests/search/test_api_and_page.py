import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import PracticeFactory


@pytest.fixture
def practices(searchdb):
    return [
        PracticeFactory(
            title="Hitzetelefon für Seniorinnen und Senioren",
            summary="Ehrenamtliche rufen ältere Menschen an heißen Tagen per Telefon an.",
            themes=["gesundheit"],
        ),
        PracticeFactory(
            title="Hitzeschutz in Kitas",
            summary="Sonnensegel und Trinkpausen schützen Kinder vor Hitze.",
            themes=["bildung"],
        ),
        PracticeFactory(title="Deichschau mit Drohnen", summary="Drohnen prüfen Deiche bei Hochwasser."),
    ]


def test_api_shape_and_rank_order(practices, client):
    response = client.get("/api/v1/search", {"q": "Hitzetelefon Senioren", "limit": 10})
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"count", "results", "facets", "suggestion"}
    first = data["results"][0]
    assert set(first) >= {"type", "external_id", "title", "url", "snippet"}
    assert first["title"] == "Hitzetelefon für Seniorinnen und Senioren"
    assert first["type"] == "practice"
    assert first["external_id"] == practices[0].external_id
    assert first["url"].startswith("http://testserver/praxisbeispiele/")
    assert data["suggestion"] is None


def test_api_paging(practices, client):
    data = client.get("/api/v1/search", {"q": "Hitze", "limit": 1, "offset": 1}).json()
    assert data["count"] == 2
    assert len(data["results"]) == 1


def test_api_facets_count_under_query_and_filter(practices, client):
    data = client.get("/api/v1/search", {"q": "Hitze"}).json()
    assert data["facets"]["themes"]["gesundheit"] == 1
    assert data["facets"]["themes"]["bildung"] == 1
    filtered = client.get("/api/v1/search", {"q": "Hitze", "themes": "bildung"}).json()
    assert [r["title"] for r in filtered["results"]] == ["Hitzeschutz in Kitas"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x", "limit": 0},
        {"q": "x", "limit": 101},
        {"q": "x", "offset": -1},
        {"q": "x", "type": "bogus"},
        {"q": "x", "themes": "bogus"},
    ],
)
def test_api_rejects_bad_parameters(practices, client, params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422


def test_api_type_filter(practices, client):
    data = client.get("/api/v1/search", {"q": "Hitze", "type": "practice"}).json()
    assert data["count"] == 2
    assert data["types"] == {"practice": 2}


def test_api_suggestion_for_typo(practices, client):
    data = client.get("/api/v1/search", {"q": "Hitzetelfon"}).json()
    assert data["suggestion"] == "Hitzetelefon"
    assert data["results"][0]["title"] == "Hitzetelefon für Seniorinnen und Senioren"


def test_suggest_endpoint(practices, client):
    data = client.get("/api/v1/search/suggest", {"q": "Deichs"}).json()
    assert data["suggestions"][0].lower() == "deichschau"


def test_html_page_lists_results_with_facets(practices, client):
    response = client.get("/suche/", {"q": "Hitze"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 Treffer" in html
    assert "<mark>" in html
    assert 'name="themes"' in html  # practice facets
    assert 'name="type"' in html  # type filter
    assert "Deichschau" not in html


def test_html_page_meinten_sie(practices, client):
    html = client.get("/suche/", {"q": "Hitzetelfon"}).content.decode()
    assert "Meinten Sie" in html and "Hitzetelefon" in html


def test_html_page_without_query_shows_help(searchdb, client):
    response = client.get("/suche/")
    assert response.status_code == 200
    assert "Suchbegriffe" in response.content.decode()


def test_html_page_unknown_filter_is_a_notice_not_an_error(practices, client):
    response = client.get("/suche/", {"q": "Hitze", "themes": "unbekannt", "type": "nix", "page": "abc"})
    assert response.status_code == 200
    assert "unbekannt" in response.content.decode()


def test_html_page_in_english(practices, client):
    response = client.get("/en/suche/", {"q": "Hitze"})
    assert response.status_code == 200


def test_api_truncates_overlong_query_with_notice(practices, client):
    data = client.get("/api/v1/search", {"q": "Hitze " * 5000}).json()
    assert data["notices"] and "gekürzt" in data["notices"][0]
    assert data["count"] == 2


def test_active_filters_are_removable_tags(practices, client):
    html = client.get("/suche/", {"q": "Hitze", "type": "practice", "themes": "gesundheit"}).content.decode()
    tags = {
        label: href.replace("&amp;", "&")
        for href, label in re.findall(r'<a class="tag" href="([^"]+)">([^<]+?) <span', html)
    }
    assert set(tags) == {"Inhaltsart: Praxisbeispiele", "Schwerpunktthemen: " + _theme_name("gesundheit")}
    # Each tag removes only its own filter; the query stays.
    assert parse_qs(urlsplit(tags["Inhaltsart: Praxisbeispiele"]).query) == {"q": ["Hitze"], "themes": ["gesundheit"]}
    removed_theme = tags["Schwerpunktthemen: " + _theme_name("gesundheit")]
    assert parse_qs(urlsplit(removed_theme).query) == {"q": ["Hitze"], "type": ["practice"]}
    assert "2 Treffer" in client.get(removed_theme).content.decode()
    reset = re.search(r'<a href="([^"]+)">Alle Filter entfernen</a>', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(reset).query) == {"q": ["Hitze"]}


def test_no_filter_tags_without_filters(practices, client):
    html = client.get("/suche/", {"q": "Hitze"}).content.decode()
    assert 'class="tag"' not in html and "Alle Filter entfernen" not in html


def _theme_name(slug):
    from krisenwissen.taxonomy.models import Theme

    return Theme.objects.get(slug=slug).name
