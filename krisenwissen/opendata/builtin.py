"""Open-data wiring of the content that exists since the foundation: practices, taxonomy, registry.

Other content types register themselves from ``krisenwissen/<app>/open_data.py`` (see
``docs/open-data.md``); this module is the worked example.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from krisenwissen.api.conventions import Freshness
from krisenwissen.opendata.sitemaps import PublicRecordSitemap
from krisenwissen.places.models import Place, RegistryLoad
from krisenwissen.practices.facets import classification_slugs, fetch_cards, read_fingerprint
from krisenwissen.practices.models import Practice
from krisenwissen.taxonomy.models import VOCABULARIES

from .registry import Dataset, FeedLink, register_dataset, register_feed, register_jsonld, register_sitemap

#: Rows read per query while streaming an export: small enough for flat memory, large enough
#: that the per-query overhead does not dominate.
EXPORT_CHUNK = 500

PRACTICE_COLUMNS = (
    "external_id",
    "slug",
    "title",
    "summary",
    "description",
    "lessons_learned",
    "language",
    "municipality",
    "municipality_name",
    "ags",
    "state",
    "country",
    "size_class",
    "themes",
    "crisis_types",
    "phases",
    "innovation_type",
    "origin",
    "maturity",
    "actors",
    "target_groups",
    "stellschrauben",
    "start_year",
    "end_year",
    "keywords",
    "is_demo",
    "created_at",
    "updated_at",
    "url",
)


# --- Freshness (ETag / Last-Modified) ---------------------------------------------------------

_first_seen: dict[tuple, datetime.datetime] = {}


def practices_freshness() -> Freshness:
    """Fingerprint and last change of the published practices, from two index-only aggregates.

    ``updated_at`` moves on every save, publish and unpublish; a deletion only changes the
    fingerprint, so a fingerprint this process has not seen before dates ``Last-Modified`` to the
    moment it was first seen (never earlier than the newest ``updated_at``).
    """
    fingerprint = read_fingerprint()
    newest = Practice.objects.aggregate(newest=Max("updated_at"))["newest"]
    if not _first_seen:
        _first_seen[fingerprint] = newest or timezone.now()
    seen = _first_seen.setdefault(fingerprint, timezone.now())
    if len(_first_seen) > 64:
        _first_seen.clear()
        _first_seen[fingerprint] = seen
    last_modified = max(filter(None, (newest, seen)))
    return Freshness(fingerprint="|".join(map(str, fingerprint)), last_modified=last_modified)


# --- Practices --------------------------------------------------------------------------------


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _url_template(name: str) -> str:
    """The address pattern of a slug URL, reversed once instead of once per row (a hot spot)."""
    return reverse(name, kwargs={"slug": "SLUG-PLACEHOLDER"})


def practice_records(base_url: str) -> Iterator[dict]:
    """Every published practice as a flat record, read in keyset-paged chunks (flat memory)."""
    public = Practice.objects.public()
    last_pk = 0
    base_url = base_url.rstrip("/")
    with translation.override("de"):
        detail_url = base_url + _url_template("practices:detail")
        place_url = base_url + _url_template("places:detail")
    while True:
        ids = list(public.filter(pk__gt=last_pk).order_by("pk").values_list("pk", flat=True)[:EXPORT_CHUNK])
        if not ids:
            return
        # Ranges instead of IN lists where possible: building a 500-value IN clause costs more
        # than the query itself.
        window = {"pk__gte": ids[0], "pk__lte": ids[-1]}
        last_pk = ids[-1]
        cards = fetch_cards(ids)
        classes = classification_slugs(cards)
        texts = {
            row[0]: row[1:]
            for row in public.filter(**window).values_list(
                "pk", "description", "lessons_learned", "created_at", "updated_at"
            )
        }
        keywords: dict[int, list[str]] = {}
        for practice_id, name in Practice.keywords.through.objects.filter(
            content_object_id__gte=ids[0], content_object_id__lte=ids[-1]
        ).values_list("content_object_id", "tag__name"):
            keywords.setdefault(practice_id, []).append(name)
        for card in cards:
            description, lessons, created_at, updated_at = texts[card.pk]
            yield {
                "external_id": card.external_id,
                "slug": card.slug,
                "title": card.title,
                "summary": card.summary,
                "description": description,
                "lessons_learned": lessons,
                "language": card.language,
                "municipality": card.municipality_display,
                "municipality_name": card.place_name,
                "ags": card.ags,
                "state": card.state,
                "country": card.country,
                "size_class": card.size_class,
                **classes[card.pk],
                "start_year": card.start_year,
                "end_year": card.end_year,
                "keywords": sorted(keywords.get(card.pk, [])),
                "is_demo": card.is_demo,
                "created_at": created_at.isoformat(),
                "updated_at": updated_at.isoformat(),
                "url": detail_url.replace("SLUG-PLACEHOLDER", card.slug),
                "municipality_url": place_url.replace("SLUG-PLACEHOLDER", card.place_slug),
            }


def _temporal(start_year: int, end_year: int | None) -> str:
    return f"{start_year}/{end_year}" if end_year else f"{start_year}/.."


def practice_record_jsonld(record: dict, base_url: str) -> dict:
    """A practice record as a schema.org ``CreativeWork`` (for the JSON-LD export)."""
    node = {
        "@type": "CreativeWork",
        "@id": record["url"],
        "url": record["url"],
        "identifier": record["external_id"] or record["slug"],
        "name": record["title"],
        "abstract": record["summary"],
        "text": record["description"],
        "inLanguage": record["language"],
        "genre": "Praxisbeispiel",
        "keywords": record["keywords"] + record["themes"] + record["crisis_types"],
        "spatialCoverage": {
            "@type": "Place",
            "name": record["municipality"],
            "url": record["municipality_url"],
            "address": {
                "@type": "PostalAddress",
                "addressRegion": record["state"],
                "addressCountry": record["country"],
            },
        },
        "temporalCoverage": _temporal(record["start_year"], record["end_year"]),
        "dateCreated": record["created_at"],
        "dateModified": record["updated_at"],
        "isAccessibleForFree": True,
    }
    if record["ags"]:
        node["spatialCoverage"]["identifier"] = {"@type": "PropertyValue", "propertyID": "AGS", "value": record["ags"]}
    if record["is_demo"]:
        node["creativeWorkStatus"] = "Demo"
    return node


def practices_modified() -> datetime.datetime | None:
    return practices_freshness().last_modified


# --- Taxonomy and registry (reference data) -------------------------------------------------

TAXONOMY_COLUMNS = (
    "vocabulary",
    "slug",
    "number",
    "name_de",
    "name_en",
    "description_de",
    "description_en",
    "sort_order",
)


def taxonomy_records(base_url: str) -> Iterator[dict]:
    for vocabulary, model in VOCABULARIES.items():
        for term in model.objects.order_by(*model._meta.ordering).iterator():
            yield {
                "vocabulary": vocabulary,
                "slug": term.slug,
                "number": getattr(term, "number", None),
                "name_de": term.name_de,
                "name_en": term.name_en,
                "description_de": term.description_de,
                "description_en": term.description_en,
                "sort_order": term.sort_order,
            }


def taxonomy_jsonld(record: dict, base_url: str) -> dict:
    return {
        "@type": "DefinedTerm",
        "@id": f"{base_url.rstrip('/')}/daten/taxonomie.jsonld#{record['vocabulary']}/{record['slug']}",
        "termCode": record["slug"],
        "name": [{"@value": record["name_de"], "@language": "de"}, {"@value": record["name_en"], "@language": "en"}],
        "description": record["description_de"],
        "inDefinedTermSet": f"{base_url.rstrip('/')}/daten/taxonomie.jsonld#{record['vocabulary']}",
    }


PLACE_COLUMNS = (
    "key",
    "level",
    "ags",
    "ars",
    "name",
    "official_kind",
    "kreis_key",
    "state",
    "state_code",
    "nuts3",
    "country",
    "population",
    "size_class",
    "latitude",
    "longitude",
    "url",
)


def place_records(base_url: str) -> Iterator[dict]:
    fields = [name for name in PLACE_COLUMNS if name not in {"kreis_key", "url"}]
    rows = Place.objects.order_by("key").values_list(*fields, "kreis__key", "slug")
    with translation.override("de"):
        for row in rows.iterator(chunk_size=2000):
            record = dict(zip(fields, row[: len(fields)]))
            record["kreis_key"] = row[-2] or ""
            record["url"] = _absolute(base_url, reverse("places:detail", kwargs={"slug": row[-1]}))
            yield record


def place_jsonld(record: dict, base_url: str) -> dict:
    node = {
        "@type": "AdministrativeArea",
        "@id": record["url"],
        "url": record["url"],
        "name": record["name"],
        "identifier": record["key"],
        "address": {"@type": "PostalAddress", "addressRegion": record["state"], "addressCountry": record["country"]},
    }
    if record["latitude"] is not None and record["longitude"] is not None:
        node["geo"] = {"@type": "GeoCoordinates", "latitude": record["latitude"], "longitude": record["longitude"]}
    if record["population"]:
        node["population"] = record["population"]
    return node


def places_modified() -> datetime.datetime | None:
    return RegistryLoad.objects.aggregate(newest=Max("loaded_at"))["newest"]


# --- Sitemaps -------------------------------------------------------------------------------


class PracticeSitemap(PublicRecordSitemap):
    """Published practices, German and English address; demo practices are ``noindex`` and left out."""

    model = Practice
    changefreq = "monthly"
    priority = 0.7

    def location(self, practice):
        return practice.get_absolute_url()


class ListPagesSitemap(Sitemap):
    """The entry pages of the knowledge platform that exist as named URLs."""

    changefreq = "weekly"
    priority = 0.8
    i18n = True
    languages = ["de", "en"]
    alternates = True
    x_default = True
    url_names = ("practices:list", "opendata:index", "about_data")

    def items(self):
        return list(self.url_names)

    def location(self, name):
        return reverse(name)


class PageSitemap(Sitemap):
    """Live, public Wagtail pages (home page, editorial pages, recommendations …)."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        from wagtail.models import Page

        return Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")

    def location(self, page):
        return page.get_url() or page.url_path

    def lastmod(self, page):
        return page.last_published_at


# --- Detail page JSON-LD ----------------------------------------------------------------------


def practice_detail_jsonld(practice: Practice, request) -> dict:
    """schema.org node for the practice detail page (``{% json_ld practice %}``)."""
    with translation.override("de"):
        url = request.build_absolute_uri(practice.get_absolute_url())
        place_url = request.build_absolute_uri(practice.municipality.get_absolute_url())
    node = {
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "name": practice.title,
        "headline": practice.title[:110],
        "abstract": practice.summary,
        "text": practice.description,
        "inLanguage": practice.language,
        "genre": "Praxisbeispiel",
        "identifier": practice.external_id or practice.slug,
        "keywords": sorted(tag.name for tag in practice.keywords.all())
        + sorted(term.name_de for term in practice.themes.all()),
        "about": [{"@type": "Thing", "name": term.name_de} for term in practice.crisis_types.all()],
        "spatialCoverage": {
            "@type": "Place",
            "name": practice.municipality_display,
            "url": place_url,
            "address": {
                "@type": "PostalAddress",
                "addressRegion": practice.municipality.state,
                "addressCountry": practice.municipality.country,
            },
        },
        "temporalCoverage": _temporal(practice.start_year, practice.end_year),
        "isAccessibleForFree": True,
    }
    if practice.created_at:
        node["dateCreated"] = practice.created_at.isoformat()
    if practice.updated_at:
        node["dateModified"] = practice.updated_at.isoformat()
    if practice.lessons_learned:
        node["educationalUse"] = "Erkenntnisse: " + practice.lessons_learned[:500]
    if practice.is_demo:
        node["creativeWorkStatus"] = "Demo"
    return node


# --- Registration -----------------------------------------------------------------------------


def register_builtin() -> None:
    register_dataset(
        Dataset(
            key="praxisbeispiele",
            title=_("Praxisbeispiele aus dem kommunalen Krisenmanagement"),
            description=str(
                _(
                    "Alle veröffentlichten Praxisbeispiele: was Kommunen in Krisen ausprobiert, eingeführt und gelernt "
                    "haben, mit Kommune (AGS), Land, Schwerpunktthemen, Krisenarten, Phasen, Akteuren, Zielgruppen, "
                    "Stellschrauben und Zeitraum. Datensätze mit is_demo = true sind fiktive Demo-Daten."
                )
            ),
            columns=PRACTICE_COLUMNS,
            records=practice_records,
            jsonld=practice_record_jsonld,
            modified=practices_modified,
            landing_url_name="practices:list",
            themes=("SOCI", "GOVE", "REGI"),
            keywords=("Krisenmanagement", "Kommunen", "Praxisbeispiele", "Resilienz", "Bevölkerungsschutz"),
            sort_order=10,
        )
    )
    register_dataset(
        Dataset(
            key="taxonomie",
            title=_("Vokabulare der Wissensplattform (Taxonomie)"),
            description=str(
                _(
                    "Die Vokabulare, nach denen alle Inhalte eingeordnet sind: Schwerpunktthemen, Krisenarten, "
                    "Krisenphasen, Innovationsart, Entstehung, Reifegrad, Akteure, Zielgruppen und die sieben "
                    "Stellschrauben, mit deutschen und englischen Bezeichnungen. Die Kürzel sind die Filterwerte "
                    "der Schnittstelle."
                )
            ),
            columns=TAXONOMY_COLUMNS,
            records=taxonomy_records,
            jsonld=taxonomy_jsonld,
            landing_url_name="opendata:index",
            themes=("GOVE",),
            keywords=("Taxonomie", "Vokabular", "Krisenmanagement"),
            frequency="IRREG",
            reference=True,
            sort_order=80,
        )
    )
    register_dataset(
        Dataset(
            key="kommunen",
            title=_("Gemeinderegister (Gemeinden und Kreise)"),
            description=str(
                _(
                    "Alle deutschen Gemeinden und Kreise mit Amtlichem Gemeindeschlüssel (AGS), Regionalschlüssel, "
                    "Land, NUTS-3, Einwohnerzahl, Größenklasse und Koordinaten, dazu europäische Kommunen, die in "
                    "Praxisbeispielen vorkommen."
                )
            ),
            columns=PLACE_COLUMNS,
            records=place_records,
            jsonld=place_jsonld,
            modified=places_modified,
            landing_url_name="opendata:index",
            themes=("REGI", "GOVE"),
            keywords=("Gemeinden", "Kreise", "AGS", "Gemeindeverzeichnis"),
            frequency="IRREG",
            reference=True,
            licence="DL-DE BY 2.0",
            attribution=(
                "© GeoBasis-DE / BKG (VG250), Datenlizenz Deutschland – Namensnennung 2.0; Einwohnerzahlen: "
                "© Statistisches Bundesamt (Destatis), CC BY 4.0, und GeoNames, CC BY 4.0"
            ),
            sort_order=90,
        )
    )
    register_feed(FeedLink(_("Neue und geänderte Praxisbeispiele (RSS)"), "opendata:practices_rss", "rss", {}, 10))
    register_feed(FeedLink(_("Neue und geänderte Praxisbeispiele (Atom)"), "opendata:practices_atom", "atom", {}, 11))
    register_sitemap("seiten", PageSitemap)
    register_sitemap("uebersichten", ListPagesSitemap)
    register_sitemap("praxisbeispiele", PracticeSitemap)
    register_jsonld(Practice, practice_detail_jsonld)
