"""The literature database in the open-data machinery: downloads, catalogue, sitemap, JSON-LD by type, API."""

import pytest

from krisenwissen.literature import facets
from krisenwissen.literature.models import CslType, Literature, LiteratureCreator
from krisenwissen.taxonomy.models import Theme
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

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_facet_index():
    facets.reset_index()
    yield
    facets.reset_index()


def make(title: str, csl_type: str = CslType.ARTICLE_JOURNAL, **fields) -> Literature:
    fields.setdefault("live", True)
    fields.setdefault("year", 2023)
    record = Literature.objects.create(title=title, csl_type=csl_type, **fields)
    LiteratureCreator.objects.create(literature=record, family="Muster", given="Anna", sort_order=0)
    return record


@pytest.fixture
def records(site):  # noqa: F811
    formula = make(
        FORMULA_TITLE,
        abstract="-1 Zusammenfassung",
        doi="10.1000/xyz",
        keywords=["=Hitze", "Kommunen"],
        editorial_notes="Nur intern: Hinweis der Redaktion",
        container_title="Zeitschrift für Krisen",
        month=5,
    )
    formula.themes.add(Theme.objects.get(slug="vulnerable-gruppen"))
    formula.save()  # parental many-to-many values are written on save
    return {
        "formula": formula,
        "book": make("Ein Handbuch", CslType.BOOK, publisher="Verlag X", isbn="978-3-16-148410-0"),
        "law": make("Ein Gesetz", CslType.LEGISLATION, number="BGBl. I S. 1"),
        "demo": make("Demo-Titel", CslType.REPORT, is_demo=True),
        "draft": make("Geheimer Titel", CslType.REPORT, live=False),
    }


def test_csv_has_published_records_only_and_neutralises_formulas(client, records):
    rows = csv_rows(client, "literatur")
    titles = sorted(row["title"] for row in rows)
    assert titles == sorted(["'" + FORMULA_TITLE, "Ein Handbuch", "Ein Gesetz", "Demo-Titel"])
    formula = next(row for row in rows if row["title"].startswith("'="))
    assert formula["abstract"] == "'-1 Zusammenfassung"
    assert formula["keywords"] == "'=Hitze|Kommunen"
    assert formula["authors"] == "Muster, Anna" and formula["themes"] == "vulnerable-gruppen"
    assert formula["url"] == f"http://testserver/literatur/{records['formula'].pk}/"
    assert "editorial_notes" not in formula
    assert all("Nur intern" not in value for row in rows for value in row.values())


def test_json_and_jsonld_exports_type_the_records(client, records):
    data = json_export(client, "literatur")
    assert len(data["records"]) == 4
    document, graph = jsonld_export(client, "literatur")
    types = {node["name"]: node["@type"] for node in document["@graph"][1:]}
    assert types == {
        FORMULA_TITLE: "ScholarlyArticle",
        "Ein Handbuch": "Book",
        "Ein Gesetz": "Legislation",
        "Demo-Titel": "Report",
    }
    assert "Geheimer Titel" not in names_in(graph)


@pytest.mark.parametrize(
    ("key", "schema_type"),
    [("formula", "ScholarlyArticle"), ("book", "Book"), ("law", "Legislation"), ("demo", "Report")],
)
def test_detail_jsonld_type_follows_the_document_type(client, records, key, schema_type):
    record = records[key]
    node, crumbs = detail_jsonld(client, record.get_absolute_url(), platform_publisher=False)
    assert node["@type"] == schema_type
    assert node["name"] == record.title
    assert node["author"] == [{"@type": "Person", "name": "Muster, Anna"}]
    assert [item["name"] for item in crumbs["itemListElement"]][:2] == ["Startseite", "Literatur"]
    # The platform's licence covers the record, not the work: no licence claim on the work.
    assert node["license"] is None


def test_detail_jsonld_details(client, records):
    node, _crumbs = detail_jsonld(client, records["formula"].get_absolute_url(), platform_publisher=False)
    assert node["datePublished"] == "2023-05"
    assert node["identifier"]["value"] == "10.1000/xyz"
    assert node["isPartOf"]["name"] == "Zeitschrift für Krisen"
    book, _crumbs = detail_jsonld(client, records["book"].get_absolute_url(), platform_publisher=False)
    assert book["isbn"] == "978-3-16-148410-0" and book["publisher"]["name"] == "Verlag X"
    law, _crumbs = detail_jsonld(client, records["law"].get_absolute_url(), platform_publisher=False)
    assert law["legislationIdentifier"] == "BGBl. I S. 1"


def test_draft_unreachable_and_preview_without_jsonld(client, records):
    draft = records["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    from django.template.loader import render_to_string

    html = render_to_string(
        draft.get_preview_template(request, ""), draft.get_preview_context(request, ""), request=request
    )
    assert "Geheimer Titel" in html and "application/ld+json" not in html


def test_sitemap_lists_published_non_demo_records(client, records):
    text = sitemap_section(client, "literatur")
    assert f"http://testserver/literatur/{records['formula'].pk}/" in text
    assert f"http://testserver/en/literatur/{records['formula'].pk}/" in text
    assert f"/literatur/{records['demo'].pk}/" not in text
    assert f"/literatur/{records['draft'].pk}/" not in text


def test_api_revalidates_and_unpublishing_breaks_the_etag(client, records):
    def unpublish():
        records["formula"].unpublish()
        facets.reset_index()

    assert_revalidates(client, "/api/v1/literature", unpublish)
    assert "HYPERLINK" not in client.get("/api/v1/literature").content.decode()
