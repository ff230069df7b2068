"""``/api/v1/research-projects``: the published research projects, filtered like the list page."""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from django.http import HttpRequest
from django.utils.translation import gettext as _

from wagtail.rich_text import expand_db_html

from .api_support import absolute, lever_numbers, list_response, slugs
from .models import ResearchProject
from .views import SEARCH_FIELDS, facets

router = Router(tags=["Forschungsprojekte"])


def _values(description: str):
    return Field(default_factory=list, description=description)


class ProjectFilters(Schema):
    themes: list[str] = _values("Schwerpunktthemen (Kürzel)")
    crisis_types: list[str] = _values("Krisenarten (Kürzel)")
    target_groups: list[str] = _values("Zielgruppen (Kürzel)")
    stellschrauben: list[int] = _values("Stellschrauben (Nummern 1–7)")
    funder: list[str] = _values("Fördermittelgeber, z. B. BMBF")
    status: list[Literal["laufend", "abgeschlossen", "geplant"]] = _values("Stand des Projekts")
    q: str = Field("", max_length=200, description="Freitext in Titel, Akronym, Kurzbeschreibung, Leitung, Förderung")
    limit: int = Field(20, ge=1, le=100, description="Treffer je Seite (höchstens 100)")
    offset: int = Field(0, ge=0, le=1_000_000)


class PartnerOut(Schema):
    name: str
    place: str
    url: str


class LinkOut(Schema):
    title: str
    url: str


class ProjectOut(Schema):
    slug: str
    title: str
    acronym: str
    summary: str
    funder: str
    programme: str
    start_date: datetime.date
    end_date: datetime.date | None
    status: str = Field(description="geplant, laufend oder abgeschlossen (nach heutigem Datum)")
    lead: str
    themes: list[str]
    crisis_types: list[str]
    target_groups: list[str]
    stellschrauben: list[int]
    website: str
    is_demo: bool = Field(description="Fiktive Demo-Daten; muss bei der Anzeige gekennzeichnet werden")
    url: str


class ProjectDetailOut(ProjectOut):
    literature: list[str] = Field(description="Adressen der Publikationen des Projekts in der Literaturdatenbank")
    description_html: str
    results_html: str
    publications_html: str
    partners: list[PartnerOut]
    links: list[LinkOut]


class ProjectListOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[ProjectOut]
    facets: dict[str, dict[str, int]]


class ErrorOut(Schema):
    detail: str | list[dict]


def _summary(request: HttpRequest, project: ResearchProject) -> dict:
    return {
        "slug": project.slug,
        "title": project.title,
        "acronym": project.acronym,
        "summary": project.summary,
        "funder": project.funder,
        "programme": project.programme,
        "start_date": project.start_date,
        "end_date": project.end_date,
        "status": project.status(),
        "lead": project.lead,
        "themes": slugs(project, "themes"),
        "crisis_types": slugs(project, "crisis_types"),
        "target_groups": slugs(project, "target_groups"),
        "stellschrauben": lever_numbers(project),
        "website": project.website,
        "is_demo": project.is_demo,
        "url": absolute(request, project),
    }


@router.get(
    "/research-projects",
    response={200: ProjectListOut, 422: ErrorOut},
    summary="Forschungsprojekte suchen und filtern",
    operation_id="list_research_projects",
)
def list_projects(request: HttpRequest, filters: Query[ProjectFilters]):
    """Veröffentlichte Forschungsprojekte mit Facettenzählung (wiederholte Parameter: ODER; verschiedene: UND)."""
    return list_response(
        request,
        queryset=ResearchProject.objects.public().prefetch_related("themes", "crisis_types", "target_groups", "levers"),
        facets=facets(),
        filters=filters,
        search_fields=SEARCH_FIELDS,
        serialise=_summary,
    )


@router.get(
    "/research-projects/{slug}",
    response={200: ProjectDetailOut, 404: ErrorOut},
    summary="Ein Forschungsprojekt",
    operation_id="get_research_project",
)
def get_project(request: HttpRequest, slug: str):
    project = ResearchProject.objects.public().filter(slug=slug).first()
    if project is None:
        raise HttpError(404, _("Kein veröffentlichtes Forschungsprojekt mit dem Kürzel „%(slug)s“.") % {"slug": slug})
    record = _summary(request, project)
    record.update(
        description_html=expand_db_html(project.description),
        results_html=expand_db_html(project.results),
        publications_html=expand_db_html(project.publications),
        partners=[{"name": p.name, "place": p.place, "url": p.url} for p in project.partners.all()],
        links=[{"title": link.title, "url": link.url} for link in project.links.all()],
        literature=[absolute(request, record) for record in project.linked_literature()],
    )
    return record
