"""``/api/v1/publications``: the team's own publications, filtered like the list page."""

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from django.http import HttpRequest
from django.utils.translation import gettext as _

from krisenwissen.research.api_support import absolute, lever_numbers, list_response, slugs

from .models import Publication
from .views import facets

router = Router(tags=["Publikationen"])


def _values(description: str):
    return Field(default_factory=list, description=description)


class PublicationFilters(Schema):
    kind: list[str] = _values("Art: bericht, artikel, leitfaden, policy-paper, arbeitspapier, vortrag")
    year: list[int] = _values("Erscheinungsjahr")
    themes: list[str] = _values("Schwerpunktthemen (Kürzel)")
    stellschrauben: list[int] = _values("Stellschrauben (Nummern 1–7)")
    q: str = Field("", max_length=200, description="Freitext in Titel, Autorinnen und Autoren, Zusammenfassung")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class PublicationOut(Schema):
    slug: str
    title: str
    subtitle: str
    authors: list[str]
    year: int
    kind: str
    abstract: str
    citation: str
    pdf_url: str = Field(description="PDF auf dieser Plattform; leer, wenn es keins gibt")
    link: str
    doi: str
    licence: str
    themes: list[str]
    stellschrauben: list[int]
    is_demo: bool
    url: str


class PublicationListOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[PublicationOut]
    facets: dict[str, dict[str, int]]


class ErrorOut(Schema):
    detail: str | list[dict]


def _publication(request, publication: Publication) -> dict:
    return {
        "slug": publication.slug,
        "title": publication.title,
        "subtitle": publication.subtitle,
        "authors": publication.author_list,
        "year": publication.year,
        "kind": publication.kind,
        "abstract": publication.abstract,
        "citation": publication.citation,
        "pdf_url": request.build_absolute_uri(publication.document.url) if publication.document_id else "",
        "link": publication.url,
        "doi": publication.doi,
        "licence": publication.licence,
        "themes": slugs(publication, "themes"),
        "stellschrauben": lever_numbers(publication),
        "is_demo": publication.is_demo,
        "url": absolute(request, publication),
    }


@router.get(
    "/publications",
    response={200: PublicationListOut, 422: ErrorOut},
    summary="Publikationen des Plattform-Teams",
    operation_id="list_publications",
)
def list_publications(request: HttpRequest, filters: Query[PublicationFilters]):
    """Veröffentlichte Publikationen, neueste zuerst, mit Facettenzählung."""
    return list_response(
        request,
        queryset=Publication.objects.public().select_related("document").prefetch_related("themes", "levers"),
        facets=facets(),
        filters=filters,
        search_fields=("title", "subtitle", "authors", "abstract"),
        serialise=_publication,
    )


@router.get(
    "/publications/{slug}",
    response={200: PublicationOut, 404: ErrorOut},
    summary="Eine Publikation",
    operation_id="get_publication",
)
def get_publication(request: HttpRequest, slug: str):
    publication = Publication.objects.public().select_related("document").filter(slug=slug).first()
    if publication is None:
        raise HttpError(404, _("Keine veröffentlichte Publikation mit dem Kürzel „%(slug)s“.") % {"slug": slug})
    return _publication(request, publication)
