"""Publications in the open-data machinery: downloads, sitemap, JSON-LD by kind, API freshness."""

import pytest

from krisenwissen.publications.models import PublicationKind
from tests.opendata.wiring import (
    FORMULA_TITLE,
    assert_revalidates,
    csv_rows,
    detail_jsonld,
    json_export,
    jsonld_export,
    names_in,
    site,  # noqa: F401 - fixture
    sitemap_section,
)
from tests.research.factories import PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publications(site):  # noqa: F811
    return {
        "formula": PublicationFactory(
            title=FORMULA_TITLE,
            authors="+Muster, Anna; Beispiel, Ben",
            doi="10.1234/kw.1",
            licence="CC BY-SA 4.0",
            themes=["vulnerable-gruppen"],
            stellschrauben=[4],
        ),
        "article": PublicationFactory(title="Ein Fachartikel", kind=PublicationKind.ARTICLE),
        "demo": PublicationFactory(title="Demo-Bericht", is_demo=True),
        "draft": PublicationFactory(title="Geheimer Bericht", live=False),
    }


def test_csv_has_published_records_only_and_neutralises_formulas(client, publications):
    rows = csv_rows(client, "publikationen")
    assert sorted(row["title"] for row in rows) == sorted(["'" + FORMULA_TITLE, "Ein Fachartikel", "Demo-Bericht"])
    formula = next(row for row in rows if row["title"].startswith("'="))
    assert formula["authors"] == "'+Muster, Anna|Beispiel, Ben"
    assert formula["doi"] == "10.1234/kw.1" and formula["licence"] == "CC BY-SA 4.0"
    assert formula["themes"] == "vulnerable-gruppen" and formula["stellschrauben"] == "4"


def test_json_and_jsonld_exports(client, publications):
    data = json_export(client, "publikationen")
    assert {r["title"] for r in data["records"]} == {FORMULA_TITLE, "Ein Fachartikel", "Demo-Bericht"}
    document, graph = jsonld_export(client, "publikationen")
    types = {node["name"]: node["@type"] for node in document["@graph"][1:]}
    assert types == {FORMULA_TITLE: "Report", "Ein Fachartikel": "ScholarlyArticle", "Demo-Bericht": "Report"}
    assert "Geheimer Bericht" not in names_in(graph)


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        (PublicationKind.REPORT, "Report"),
        (PublicationKind.ARTICLE, "ScholarlyArticle"),
        (PublicationKind.GUIDE, "CreativeWork"),
        (PublicationKind.PRESENTATION, "PresentationDigitalDocument"),
    ],
)
def test_detail_jsonld_type_follows_the_kind(client, site, kind, schema_type):  # noqa: F811
    publication = PublicationFactory(title="Titel", kind=kind, doi="10.1/x", year=2023)
    node, crumbs = detail_jsonld(client, publication.get_absolute_url())
    assert node["@type"] == schema_type
    assert node["datePublished"] == "2023"
    assert node["identifier"]["value"] == "10.1/x" and node["sameAs"] == "https://doi.org/10.1/x"
    assert [a["name"] for a in node["author"]] == ["Muster, Anna", "Beispiel, Ben"]
    assert [item["name"] for item in crumbs["itemListElement"]] == ["Startseite", "Publikationen", "Titel"]


def test_publication_licence_overrides_the_platform_licence(client, publications):
    node, _crumbs = detail_jsonld(client, publications["formula"].get_absolute_url())
    assert node["license"] == "CC BY-SA 4.0"
    node, _crumbs = detail_jsonld(client, publications["article"].get_absolute_url())
    assert node["license"] == "https://creativecommons.org/licenses/by/4.0/deed.de"


def test_draft_unreachable_and_preview_without_jsonld(client, publications):
    draft = publications["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    from django.template.loader import render_to_string

    html = render_to_string(draft.get_preview_template(None, ""), draft.get_preview_context(None, ""))
    assert "application/ld+json" not in html


def test_sitemap_lists_published_non_demo_publications(client, publications):
    text = sitemap_section(client, "publikationen")
    assert f"http://testserver{publications['formula'].get_absolute_url()}" in text
    assert publications["demo"].slug not in text and publications["draft"].slug not in text


def test_api_revalidates_and_unpublishing_breaks_the_etag(client, publications):
    assert_revalidates(client, "/api/v1/publications", publications["formula"].unpublish)
    assert FORMULA_TITLE not in client.get("/api/v1/publications").content.decode()
