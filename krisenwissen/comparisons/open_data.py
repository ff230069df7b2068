"""Open-data wiring of the comparisons: one download per kind, catalogue, sitemap, JSON-LD, API freshness.

Every kind in :data:`krisenwissen.comparisons.registry.KINDS` becomes a dataset
``/daten/vergleich-<kind>.csv|json|jsonld`` whose columns are the compared fields of its model;
a record's detail page is a schema.org ``Article`` about the Land it describes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from krisenwissen.api.conventions import Freshness, register_freshness
from krisenwissen.opendata.registry import Dataset, register_dataset, register_jsonld, register_sitemap
from krisenwissen.research.open_data_support import dated_freshness, iso, model_state

from .models import ComparisonRecord
from .registry import KINDS, ComparisonKind

#: Columns that are not read from the model as they are.
COMPUTED = {"url", "last_checked", "updated_at"}


def _area(record) -> str:
    return getattr(record, "land", "") or ""


def _columns(kind: ComparisonKind) -> tuple[str, ...]:
    area = ("land",) if any(f.name == "land" for f in kind.model._meta.get_fields()) else ()
    return (
        "slug",
        "title",
        *area,
        "summary",
        *kind.model.comparison_fields,
        "last_checked",
        "is_demo",
        "updated_at",
        "url",
    )


def _records(kind: ComparisonKind) -> Callable[[str], Iterator[dict]]:
    columns = _columns(kind)

    def records(base_url: str) -> Iterator[dict]:
        base_url = base_url.rstrip("/")
        with translation.override("de"):
            rows = kind.model.objects.public().order_by("pk")
            for record in rows.iterator(chunk_size=500):
                row = {
                    name: getattr(record, name) for name in columns if name not in {"url", "last_checked", "updated_at"}
                }
                row["last_checked"] = iso(record.last_checked)
                row["updated_at"] = iso(record.updated_at)
                row["url"] = base_url + record.get_absolute_url()
                yield row

    return records


def _node(url: str, title: str, summary: str, area: str, values: list[tuple[str, str]], last_checked, is_demo) -> dict:
    node = {
        "@type": "Article",
        "@id": url,
        "url": url,
        "headline": title[:110],
        "name": title,
        "description": summary,
        "genre": "Ländervergleich",
        "inLanguage": "de",
        "articleBody": "\n\n".join(f"{label}: {text}" for label, text in values if text),
        "isAccessibleForFree": True,
    }
    if area:
        node["spatialCoverage"] = {
            "@type": "AdministrativeArea",
            "name": area,
            "address": {"@type": "PostalAddress", "addressRegion": area, "addressCountry": "DE"},
        }
    if last_checked:
        node["dateModified"] = last_checked
    if is_demo:
        node["creativeWorkStatus"] = "Demo"
    return {key: value for key, value in node.items() if value not in (None, "")}


def _record_jsonld(kind: ComparisonKind) -> Callable[[dict, str], dict]:
    def build(record: dict, base_url: str) -> dict:
        values = [
            (str(kind.model._meta.get_field(name).verbose_name), record[name]) for name in kind.model.comparison_fields
        ]
        return _node(
            record["url"],
            record["title"],
            record["summary"],
            record.get("land", ""),
            values,
            record["last_checked"],
            record["is_demo"],
        )

    return build


def comparison_detail_jsonld(record: ComparisonRecord, request) -> dict:
    with translation.override("de"):
        url = request.build_absolute_uri(record.get_absolute_url())
    node = _node(
        url,
        record.title,
        record.summary,
        _area(record),
        [(label, str(text)) for label, text in record.comparison_values()],
        iso(record.last_checked),
        record.is_demo,
    )
    node["mainEntityOfPage"] = url
    return node


def _sitemap(kind: ComparisonKind) -> type[Sitemap]:
    class ComparisonSitemap(Sitemap):
        changefreq = "monthly"
        priority = 0.5
        limit = 5000
        i18n = True
        languages = ["de", "en"]
        alternates = True
        x_default = True

        def items(self):
            return kind.model.objects.public().filter(is_demo=False).order_by("pk").only("pk", "slug", "updated_at")

        def lastmod(self, record):
            return record.updated_at

    return ComparisonSitemap


def _modified(kind: ComparisonKind):
    return lambda: kind.model.objects.public().aggregate(m=Max("updated_at"))["m"]


def comparisons_freshness() -> Freshness:
    fingerprint: tuple = ("comparisons",)
    newest = None
    for kind in KINDS.values():
        parts, changed = model_state(kind.model)
        fingerprint += (kind.key, *parts)
        if changed and (newest is None or changed > newest):
            newest = changed
    return dated_freshness(fingerprint, newest)


for _order, _kind in enumerate(KINDS.values()):
    register_dataset(
        Dataset(
            key=f"vergleich-{_kind.key}",
            title=_kind.title,
            description=str(
                _(
                    "Die veröffentlichten Einträge des Vergleichs „%(title)s“, ein Datensatz je Eintrag mit allen "
                    "verglichenen Merkmalen und dem Stand der Prüfung. Datensätze mit is_demo = true sind fiktive "
                    "Demo-Daten."
                )
                % {"title": _kind.title}
            ),
            columns=_columns(_kind),
            records=_records(_kind),
            jsonld=_record_jsonld(_kind),
            modified=_modified(_kind),
            landing_url_name="comparisons:list",
            themes=("GOVE", "REGI"),
            keywords=("Ländervergleich", "Krisenstab", "Krisenmanagement"),
            frequency="IRREG",
            sort_order=75 + _order,
        )
    )
    register_sitemap(f"vergleich-{_kind.key}", _sitemap(_kind))
    register_jsonld(_kind.model, comparison_detail_jsonld)
register_freshness("/api/v1/comparisons", comparisons_freshness)
