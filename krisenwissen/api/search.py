"""``/api/v1/search``: one ranked search over every public content type.

The same service as the HTML search page (:mod:`krisenwissen.search.service`): German-aware
analysis, the editors' thesaurus, spelling suggestions and cross-language matching. Practice
filters (the parameters of ``/api/v1/practices``) restrict the results to matching practices;
``facets`` counts practice filter values among the hits.
"""

from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from django.http import HttpRequest
from django.utils.translation import gettext as _

from krisenwissen.practices.facets import FACET_FIELDS, PracticeBrowser
from krisenwissen.search.registry import kinds
from krisenwissen.search.service import autocomplete, search_page

from .practices import _unknown_value_error
from .schemas import ErrorOut

router = Router(tags=["Suche"])


def _values(description: str):
    return Field(default_factory=list, description=description)


class SearchParams(Schema):
    # No max_length: an overlong query is cut by the service and answered with a notice, not a 422.
    q: str = Field("", description="Suchanfrage; Wendungen in Anführungszeichen, -wort schließt aus")
    type: str | None = Field(None, max_length=40, description="Nur eine Inhaltsart, z. B. practice")
    limit: int = Field(10, ge=1, le=100, description="Treffer je Seite (höchstens 100)")
    offset: int = Field(0, ge=0, le=10_000, description="Wie viele Treffer übersprungen werden")
    themes: list[str] = _values("Schwerpunktthemen (Kürzel)")
    crisis_types: list[str] = _values("Krisenarten (Kürzel)")
    phases: list[str] = _values("Krisenphasen")
    innovation_type: list[str] = _values("Innovationsart")
    origin: list[str] = _values("Entstehung")
    maturity: list[str] = _values("Reifegrad")
    actors: list[str] = _values("Beteiligte Akteure (Kürzel)")
    target_groups: list[str] = _values("Zielgruppen (Kürzel)")
    stellschrauben: list[int] = _values("Stellschrauben (Nummern 1–7)")
    country: list[str] = _values("Staat (ISO-3166-1-Alpha-2)")
    state: list[str] = _values("Bundesland bzw. Region")
    size_class: list[str] = _values("Größenklasse")
    year: list[int] = _values("Jahre, in denen die Praxis aktiv war")


class SearchResultOut(Schema):
    type: str = Field(description="Inhaltsart, z. B. practice")
    external_id: str | None = Field(description="Stabiler Schlüssel, wo die Inhaltsart einen hat")
    title: str
    url: str = Field(description="Absolute Adresse")
    snippet: str = Field(description="Textausschnitt als HTML: maskiert, Treffer in <mark>")


class SearchOut(Schema):
    count: int = Field(description="Anzahl aller Treffer")
    limit: int
    offset: int
    results: list[SearchResultOut] = Field(description="Treffer in Rangfolge")
    facets: dict[str, dict[str, int]] = Field(description="Facettenzählung der Praxisbeispiele unter den Treffern")
    types: dict[str, int] = Field(description="Treffer je Inhaltsart")
    suggestion: str | None = Field(description="Korrekturvorschlag („Meinten Sie …?“) oder null")
    notices: list[str] = Field(description="Hinweise, z. B. dass eine lange Anfrage gekürzt wurde")


@router.get(
    "",
    response={200: SearchOut, 422: ErrorOut},
    summary="Alle Inhalte durchsuchen",
    operation_id="search",
    url_name="search",
)
def search(request: HttpRequest, params: Query[SearchParams]):
    """Gerankte Volltextsuche über alle öffentlichen Inhalte, deutsch- und englischsprachig.

    Groß-/Kleinschreibung und Umlaute (ä/ae) sind egal, Wortformen und Komposita werden erkannt
    („Krisenstäbe“ findet „Krisenstab“, „Hitzeaktionsplan“ findet „Aktionsplan gegen Hitze“),
    Synonyme aus dem Thesaurus der Redaktion werden ergänzt. `"…"` sucht eine Wendung, `-wort`
    schließt ein Wort aus. Praxis-Filter beschränken die Treffer auf passende Praxisbeispiele.
    """
    known_kinds = kinds()
    if params.type and params.type not in known_kinds:
        raise ValidationError(
            [
                {
                    "type": "unknown_value",
                    "loc": ["query", "type"],
                    "msg": _("Unbekannte Inhaltsart „%(value)s“. Erlaubt sind: %(values)s.")
                    % {"value": params.type, "values": ", ".join(known_kinds)},
                    "input": params.type,
                }
            ]
        )
    browser = PracticeBrowser.current()
    raw = {name: [str(value) for value in getattr(params, name)] for name in FACET_FIELDS}
    cleaned, unknown = browser.clean_filters(raw)
    if unknown:
        raise _unknown_value_error(browser, unknown)
    page = search_page(
        params.q,
        kind=params.type,
        practice_filters=cleaned,
        browser=browser,
        offset=params.offset,
        limit=params.limit,
    )
    facets = {}
    if page.facet_result is not None:
        facets = {
            name: {value.value: value.count for value in values} for name, values in page.facet_result.facets.items()
        }
    return {
        "count": page.total,
        "limit": params.limit,
        "offset": params.offset,
        "results": [
            {
                "type": item.kind,
                "external_id": item.external_id or None,
                "title": item.title,
                "url": request.build_absolute_uri(item.url),
                "snippet": item.snippet,
            }
            for item in page.items
        ],
        "facets": facets,
        "types": page.type_counts,
        "suggestion": page.response.suggestion,
        "notices": page.response.notices,
    }


class SuggestOut(Schema):
    suggestions: list[str]


@router.get(
    "/suggest",
    response=SuggestOut,
    summary="Vorschläge beim Tippen",
    operation_id="search_suggest",
    url_name="search_suggest",
)
def suggest(request: HttpRequest, q: str = Query("", max_length=300)):
    """Vervollständigungen für das letzte Wort der Eingabe, häufigste zuerst."""
    return {"suggestions": autocomplete(q)}
