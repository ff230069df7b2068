"""Open-data wiring of research projects: download, catalogue entry, sitemap, JSON-LD, API freshness."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from krisenwissen.api.conventions import register_freshness
from krisenwissen.literature.models import Literature
from krisenwissen.opendata.registry import Dataset, register_dataset, register_jsonld, register_sitemap
from krisenwissen.opendata.sitemaps import PublicRecordSitemap

from .models import ResearchProject
from .open_data_support import (
    absolute_url,
    detail_url,
    iso,
    keywords,
    lever_numbers,
    plain,
    public_rows,
    snippet_freshness,
    term_slugs,
    url_template,
)

COLUMNS = (
    "slug",
    "title",
    "acronym",
    "summary",
    "description",
    "results",
    "funder",
    "programme",
    "start_date",
    "end_date",
    "status",
    "lead",
    "partners",
    "website",
    "themes",
    "crisis_types",
    "target_groups",
    "stellschrauben",
    "is_demo",
    "updated_at",
    "url",
)


def project_records(base_url: str) -> Iterator[dict]:
    template = url_template("research:detail")
    for project in public_rows(
        ResearchProject.objects, "themes", "crisis_types", "target_groups", "levers", "partners"
    ):
        yield {
            "slug": project.slug,
            "title": project.title,
            "acronym": project.acronym,
            "summary": project.summary,
            "description": plain(project.description),
            "results": plain(project.results),
            "funder": project.funder,
            "programme": project.programme,
            "start_date": iso(project.start_date),
            "end_date": iso(project.end_date),
            "status": str(project.status()),
            "lead": project.lead,
            "partners": [partner.name for partner in project.partners.all()],
            "website": project.website,
            "themes": term_slugs(project, "themes"),
            "crisis_types": term_slugs(project, "crisis_types"),
            "target_groups": term_slugs(project, "target_groups"),
            "stellschrauben": lever_numbers(project),
            "is_demo": project.is_demo,
            "updated_at": iso(project.updated_at),
            "url": absolute_url(base_url, template, project.slug),
        }


def _project_node(url: str, record: dict) -> dict:
    node = {
        "@type": "ResearchProject",
        "@id": url,
        "url": url,
        "name": record["title"],
        "description": record["summary"],
        "foundingDate": record["start_date"],
        "funder": {"@type": "Organization", "name": record["funder"]},
    }
    if record["acronym"]:
        node["alternateName"] = record["acronym"]
    if record["end_date"]:
        node["dissolutionDate"] = record["end_date"]
    if record["website"]:
        node["sameAs"] = record["website"]
    if record["partners"]:
        node["member"] = [{"@type": "Organization", "name": name} for name in record["partners"]]
    return node


def project_record_jsonld(record: dict, base_url: str) -> dict:
    node = _project_node(record["url"], record)
    node["keywords"] = record["themes"] + record["crisis_types"]
    if record["is_demo"]:
        node["disambiguatingDescription"] = "Demo"
    return node


def project_detail_jsonld(project: ResearchProject, request) -> dict:
    url = detail_url(request, project)
    record = {
        "title": project.title,
        "summary": project.summary,
        "start_date": iso(project.start_date),
        "end_date": iso(project.end_date),
        "funder": project.funder,
        "acronym": project.acronym,
        "website": project.website,
        "partners": [partner.name for partner in project.partners.all()],
    }
    node = _project_node(url, record)
    node["mainEntityOfPage"] = url
    node["keywords"] = keywords(project, "themes", "crisis_types")
    if project.programme:
        node["funder"]["description"] = project.programme
    if project.lead:
        node["parentOrganization"] = {"@type": "Organization", "name": project.lead}
    if project.is_demo:
        node["disambiguatingDescription"] = "Demo"
    return node


class ResearchProjectSitemap(PublicRecordSitemap):
    """Published research projects, German and English address; demo projects are left out."""

    model = ResearchProject
    changefreq = "monthly"
    priority = 0.6


register_dataset(
    Dataset(
        key="forschungsprojekte",
        title=_("Forschungsprojekte zum kommunalen Krisenmanagement"),
        description=str(
            _(
                "Alle veröffentlichten Forschungsprojekte mit Förderung, Laufzeit, Leitung, Partnern, "
                "Schwerpunktthemen, Krisenarten, Zielgruppen und Stellschrauben. Datensätze mit "
                "is_demo = true sind fiktive Demo-Daten."
            )
        ),
        columns=COLUMNS,
        records=project_records,
        jsonld=project_record_jsonld,
        modified=lambda: ResearchProject.objects.public().aggregate(m=Max("updated_at"))["m"],
        landing_url_name="research:list",
        themes=("SOCI", "GOVE", "EDUC"),
        keywords=("Forschungsprojekte", "Krisenmanagement", "Kommunen", "Sicherheitsforschung"),
        sort_order=30,
    )
)
register_sitemap("forschungsprojekte", ResearchProjectSitemap)
register_jsonld(ResearchProject, project_detail_jsonld)
register_freshness(
    "/api/v1/research-projects",
    snippet_freshness(ResearchProject, dated=True, depends_on=[(Literature, "updated_at")]),
)
