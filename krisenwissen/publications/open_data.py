"""Open-data wiring of the platform's own publications: download, catalogue, sitemap, JSON-LD, API freshness."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from krisenwissen.api.conventions import register_freshness
from krisenwissen.opendata.registry import Dataset, register_dataset, register_jsonld, register_sitemap
from krisenwissen.opendata.sitemaps import PublicRecordSitemap
from krisenwissen.research.open_data_support import (
    EXPORT_CHUNK,
    absolute_url,
    demo_status,
    detail_url,
    iso,
    keywords,
    lever_numbers,
    snippet_freshness,
    term_slugs,
    url_template,
)

from .models import Publication, PublicationKind

COLUMNS = (
    "slug",
    "title",
    "subtitle",
    "authors",
    "year",
    "kind",
    "abstract",
    "citation",
    "pdf_url",
    "link",
    "doi",
    "licence",
    "themes",
    "stellschrauben",
    "is_demo",
    "updated_at",
    "url",
)

#: schema.org type per kind of publication.
SCHEMA_TYPES = {
    PublicationKind.REPORT: "Report",
    PublicationKind.ARTICLE: "ScholarlyArticle",
    PublicationKind.GUIDE: "CreativeWork",
    PublicationKind.POLICY: "Report",
    PublicationKind.WORKING_PAPER: "Report",
    PublicationKind.PRESENTATION: "PresentationDigitalDocument",
}


def _pdf_url(base_url: str, publication: Publication) -> str:
    if not publication.document_id:
        return ""
    url = publication.document.url
    return base_url.rstrip("/") + url if url.startswith("/") else url


def publication_records(base_url: str) -> Iterator[dict]:
    template = url_template("publications:detail")
    rows = (
        Publication.objects.public()
        .order_by("pk")
        .select_related("document")
        .prefetch_related("themes", "levers")
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    for publication in rows:
        yield {
            "slug": publication.slug,
            "title": publication.title,
            "subtitle": publication.subtitle,
            "authors": publication.author_list,
            "year": publication.year,
            "kind": publication.kind,
            "abstract": publication.abstract,
            "citation": publication.citation,
            "pdf_url": _pdf_url(base_url, publication),
            "link": publication.url,
            "doi": publication.doi,
            "licence": publication.licence,
            "themes": term_slugs(publication, "themes"),
            "stellschrauben": lever_numbers(publication),
            "is_demo": publication.is_demo,
            "updated_at": iso(publication.updated_at),
            "url": absolute_url(base_url, template, publication.slug),
        }


def _publication_node(record: dict) -> dict:
    node = {
        "@type": SCHEMA_TYPES.get(record["kind"], "CreativeWork"),
        "@id": record["url"],
        "url": record["url"],
        "name": record["title"],
        "headline": record["title"][:110],
        "abstract": record["abstract"],
        "author": [{"@type": "Person", "name": name} for name in record["authors"]],
        "datePublished": str(record["year"]) if record["year"] else None,
        "genre": str(PublicationKind(record["kind"]).label) if record["kind"] in PublicationKind.values else "",
        "inLanguage": "de",
        "isAccessibleForFree": True,
    }
    if record["subtitle"]:
        node["alternativeHeadline"] = record["subtitle"]
    if record["doi"]:
        node["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": record["doi"]}
        node["sameAs"] = f"https://doi.org/{record['doi']}"
    if record["licence"]:
        node["license"] = record["licence"]
    if record["citation"]:
        node["citation"] = record["citation"]
    encodings = []
    if record["pdf_url"]:
        encodings.append({"@type": "MediaObject", "contentUrl": record["pdf_url"], "encodingFormat": "application/pdf"})
    if encodings:
        node["encoding"] = encodings
    if record["is_demo"]:
        node["creativeWorkStatus"] = "Demo"
    return {key: value for key, value in node.items() if value not in (None, "")}


def publication_record_jsonld(record: dict, base_url: str) -> dict:
    node = _publication_node(record)
    node["keywords"] = record["themes"]
    return node


def publication_detail_jsonld(publication: Publication, request) -> dict:
    url = detail_url(request, publication)
    base_url = request.build_absolute_uri("/").rstrip("/")
    node = _publication_node(
        {
            "url": url,
            "title": publication.title,
            "subtitle": publication.subtitle,
            "authors": publication.author_list,
            "year": publication.year,
            "kind": publication.kind,
            "abstract": publication.abstract,
            "citation": publication.citation,
            "pdf_url": _pdf_url(base_url, publication),
            "doi": publication.doi,
            "licence": publication.licence,
            "is_demo": publication.is_demo,
        }
    )
    node["mainEntityOfPage"] = url
    node["keywords"] = keywords(publication, "themes")
    return demo_status(node, publication)


class PublicationSitemap(PublicRecordSitemap):
    model = Publication
    changefreq = "yearly"
    priority = 0.6


register_dataset(
    Dataset(
        key="publikationen",
        title=_("Publikationen der Wissensplattform"),
        description=str(
            _(
                "Alle veröffentlichten Publikationen (Berichte, Fachartikel, Leitfäden, Policy Paper, "
                "Arbeitspapiere, Vorträge) mit Autorinnen und Autoren, Jahr, Zusammenfassung, Zitiervorschlag, "
                "DOI, Lizenz der Publikation und Adresse des PDFs. Datensätze mit is_demo = true sind fiktive "
                "Demo-Daten."
            )
        ),
        columns=COLUMNS,
        records=publication_records,
        jsonld=publication_record_jsonld,
        modified=lambda: Publication.objects.public().aggregate(m=Max("updated_at"))["m"],
        landing_url_name="publications:list",
        themes=("SOCI", "GOVE", "EDUC"),
        keywords=("Publikationen", "Berichte", "Krisenmanagement"),
        sort_order=40,
    )
)
register_sitemap("publikationen", PublicationSitemap)
register_jsonld(Publication, publication_detail_jsonld)
register_freshness("/api/v1/publications", snippet_freshness(Publication))
