"""``/api/v1/recommendations``: the recommendations along the seven levers (one per lever)."""

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.rich_text import expand_db_html

from krisenwissen.research.api_support import list_response
from krisenwissen.research.listing import TermFacet
from krisenwissen.taxonomy.models import Theme

from .models import RecommendationPage
from .services import lever_indicators, lever_literature, lever_practices

router = Router(tags=["Handlungsempfehlungen"])

SECTIONS = ("meaning", "rationale", "steps_small", "steps_large", "pitfalls", "progress_indicators")


def facets():
    return [TermFacet("themes", gettext_lazy("Schwerpunktthemen"), "themes", Theme)]


class RecommendationFilters(Schema):
    themes: list[str] = Field(default_factory=list, description="Schwerpunktthemen (Kürzel)")
    q: str = Field("", max_length=200, description="Freitext in Titel und Kurzfassung")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class RecommendationOut(Schema):
    stellschraube: int = Field(description="Nummer der Stellschraube (1–7)")
    lever_name: str
    title: str
    summary: str
    themes: list[str]
    url: str


class RecommendationDetailOut(RecommendationOut):
    sections_html: dict[str, str] = Field(
        description="meaning, rationale, steps_small, steps_large, pitfalls, progress_indicators (HTML)"
    )
    practice_count: int = Field(description="Veröffentlichte Praxisbeispiele zu dieser Stellschraube")
    practices: list[str] = Field(description="Adressen der gezeigten Praxisbeispiele (Auswahl der Redaktion zuerst)")
    literature: list[str] = Field(description="Adressen der gezeigten Literaturtitel")
    indicators: list[str] = Field(description="Codes der zugehörigen Selbstcheck-Indikatoren")


class RecommendationListOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[RecommendationOut]
    facets: dict[str, dict[str, int]]


class ErrorOut(Schema):
    detail: str | list[dict]


def _url(request, obj) -> str:
    with translation.override("de"):
        path = obj.get_url(request) if hasattr(obj, "get_url") else obj.get_absolute_url()
    return request.build_absolute_uri(path or "/")


def _summary(request, page: RecommendationPage) -> dict:
    return {
        "stellschraube": page.lever.number,
        "lever_name": page.lever.name_de,
        "title": page.title,
        "summary": page.summary,
        "themes": sorted(theme.slug for theme in page.themes.all()),
        "url": _url(request, page),
    }


def _public_pages():
    return RecommendationPage.objects.live().public().select_related("lever").order_by("lever__number")


@router.get(
    "/recommendations",
    response={200: RecommendationListOut, 422: ErrorOut},
    summary="Handlungsempfehlungen entlang der Stellschrauben",
    operation_id="list_recommendations",
)
def list_recommendations(request: HttpRequest, filters: Query[RecommendationFilters]):
    """Die veröffentlichten Empfehlungsseiten, nach Nummer der Stellschraube."""
    return list_response(
        request,
        queryset=_public_pages().prefetch_related("themes"),
        facets=facets(),
        filters=filters,
        search_fields=("title", "summary"),
        serialise=_summary,
    )


@router.get(
    "/recommendations/{number}",
    response={200: RecommendationDetailOut, 404: ErrorOut},
    summary="Die Empfehlung zu einer Stellschraube",
    operation_id="get_recommendation",
)
def get_recommendation(request: HttpRequest, number: int):
    page = _public_pages().filter(lever__number=number).first()
    if page is None:
        raise HttpError(404, _("Keine veröffentlichte Empfehlung zur Stellschraube %(number)s.") % {"number": number})
    practices, practice_count = lever_practices(page)
    literature, _count = lever_literature(page.lever)
    return {
        **_summary(request, page),
        "sections_html": {name: expand_db_html(getattr(page, name)) for name in SECTIONS},
        "practice_count": practice_count,
        "practices": [_url(request, p) for p in practices],
        "literature": [_url(request, record) for record in literature if hasattr(record, "get_absolute_url")],
        "indicators": [str(getattr(indicator, "code", indicator.pk)) for indicator in lever_indicators(page.lever)],
    }
