"""``/api/v1/literature``: published literature, filtered exactly like the list page.

Filtering and counting come from :mod:`krisenwissen.literature.facets`. Repeating a parameter
means OR, different parameters AND; an unknown value is an error (422). A single record is
CSL-JSON by default, or a file in RIS, BibTeX or CSL-JSON with ``?format=``.
"""

from typing import Any, Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from krisenwissen.api.schemas import ErrorOut

from .csl import to_item, to_items
from .exports import export_response
from .facets import FACET_FIELDS, FacetQuery, LiteratureBrowser
from .models import Literature

router = Router(tags=["Literatur"])


def _values(description: str):
    return Field(default_factory=list, description=description)


class LiteratureFilters(Schema):
    type: list[str] = _values("Publikationstyp (CSL-Typ), z. B. report, article-journal, webpage")
    category: list[str] = _values("Dokumentkategorie: handbook, statement, study, practice-report, legal, news, other")
    year: list[int] = _values("Erscheinungsjahr")
    language: list[str] = _values("Sprache (Code), z. B. de, en, fr")
    themes: list[str] = _values("Schwerpunktthemen (Kürzel)")
    crisis_types: list[str] = _values("Krisenarten (Kürzel), z. B. pandemie")
    target_groups: list[str] = _values("Zielgruppen (Kürzel)")
    stellschrauben: list[int] = _values("Stellschrauben (Nummern 1–7)")
    q: str = Field("", max_length=200, description="Freitext in Titel, Quelle und Erstautor:in")
    sort: Literal["newest", "title", "author"] = Field("newest", description="Reihenfolge der Treffer")
    limit: int = Field(20, ge=1, le=100, description="Treffer je Seite (höchstens 100)")
    offset: int = Field(0, ge=0, le=1_000_000, description="Wie viele Treffer übersprungen werden")


class LiteratureOut(Schema):
    id: int
    url: str
    is_demo: bool
    csl: dict[str, Any] = Field(description="Der Datensatz als CSL-JSON-Eintrag")


class LiteratureListOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[LiteratureOut]
    facets: dict[str, dict[str, int]]


def _url(request: HttpRequest, pk: int) -> str:
    with translation.override("de"):
        from django.urls import reverse

        return request.build_absolute_uri(reverse("literature:detail", kwargs={"pk": pk}))


def _stellschrauben(browser: LiteratureBrowser, raw: list) -> list[str]:
    # Levers are addressed by number in the API (like practices) and by slug in the index.
    by_number = {str(term.number): slug for slug, term in browser.terms["stellschrauben"].items()}
    return [by_number.get(str(value), f"#{value}") for value in raw]


@router.get(
    "/literature",
    response={200: LiteratureListOut, 422: ErrorOut},
    summary="Literatur suchen und filtern",
    operation_id="list_literature",
)
def list_literature(request: HttpRequest, filters: Query[LiteratureFilters]):
    """Veröffentlichte Literatur mit Facettenzählung (`facets`) und Seitenweise (`limit`, `offset`)."""
    browser = LiteratureBrowser.current()
    raw = {name: [str(value) for value in getattr(filters, name)] for name in FACET_FIELDS}
    raw["stellschrauben"] = _stellschrauben(browser, filters.stellschrauben)
    cleaned, unknown = browser.clean_filters(raw)
    if unknown:
        raise ValidationError(
            [
                {
                    "type": "unknown_value",
                    "loc": ["query", name],
                    "msg": _("Unbekannter Wert „%(value)s“ für den Parameter „%(param)s“.")
                    % {"value": value.lstrip("#"), "param": name},
                    "input": value.lstrip("#"),
                }
                for name, value in unknown
            ]
        )
    result = browser.search(
        FacetQuery(filters=cleaned, q=filters.q, sort=filters.sort, offset=filters.offset, limit=filters.limit)
    )
    records = {r.pk: r for r in Literature.objects.public().filter(pk__in=result.ids_page)}
    ordered = [records[pk] for pk in result.ids_page if pk in records]
    numbers = {slug: str(term.number) for slug, term in browser.terms["stellschrauben"].items()}
    facets = {}
    for name, values in result.facets.items():
        if name == "stellschrauben":
            facets[name] = {numbers.get(v.value, v.value): v.count for v in values}
        else:
            facets[name] = {v.value: v.count for v in values}
    return {
        "count": result.total,
        "limit": filters.limit,
        "offset": filters.offset,
        "results": [
            {"id": r.pk, "url": _url(request, r.pk), "is_demo": r.is_demo, "csl": item}
            for r, item in zip(ordered, to_items(ordered))
        ],
        "facets": facets,
    }


@router.get(
    "/literature/{literature_id}",
    response={200: LiteratureOut, 404: ErrorOut},
    summary="Ein Literaturnachweis (JSON, oder als Datei mit ?format=ris|bibtex|csl-json)",
    operation_id="get_literature",
)
def get_literature(
    request: HttpRequest,
    literature_id: int,
    format: Literal["json", "ris", "bibtex", "csl-json"] = Query("json", description="Ausgabeformat"),  # noqa: A002
):
    """Der Datensatz als JSON mit CSL-Eintrag; mit `format` als RIS-, BibTeX- oder CSL-JSON-Datei."""
    literature = Literature.objects.public().prefetch_related("creators").filter(pk=literature_id).first()
    if literature is None:
        raise HttpError(404, _("Kein veröffentlichter Literaturnachweis mit der ID %(id)s.") % {"id": literature_id})
    if format != "json":
        response: HttpResponse = export_response([literature.pk], format, f"literatur-{literature.pk}")
        response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline")
        return response
    return {
        "id": literature.pk,
        "url": _url(request, literature.pk),
        "is_demo": literature.is_demo,
        "csl": to_item(literature),
    }
