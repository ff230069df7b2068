"""Research projects in the open-data machinery: downloads, catalogue, sitemap, JSON-LD, API freshness."""

import datetime

import pytest

from krisenwissen.research.models import ResearchProject
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
from tests.research.factories import ResearchPartnerFactory, ResearchProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(site):  # noqa: F811
    formula = ResearchProjectFactory(
        title=FORMULA_TITLE,
        acronym="FORM",
        summary="@Kurz: Hitzeschutz erforschen",
        themes=["vulnerable-gruppen"],
        crisis_types=["hitze"],
        stellschrauben=[2],
        website="https://form.example.org",
    )
    ResearchPartnerFactory(project=formula, name="Institut A")
    demo = ResearchProjectFactory(title="Demo-Projekt", acronym="DEMO", is_demo=True)
    draft = ResearchProjectFactory(title="Geheimes Projekt", acronym="GEHEIM", live=False)
    pending = ResearchProjectFactory(title="Veröffentlichter Titel", acronym="PEND")
    pending.title = "Unveröffentlichte Änderung"
    pending.save_revision()
    return {"formula": formula, "demo": demo, "draft": draft, "pending": pending}


def test_csv_has_published_projects_only_and_neutralises_formulas(client, projects):
    rows = csv_rows(client, "forschungsprojekte")
    assert sorted(row["acronym"] for row in rows) == ["DEMO", "FORM", "PEND"]
    formula = next(row for row in rows if row["acronym"] == "FORM")
    assert formula["title"] == "'" + FORMULA_TITLE
    assert formula["summary"] == "'@Kurz: Hitzeschutz erforschen"
    assert formula["themes"] == "vulnerable-gruppen" and formula["stellschrauben"] == "2"
    assert formula["partners"] == "Institut A"
    assert formula["status"] == "abgeschlossen" and formula["is_demo"] == "false"
    assert formula["url"] == f"http://testserver/forschungsprojekte/{projects['formula'].slug}/"
    titles = {row["title"] for row in rows}
    assert "Geheimes Projekt" not in titles and "Unveröffentlichte Änderung" not in titles
    assert "Veröffentlichter Titel" in titles


def test_json_and_jsonld_exports(client, projects):
    data = json_export(client, "forschungsprojekte")
    assert {record["acronym"] for record in data["records"]} == {"DEMO", "FORM", "PEND"}
    assert next(r for r in data["records"] if r["acronym"] == "DEMO")["is_demo"] is True
    document, graph = jsonld_export(client, "forschungsprojekte")
    assert [node["@type"] for node in document["@graph"]] == ["Dataset"] + ["ResearchProject"] * 3
    names = names_in(graph)
    assert FORMULA_TITLE in names and "Geheimes Projekt" not in names


def test_detail_page_has_research_project_jsonld_and_breadcrumbs(client, projects):
    project = projects["formula"]
    node, crumbs = detail_jsonld(client, project.get_absolute_url())
    assert node["@type"] == "ResearchProject"
    assert node["name"] == FORMULA_TITLE and node["alternateName"] == "FORM"
    assert node["funder"]["name"] == "BMBF"
    assert node["foundingDate"] == "2022-01-01" and node["dissolutionDate"] == "2024-12-31"
    assert node["member"] == [{"@type": "Organization", "name": "Institut A"}]
    assert node["url"] == f"http://testserver{project.get_absolute_url()}"
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == ["Startseite", "Forschungsprojekte", "FORM – " + FORMULA_TITLE]
    assert crumbs["itemListElement"][1]["item"] == "http://testserver/forschungsprojekte/"


def test_draft_is_not_reachable_and_preview_has_no_jsonld(client, projects):
    assert client.get(projects["draft"].get_absolute_url()).status_code == 404
    from django.template.loader import render_to_string

    from krisenwissen.research.views import detail_context

    html = render_to_string("research/research_project.html", detail_context(projects["draft"], preview=True))
    assert "application/ld+json" not in html


def test_sitemap_lists_published_non_demo_projects(client, projects):
    text = sitemap_section(client, "forschungsprojekte")
    assert f"http://testserver{projects['formula'].get_absolute_url()}" in text
    assert f"http://testserver/en{projects['formula'].get_absolute_url()}" in text
    assert projects["pending"].slug in text
    assert projects["demo"].slug not in text and projects["draft"].slug not in text


def test_daten_lists_the_dataset(client, projects):
    html = client.get("/daten/").content.decode()
    assert "Forschungsprojekte zum kommunalen Krisenmanagement" in html
    assert "/daten/forschungsprojekte.csv" in html


def test_api_revalidates_and_unpublishing_breaks_the_etag(client, projects):
    def unpublish():
        projects["formula"].unpublish()

    assert_revalidates(client, "/api/v1/research-projects", unpublish)
    assert FORMULA_TITLE not in client.get("/api/v1/research-projects").content.decode()


def test_api_etag_moves_with_the_date(client, projects, monkeypatch):
    first = client.get("/api/v1/research-projects")
    from django.utils import timezone

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert client.get("/api/v1/research-projects", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_deleting_a_project_breaks_the_etag(client, projects):
    first = client.get("/api/v1/research-projects")
    ResearchProject.objects.filter(pk=projects["demo"].pk).delete()
    assert client.get("/api/v1/research-projects", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
