"""``/api/v1/comparisons``: comparison records (first: the Länder's crisis-staff arrangements)."""

import datetime

from ninja import Field, Router, Schema
from ninja.errors import HttpError

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from krisenwissen.api.schemas import ErrorOut

from .registry import KINDS

router = Router(tags=["Vergleiche"])


class FieldValueOut(Schema):
    field: str
    label: str
    value: str


class ComparisonRecordOut(Schema):
    kind: str = Field(description="Art des Eintrags, z. B. krisenstaebe")
    slug: str
    title: str
    label: str = Field(description="Spaltenüberschrift im Vergleich, z. B. das Land")
    summary: str
    fields: list[FieldValueOut]
    last_checked: datetime.date | None
    is_demo: bool = Field(description="Fiktive Demo-Daten; muss bei der Anzeige gekennzeichnet werden")
    url: str


class ComparisonKindOut(Schema):
    kind: str
    title: str
    count: int
    records: list[ComparisonRecordOut]


def _record(request: HttpRequest, kind: str, record) -> dict:
    with translation.override("de"):
        url = request.build_absolute_uri(record.get_absolute_url())
    model = type(record)
    return {
        "kind": kind,
        "slug": record.slug,
        "title": record.title,
        "label": record.label,
        "summary": record.summary,
        "fields": [
            {"field": name, "label": str(model._meta.get_field(name).verbose_name), "value": getattr(record, name)}
            for name in model.comparison_fields
        ],
        "last_checked": record.last_checked,
        "is_demo": record.is_demo,
        "url": url,
    }


@router.get(
    "/comparisons/{kind}",
    response={200: ComparisonKindOut, 404: ErrorOut},
    summary="Alle Einträge einer Vergleichsart",
    operation_id="list_comparison_records",
)
def list_records(request: HttpRequest, kind: str):
    """Alle veröffentlichten Einträge einer Vergleichsart (derzeit `krisenstaebe`) mit allen Merkmalen."""
    comparison = KINDS.get(kind)
    if comparison is None:
        raise HttpError(
            404,
            _("Unbekannte Vergleichsart „%(kind)s“. Erlaubt: %(kinds)s.") % {"kind": kind, "kinds": ", ".join(KINDS)},
        )
    records = [_record(request, kind, record) for record in comparison.model.objects.public()]
    return {"kind": kind, "title": str(comparison.title), "count": len(records), "records": records}


@router.get(
    "/comparisons/{kind}/{slug}",
    response={200: ComparisonRecordOut, 404: ErrorOut},
    summary="Ein Vergleichseintrag",
    operation_id="get_comparison_record",
)
def get_record(request: HttpRequest, kind: str, slug: str):
    comparison = KINDS.get(kind)
    record = comparison.model.objects.public().filter(slug=slug).first() if comparison else None
    if record is None:
        raise HttpError(404, _("Kein veröffentlichter Eintrag „%(slug)s“.") % {"slug": slug})
    return _record(request, kind, record)
