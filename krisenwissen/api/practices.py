"""``/api/v1/practices``: the published practice examples, filtered exactly like the list page.

Filtering, counting and paging come from :mod:`krisenwissen.practices.facets`, so the API and the
HTML list always agree. Repeating a parameter means OR (``themes=a&themes=b``); different
parameters combine with AND. An unknown value is an error (422) rather than silently ignored, so
a typo in a client never looks like "no results".
"""

from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from krisenwissen.practices.facets import (
    FACET_FIELDS,
    FacetQuery,
    PracticeBrowser,
    PracticeCard,
    classification_slugs,
    fetch_cards,
    related_practices,
)
from krisenwissen.practices.models import Practice

from .schemas import ErrorOut, PracticeDetailOut, PracticeListOut

router = Router(tags=["Praxisbeispiele"])


def _values(description: str):
    return Field(default_factory=list, description=description)


class PracticeFilters(Schema):
    themes: list[str] = _values("Schwerpunktthemen (Kürzel), z. B. krisenkommunikation")
    crisis_types: list[str] = _values("Krisenarten (Kürzel), z. B. hochwasser")
    phases: list[str] = _values("Krisenphasen: vorsorge, bewaeltigung, nachbereitung")
    innovation_type: list[str] = _values("Innovationsart: produkt, prozess, soziale-innovation")
    origin: list[str] = _values("Entstehung: emergent, gezielt")
    maturity: list[str] = _values("Reifegrad: idee, pilot, etabliert, evaluiert, beendet")
    actors: list[str] = _values("Beteiligte Akteure (Kürzel)")
    target_groups: list[str] = _values("Zielgruppen (Kürzel)")
    stellschrauben: list[int] = _values("Stellschrauben (Nummern 1–7)")
    country: list[str] = _values("Staat als ISO-3166-1-Alpha-2-Code, z. B. DE")
    state: list[str] = _values("Bundesland bzw. Region, z. B. Nordrhein-Westfalen")
    size_class: list[str] = _values("Größenklasse: grossstadt, mittelstadt, kleinstadt, landgemeinde, kreis, unbekannt")
    year: list[int] = _values("Jahre, in denen die Praxis aktiv war (Beginn bis Ende bzw. bis heute)")
    q: str = Field("", max_length=200, description="Freitext in Titel, Kurzbeschreibung und Beschreibung")
    sort: Literal["newest", "title", "municipality"] = Field("newest", description="Reihenfolge der Treffer")
    limit: int = Field(20, ge=1, le=100, description="Treffer je Seite (höchstens 100)")
    offset: int = Field(0, ge=0, le=1_000_000, description="Wie viele Treffer übersprungen werden")


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _practice_url(request: HttpRequest, practice) -> str:
    # The German address is the canonical one, whatever language the client asks for.
    with translation.override("de"):
        return _absolute(request, practice.get_absolute_url())


def _summary(request: HttpRequest, card: PracticeCard, classification: dict) -> dict:
    with translation.override("de"):
        place_url = _absolute(request, card.get_place_url())
    return {
        "external_id": card.external_id,
        "slug": card.slug,
        "title": card.title,
        "summary": card.summary,
        "language": card.language,
        "municipality": {
            "name": card.place_name,
            "label": card.municipality_display,
            "ags": card.ags,
            "state": card.state,
            "country": card.country,
            "size_class": card.size_class,
            "url": place_url,
        },
        **classification,
        "start_year": card.start_year,
        "end_year": card.end_year,
        "is_demo": card.is_demo,
        "url": _practice_url(request, card),
    }


def _unknown_value_error(browser: PracticeBrowser, unknown) -> ValidationError:
    errors = []
    for item in unknown:
        message = _("Unbekannter Wert „%(value)s“ für den Parameter „%(param)s“.") % {
            "value": item.value,
            "param": item.field,
        }
        allowed = browser.allowed_values(item.field)
        if allowed:
            message += " " + _("Erlaubt sind: %(values)s.") % {"values": ", ".join(allowed)}
        errors.append({"type": "unknown_value", "loc": ["query", item.field], "msg": message, "input": item.value})
    return ValidationError(errors)


@router.get(
    "/practices",
    response={200: PracticeListOut, 422: ErrorOut},
    summary="Praxisbeispiele suchen und filtern",
    operation_id="list_practices",
)
def list_practices(request: HttpRequest, filters: Query[PracticeFilters]):
    """Veröffentlichte Praxisbeispiele mit Facettenzählung.

    Wiederholte Parameter werden mit ODER verknüpft, verschiedene Parameter mit UND. Die Zahlen
    unter `facets` gelten für die aktuelle Auswahl: Für einen Wert eines Felds zählen die Treffer
    aller übrigen Filter, die diesen Wert haben. Unbekannte Werte ergeben den Status 422.
    """
    browser = PracticeBrowser.current()
    raw = {name: [str(value) for value in getattr(filters, name)] for name in FACET_FIELDS}
    cleaned, unknown = browser.clean_filters(raw)
    if unknown:
        raise _unknown_value_error(browser, unknown)
    result = browser.search(
        FacetQuery(filters=cleaned, q=filters.q, sort=filters.sort, offset=filters.offset, limit=filters.limit)
    )
    practices = fetch_cards(result.ids_page)
    classification = classification_slugs(practices)
    return {
        "count": result.total,
        "limit": filters.limit,
        "offset": filters.offset,
        "results": [_summary(request, practice, classification[practice.pk]) for practice in practices],
        "facets": {name: {value.value: value.count for value in values} for name, values in result.facets.items()},
    }


@router.get(
    "/practices/{external_id}",
    response={200: PracticeDetailOut, 404: ErrorOut},
    summary="Ein Praxisbeispiel",
    operation_id="get_practice",
)
def get_practice(request: HttpRequest, external_id: str):
    """Der vollständige öffentliche Datensatz; Kontaktdaten nur mit Einwilligung der Person.

    Praxisbeispiele ohne externe ID sind über ihr Kürzel (`slug`) erreichbar.
    """
    queryset = Practice.objects.public().prefetch_related(
        "images__image", "attachments__document", "links", "related_links__related"
    )
    practice = queryset.filter(external_id=external_id).first() or queryset.filter(slug=external_id).first()
    if practice is None:
        raise HttpError(404, _("Kein veröffentlichtes Praxisbeispiel mit der ID „%(id)s“.") % {"id": external_id})
    card = fetch_cards([practice.pk])[0]
    record = _summary(request, card, classification_slugs([card])[card.pk])
    record.update(
        description=practice.description,
        lessons_learned=practice.lessons_learned,
        keywords=sorted(tag.name for tag in practice.keywords.all()),
        images=[
            {
                "url": _absolute(request, item.image.file.url),
                "alt_text": item.alt_text,
                "caption": item.caption,
                "credit": item.credit,
            }
            for item in practice.images.all()
        ],
        attachments=[
            {
                "title": item.display_title,
                "url": _absolute(request, item.document.url),
                "file_type": item.document.file_extension,
                "file_size": item.document.get_file_size(),
            }
            for item in practice.attachments.all()
        ],
        links=[{"title": link.title, "url": link.url, "accessed": link.accessed} for link in practice.links.all()],
        contact=practice.public_contact,
        last_reviewed=practice.last_reviewed,
        related=[
            {"external_id": p.external_id, "slug": p.slug, "title": p.title, "url": _practice_url(request, p)}
            for p in related_practices(practice)
        ],
    )
    return record
