"""Open-data wiring of the literature database: download, catalogue, sitemap, JSON-LD by type, API freshness.

The bulk download is the bibliographic record as a flat table (the app's own RIS/BibTeX/CSL-JSON
exports stay on ``/literatur/export/``); editorial notes and import bookkeeping are never in it.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from krisenwissen.api.conventions import register_freshness
from krisenwissen.opendata.registry import Dataset, register_dataset, register_jsonld, register_sitemap
from krisenwissen.opendata.sitemaps import PublicRecordSitemap
from krisenwissen.research.open_data_support import iso, keywords, lever_numbers, public_rows, snippet_freshness

from .models import CslType, Literature, LiteratureCreator

COLUMNS = (
    "id",
    "type",
    "title",
    "short_title",
    "authors",
    "editors",
    "year",
    "month",
    "day",
    "container_title",
    "collection_title",
    "publisher",
    "publisher_place",
    "volume",
    "issue",
    "page",
    "edition",
    "number",
    "doi",
    "isbn",
    "issn",
    "link",
    "abstract",
    "language",
    "keywords",
    "document_category",
    "themes",
    "crisis_types",
    "target_groups",
    "stellschrauben",
    "is_demo",
    "updated_at",
    "url",
)

#: schema.org type per CSL type of the record.
SCHEMA_TYPES = {
    CslType.ARTICLE_JOURNAL: "ScholarlyArticle",
    CslType.ARTICLE: "ScholarlyArticle",
    CslType.PAPER_CONFERENCE: "ScholarlyArticle",
    CslType.ARTICLE_NEWSPAPER: "NewsArticle",
    CslType.ARTICLE_MAGAZINE: "Article",
    CslType.ENTRY_ENCYCLOPEDIA: "Article",
    CslType.BOOK: "Book",
    CslType.CHAPTER: "Chapter",
    CslType.REPORT: "Report",
    CslType.WEBPAGE: "WebPage",
    CslType.POST_WEBLOG: "BlogPosting",
    CslType.LEGISLATION: "Legislation",
    CslType.THESIS: "Thesis",
    CslType.DATASET: "Dataset",
    CslType.MOTION_PICTURE: "VideoObject",
    CslType.MANUSCRIPT: "Manuscript",
}


def schema_type(csl_type: str) -> str:
    return SCHEMA_TYPES.get(csl_type, "CreativeWork")


def _detail_template() -> str:
    with translation.override("de"):
        return reverse("literature:detail", kwargs={"pk": 999999999})


def _names(record: Literature, role: str) -> list[str]:
    return [creator.display_name for creator in record.creators.all() if creator.role == role]


def literature_records(base_url: str) -> Iterator[dict]:
    template = base_url.rstrip("/") + _detail_template()
    rows = public_rows(Literature.objects, "creators", "themes", "crisis_types", "target_groups", "levers")
    for record in rows:
        yield {
            "id": record.pk,
            "type": record.csl_type,
            "title": record.title,
            "short_title": record.short_title,
            "authors": _names(record, LiteratureCreator.Role.AUTHOR),
            "editors": _names(record, LiteratureCreator.Role.EDITOR),
            "year": record.year,
            "month": record.month,
            "day": record.day,
            "container_title": record.container_title,
            "collection_title": record.collection_title,
            "publisher": record.publisher,
            "publisher_place": record.publisher_place,
            "volume": record.volume,
            "issue": record.issue,
            "page": record.page,
            "edition": record.edition,
            "number": record.number,
            "doi": record.doi,
            "isbn": record.isbn,
            "issn": record.issn,
            "link": record.url,
            "abstract": record.abstract,
            "language": record.language,
            "keywords": list(record.keywords or []),
            "document_category": record.document_category,
            "themes": sorted(t.slug for t in record.themes.all()),
            "crisis_types": sorted(t.slug for t in record.crisis_types.all()),
            "target_groups": sorted(t.slug for t in record.target_groups.all()),
            "stellschrauben": lever_numbers(record),
            "is_demo": record.is_demo,
            "updated_at": iso(record.updated_at),
            "url": template.replace("999999999", str(record.pk)),
        }


def _date(year, month, day) -> str | None:
    if not year:
        return None
    if month and day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month:
        return f"{year:04d}-{month:02d}"
    return str(year)


def _person(name: str, kind: str = LiteratureCreator.Kind.PERSON) -> dict:
    return {"@type": "Organization" if kind == LiteratureCreator.Kind.ORGANISATION else "Person", "name": name}


def _node(url: str, fields: dict) -> dict:
    node = {
        "@type": schema_type(fields["type"]),
        "@id": url,
        "url": url,
        "name": fields["title"],
        "headline": fields["title"][:110],
        "author": fields["authors"],
        "editor": fields["editors"],
        "datePublished": _date(fields["year"], fields["month"], fields["day"]),
        "abstract": fields["abstract"],
        "inLanguage": fields["language"],
        "keywords": fields["keywords"],
        "publisher": {"@type": "Organization", "name": fields["publisher"]} if fields["publisher"] else None,
        "sameAs": fields["link"] or None,
        "isbn": fields["isbn"] if schema_type(fields["type"]) == "Book" else None,
        "issn": fields["issn"] if schema_type(fields["type"]) in {"ScholarlyArticle", "Article"} else None,
        "pagination": fields["page"],
        "bookEdition": fields["edition"] if schema_type(fields["type"]) == "Book" else None,
        "legislationIdentifier": fields["number"] if schema_type(fields["type"]) == "Legislation" else None,
    }
    if fields["container_title"]:
        node["isPartOf"] = {"@type": "CreativeWork", "name": fields["container_title"]}
    if fields["doi"]:
        node["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": fields["doi"]}
    if fields["is_demo"]:
        node["creativeWorkStatus"] = "Demo"
    return {key: value for key, value in node.items() if value not in (None, "", [])}


def literature_record_jsonld(record: dict, base_url: str) -> dict:
    fields = dict(record)
    fields["authors"] = [_person(name) for name in record["authors"]]
    fields["editors"] = [_person(name) for name in record["editors"]]
    return _node(record["url"], fields)


def literature_detail_jsonld(record: Literature, request) -> dict:
    with translation.override("de"):
        url = request.build_absolute_uri(record.get_absolute_url())
    creators = list(record.creators.all())
    fields = {
        "type": record.csl_type,
        "title": record.title,
        "authors": [_person(c.display_name, c.kind) for c in creators if c.role == LiteratureCreator.Role.AUTHOR],
        "editors": [_person(c.display_name, c.kind) for c in creators if c.role == LiteratureCreator.Role.EDITOR],
        "year": record.year,
        "month": record.month,
        "day": record.day,
        "abstract": record.abstract,
        "language": record.language,
        "keywords": list(record.keywords or []) + keywords(record, "themes"),
        "publisher": record.publisher,
        "link": record.url,
        "isbn": record.isbn,
        "issn": record.issn,
        "page": record.page,
        "edition": record.edition,
        "number": record.number,
        "container_title": record.container_title,
        "doi": record.doi,
        "is_demo": record.is_demo,
    }
    node = _node(url, fields)
    node["mainEntityOfPage"] = url
    # The work's publisher and licence are not the platform's: ``{% json_ld %}`` would add the
    # platform as publisher and its content licence (which covers the record, not the work), so
    # both are set explicitly; JSON-LD ignores a null value.
    node.setdefault("publisher", None)
    node["license"] = None
    return node


class LiteratureSitemap(PublicRecordSitemap):
    """Published, non-demo records of the literature database, German and English address."""

    model = Literature
    changefreq = "monthly"
    priority = 0.5
    fields = ("pk", "updated_at")


register_dataset(
    Dataset(
        key="literatur",
        title=_("Literaturdatenbank zum kommunalen Krisenmanagement"),
        description=str(
            _(
                "Alle veröffentlichten Literaturnachweise mit Typ, Autorinnen und Autoren, Herausgebenden, "
                "Erscheinungsangaben, DOI, ISBN, ISSN, Zusammenfassung, Schlagwörtern und der Einordnung nach "
                "Schwerpunktthemen, Krisenarten, Zielgruppen und Stellschrauben. Die Lizenz gilt für die "
                "Nachweise, nicht für die nachgewiesenen Werke. Datensätze mit is_demo = true sind fiktive "
                "Demo-Daten."
            )
        ),
        columns=COLUMNS,
        records=literature_records,
        jsonld=literature_record_jsonld,
        modified=lambda: Literature.objects.public().aggregate(m=Max("updated_at"))["m"],
        landing_url_name="literature:list",
        themes=("SOCI", "EDUC", "GOVE"),
        keywords=("Literatur", "Bibliografie", "Krisenmanagement", "Kommunen"),
        sort_order=20,
    )
)
register_sitemap("literatur", LiteratureSitemap)
register_jsonld(Literature, literature_detail_jsonld)
register_freshness("/api/v1/literature", snippet_freshness(Literature))
