"""Open-data wiring of news, events and training offers.

Three downloads (``/daten/aktuelles``, ``/daten/termine``, ``/daten/fortbildungen``), their
catalogue entries, sitemap sections, schema.org JSON-LD on the detail pages (``NewsArticle``,
``Event``, ``Course``), the iCal feed of events on ``/daten/`` and the API freshness of the three
routers.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from krisenwissen.api.conventions import register_freshness
from krisenwissen.opendata.registry import (
    Dataset,
    FeedLink,
    register_dataset,
    register_feed,
    register_jsonld,
    register_sitemap,
)
from krisenwissen.opendata.sitemaps import PublicRecordSitemap
from krisenwissen.research.open_data_support import (
    absolute_url,
    demo_status,
    detail_url,
    iso,
    keywords,
    lever_numbers,
    plain,
    public_rows,
    snippet_freshness,
    term_slugs,
    url_template,
)

from .models import Event, Format, NewsItem, TrainingOffer

# --- News -------------------------------------------------------------------------------------

NEWS_COLUMNS = ("slug", "title", "date", "teaser", "body", "themes", "stellschrauben", "is_demo", "updated_at", "url")


def news_records(base_url: str) -> Iterator[dict]:
    template = url_template("news:detail")
    for item in public_rows(NewsItem.objects, "themes", "levers"):
        yield {
            "slug": item.slug,
            "title": item.title,
            "date": iso(item.date),
            "teaser": item.teaser,
            "body": plain(item.body),
            "themes": term_slugs(item, "themes"),
            "stellschrauben": lever_numbers(item),
            "is_demo": item.is_demo,
            "updated_at": iso(item.updated_at),
            "url": absolute_url(base_url, template, item.slug),
        }


def news_record_jsonld(record: dict, base_url: str) -> dict:
    node = {
        "@type": "NewsArticle",
        "@id": record["url"],
        "url": record["url"],
        "headline": record["title"][:110],
        "name": record["title"],
        "description": record["teaser"],
        "articleBody": record["body"],
        "datePublished": record["date"],
        "dateModified": record["updated_at"],
        "inLanguage": "de",
        "keywords": record["themes"],
    }
    if record["is_demo"]:
        node["creativeWorkStatus"] = "Demo"
    return node


def news_detail_jsonld(item: NewsItem, request) -> dict:
    url = detail_url(request, item)
    node = {
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": item.title[:110],
        "name": item.title,
        "description": item.teaser,
        "articleBody": plain(item.body),
        "datePublished": iso(item.date),
        "dateModified": iso(item.updated_at),
        "inLanguage": "de",
        "keywords": keywords(item, "themes"),
        "isAccessibleForFree": True,
    }
    return demo_status(node, item)


class NewsSitemap(PublicRecordSitemap):
    model = NewsItem
    changefreq = "yearly"
    priority = 0.5


# --- Events -----------------------------------------------------------------------------------

EVENT_COLUMNS = (
    "slug",
    "title",
    "teaser",
    "description",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "format",
    "venue",
    "address",
    "city",
    "organiser",
    "registration_url",
    "registration_deadline",
    "target_group",
    "audiences",
    "fee",
    "themes",
    "stellschrauben",
    "is_demo",
    "updated_at",
    "url",
    "ics_url",
)

_ATTENDANCE = {
    Format.ON_SITE: "https://schema.org/OfflineEventAttendanceMode",
    Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _ics_template() -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("de"):
        return reverse("news:event_ics", kwargs={"slug": "SLUG-PLACEHOLDER"})


def event_records(base_url: str) -> Iterator[dict]:
    template = url_template("news:event_detail")
    ics = _ics_template()
    for event in public_rows(Event.objects, "themes", "levers", "audiences"):
        yield {
            "slug": event.slug,
            "title": event.title,
            "teaser": event.teaser,
            "description": plain(event.description),
            "start_date": iso(event.start_date),
            "start_time": iso(event.start_time),
            "end_date": iso(event.end_date),
            "end_time": iso(event.end_time),
            "format": event.format,
            "venue": event.venue,
            "address": event.address,
            "city": event.city,
            "organiser": event.organiser,
            "registration_url": event.registration_url,
            "registration_deadline": iso(event.registration_deadline),
            "target_group": event.target_group,
            "audiences": term_slugs(event, "audiences"),
            "fee": event.fee,
            "themes": term_slugs(event, "themes"),
            "stellschrauben": lever_numbers(event),
            "is_demo": event.is_demo,
            "updated_at": iso(event.updated_at),
            "url": absolute_url(base_url, template, event.slug),
            "ics_url": absolute_url(base_url, ics, event.slug),
        }


def _event_location(fmt: str, venue: str, address: str, city: str, url: str) -> list[dict]:
    locations = []
    if fmt in (Format.ON_SITE, Format.HYBRID) and (venue or address or city):
        place = {"@type": "Place", "name": venue or city or address}
        postal = {"@type": "PostalAddress", "addressCountry": "DE"}
        if address:
            postal["streetAddress"] = address
        if city:
            postal["addressLocality"] = city
        place["address"] = postal
        locations.append(place)
    if fmt in (Format.ONLINE, Format.HYBRID):
        locations.append({"@type": "VirtualLocation", "url": url})
    return locations


def _event_node(record: dict, starts, ends) -> dict:
    node = {
        "@type": "Event",
        "@id": record["url"],
        "url": record["url"],
        "name": record["title"],
        "description": record["teaser"],
        "startDate": starts,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": _ATTENDANCE.get(record["format"], _ATTENDANCE[Format.ON_SITE]),
        "inLanguage": "de",
        "isAccessibleForFree": not record["fee"],
    }
    if ends:
        node["endDate"] = ends
    location = _event_location(record["format"], record["venue"], record["address"], record["city"], record["url"])
    if location:
        node["location"] = location[0] if len(location) == 1 else location
    if record["organiser"]:
        node["organizer"] = {"@type": "Organization", "name": record["organiser"]}
    if record["target_group"]:
        node["audience"] = {"@type": "Audience", "audienceType": record["target_group"]}
    offer = {"@type": "Offer", "url": record["registration_url"] or record["url"]}
    if not record["fee"]:
        offer.update(price=0, priceCurrency="EUR")
    else:
        offer["description"] = record["fee"]
    node["offers"] = offer
    if record["is_demo"]:
        node["disambiguatingDescription"] = "Demo"
    return node


def event_record_jsonld(record: dict, base_url: str) -> dict:
    starts = record["start_date"] + (f"T{record['start_time']}" if record["start_time"] else "")
    ends = None
    if record["end_date"] or record["end_time"]:
        ends = (record["end_date"] or record["start_date"]) + (f"T{record['end_time']}" if record["end_time"] else "")
    return _event_node(record, starts, ends)


def event_detail_jsonld(event: Event, request) -> dict:
    url = detail_url(request, event)
    record = {
        "url": url,
        "title": event.title,
        "teaser": event.teaser,
        "format": event.format,
        "venue": event.venue,
        "address": event.address,
        "city": event.city,
        "organiser": event.organiser,
        "target_group": event.target_group,
        "fee": event.fee,
        "registration_url": event.registration_url,
        "is_demo": event.is_demo,
    }
    if event.is_all_day:
        starts = iso(event.start_date)
        ends = iso(event.last_day) if event.is_multi_day else None
    else:
        starts, ends = iso(event.starts_at()), iso(event.ends_at())
    node = _event_node(record, starts, ends)
    node["mainEntityOfPage"] = url
    node["keywords"] = keywords(event, "themes")
    return node


class EventSitemap(PublicRecordSitemap):
    model = Event
    changefreq = "weekly"
    priority = 0.5


# --- Training offers --------------------------------------------------------------------------

TRAINING_COLUMNS = (
    "slug",
    "title",
    "summary",
    "description",
    "provider",
    "audiences",
    "duration",
    "format",
    "fee",
    "dates_note",
    "registration_url",
    "certificate",
    "modules",
    "themes",
    "stellschrauben",
    "is_demo",
    "updated_at",
    "url",
)


def training_records(base_url: str) -> Iterator[dict]:
    template = url_template("news:training_detail")
    for offer in public_rows(TrainingOffer.objects, "themes", "levers", "audiences", "modules"):
        yield {
            "slug": offer.slug,
            "title": offer.title,
            "summary": offer.summary,
            "description": plain(offer.description),
            "provider": offer.provider,
            "audiences": term_slugs(offer, "audiences"),
            "duration": offer.duration,
            "format": offer.format,
            "fee": offer.fee,
            "dates_note": offer.dates_note,
            "registration_url": offer.registration_url,
            "certificate": offer.certificate,
            "modules": [module.title for module in offer.modules.all()],
            "themes": term_slugs(offer, "themes"),
            "stellschrauben": lever_numbers(offer),
            "is_demo": offer.is_demo,
            "updated_at": iso(offer.updated_at),
            "url": absolute_url(base_url, template, offer.slug),
        }


def _course_node(record: dict) -> dict:
    node = {
        "@type": "Course",
        "@id": record["url"],
        "url": record["url"],
        "name": record["title"],
        "description": record["summary"],
        "provider": {"@type": "Organization", "name": record["provider"]},
        "inLanguage": "de",
        "isAccessibleForFree": not record["fee"],
    }
    if record["certificate"]:
        node["educationalCredentialAwarded"] = record["certificate"]
    if record["modules"]:
        node["syllabusSections"] = [{"@type": "Syllabus", "name": title} for title in record["modules"]]
    if record["is_demo"]:
        node["creativeWorkStatus"] = "Demo"
    return node


def training_record_jsonld(record: dict, base_url: str) -> dict:
    node = _course_node(record)
    node["keywords"] = record["themes"]
    return node


def training_detail_jsonld(offer: TrainingOffer, request) -> dict:
    url = detail_url(request, offer)
    node = _course_node(
        {
            "url": url,
            "title": offer.title,
            "summary": offer.summary,
            "provider": offer.provider,
            "fee": offer.fee,
            "certificate": offer.certificate,
            "modules": [module.title for module in offer.modules.all()],
            "is_demo": offer.is_demo,
        }
    )
    node["mainEntityOfPage"] = url
    node["keywords"] = keywords(offer, "themes")
    return node


class TrainingSitemap(PublicRecordSitemap):
    model = TrainingOffer
    changefreq = "monthly"
    priority = 0.5


# --- Registration -----------------------------------------------------------------------------


def _modified(model):
    return lambda: model.objects.public().aggregate(m=Max("updated_at"))["m"]


register_dataset(
    Dataset(
        key="aktuelles",
        title=_("Meldungen der Wissensplattform"),
        description=str(
            _(
                "Alle veröffentlichten Meldungen aus dem Bereich Aktuelles mit Datum, Anreißer, Text, "
                "Schwerpunktthemen und Stellschrauben. Datensätze mit is_demo = true sind fiktive Demo-Daten."
            )
        ),
        columns=NEWS_COLUMNS,
        records=news_records,
        jsonld=news_record_jsonld,
        modified=_modified(NewsItem),
        landing_url_name="news:list",
        themes=("SOCI", "GOVE"),
        keywords=("Meldungen", "Krisenmanagement", "Kommunen"),
        sort_order=50,
    )
)
register_dataset(
    Dataset(
        key="termine",
        title=_("Termine zum kommunalen Krisenmanagement"),
        description=str(
            _(
                "Alle veröffentlichten Termine (anstehende und vergangene) mit Datum, Uhrzeit, Format, Ort, "
                "Veranstalter, Anmeldung, Zielgruppe, Kosten und Schwerpunktthemen; je Termin die Adresse der "
                "iCalendar-Datei. Datensätze mit is_demo = true sind fiktive Demo-Daten."
            )
        ),
        columns=EVENT_COLUMNS,
        records=event_records,
        jsonld=event_record_jsonld,
        modified=_modified(Event),
        landing_url_name="news:events",
        themes=("SOCI", "EDUC"),
        keywords=("Termine", "Veranstaltungen", "Krisenmanagement"),
        sort_order=51,
    )
)
register_dataset(
    Dataset(
        key="fortbildungen",
        title=_("Fortbildungsangebote zum Krisenmanagement"),
        description=str(
            _(
                "Alle veröffentlichten Fortbildungsangebote mit Anbieter, Adressatenkreis, Dauer, Format, Kosten, "
                "Abschluss, Modulen und Schwerpunktthemen. Datensätze mit is_demo = true sind fiktive Demo-Daten."
            )
        ),
        columns=TRAINING_COLUMNS,
        records=training_records,
        jsonld=training_record_jsonld,
        modified=_modified(TrainingOffer),
        landing_url_name="news:training",
        themes=("EDUC", "SOCI"),
        keywords=("Fortbildung", "Weiterbildung", "Krisenmanagement", "Stabsarbeit"),
        sort_order=52,
    )
)
register_feed(FeedLink(_("Termine (iCalendar)"), "news:events_feed", "ical", {}, 40))
register_sitemap("aktuelles", NewsSitemap)
register_sitemap("termine", EventSitemap)
register_sitemap("fortbildungen", TrainingSitemap)
register_jsonld(NewsItem, news_detail_jsonld)
register_jsonld(Event, event_detail_jsonld)
register_jsonld(TrainingOffer, training_detail_jsonld)
register_freshness("/api/v1/news", snippet_freshness(NewsItem))
register_freshness("/api/v1/events", snippet_freshness(Event, dated=True))
register_freshness("/api/v1/training", snippet_freshness(TrainingOffer))
