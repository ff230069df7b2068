"""``/api/v1/news``, ``/api/v1/events`` and ``/api/v1/training``: news, events and training offers."""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.rich_text import expand_db_html

from krisenwissen.research.api_support import absolute, lever_numbers, list_response, slugs

from .models import Event, NewsItem, TrainingOffer
from .views import event_facets, news_facets, training_facets

router = Router(tags=["Aktuelles, Termine, Fortbildungen"])


def _values(description: str):
    return Field(default_factory=list, description=description)


class ErrorOut(Schema):
    detail: str | list[dict]


class Page(Schema):
    q: str = Field("", max_length=200, description="Freitext")
    limit: int = Field(20, ge=1, le=100, description="Treffer je Seite (höchstens 100)")
    offset: int = Field(0, ge=0, le=1_000_000)


# --- News ---------------------------------------------------------------------------------------


class NewsFilters(Page):
    themes: list[str] = _values("Schwerpunktthemen (Kürzel)")
    stellschrauben: list[int] = _values("Stellschrauben (Nummern 1–7)")
    year: list[int] = _values("Erscheinungsjahr")


class NewsOut(Schema):
    slug: str
    title: str
    date: datetime.date
    teaser: str
    themes: list[str]
    stellschrauben: list[int]
    is_demo: bool
    url: str


class NewsDetailOut(NewsOut):
    body_html: str


class NewsListOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[NewsOut]
    facets: dict[str, dict[str, int]]


def _news(request, item: NewsItem) -> dict:
    return {
        "slug": item.slug,
        "title": item.title,
        "date": item.date,
        "teaser": item.teaser,
        "themes": slugs(item, "themes"),
        "stellschrauben": lever_numbers(item),
        "is_demo": item.is_demo,
        "url": absolute(request, item),
    }


@router.get("/news", response={200: NewsListOut, 422: ErrorOut}, summary="Meldungen", operation_id="list_news")
def list_news(request: HttpRequest, filters: Query[NewsFilters]):
    """Veröffentlichte Meldungen, neueste zuerst, mit Facettenzählung."""
    return list_response(
        request,
        queryset=NewsItem.objects.public().prefetch_related("themes", "levers"),
        facets=news_facets(),
        filters=filters,
        search_fields=("title", "teaser", "body"),
        serialise=_news,
    )


@router.get(
    "/news/{slug}", response={200: NewsDetailOut, 404: ErrorOut}, summary="Eine Meldung", operation_id="get_news"
)
def get_news(request: HttpRequest, slug: str):
    item = NewsItem.objects.public().filter(slug=slug).first()
    if item is None:
        raise HttpError(404, _("Keine veröffentlichte Meldung mit dem Kürzel „%(slug)s“.") % {"slug": slug})
    return {**_news(request, item), "body_html": expand_db_html(item.body)}


# --- Events -------------------------------------------------------------------------------------


class EventFilters(Page):
    themes: list[str] = _values("Schwerpunktthemen (Kürzel)")
    audiences: list[str] = _values("Adressatenkreis: fachkraefte, fuehrungskraefte, ratsmitglieder")
    format: list[Literal["praesenz", "online", "hybrid"]] = _values("Format")
    when: Literal["upcoming", "past", "all"] = Field("upcoming", description="Anstehende, vergangene oder alle")


TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"


class EventOut(Schema):
    slug: str
    title: str
    teaser: str
    start_date: datetime.date
    # Local wall-clock times (Europe/Berlin) without offset: JSON Schema's "format: time" would
    # demand an offset (RFC 3339), so the field is a string with a pattern instead.
    start_time: str | None = Field(
        description="Uhrzeit des Beginns (HH:MM:SS, Ortszeit Europe/Berlin); leer bei ganztägigen Terminen",
        pattern=TIME_PATTERN,
    )
    end_date: datetime.date | None
    end_time: str | None = Field(
        description="Uhrzeit des Endes (HH:MM:SS, Ortszeit Europe/Berlin)", pattern=TIME_PATTERN
    )
    format: str
    venue: str
    address: str
    city: str
    organiser: str
    registration_url: str
    registration_deadline: datetime.date | None
    target_group: str
    audiences: list[str]
    fee: str = Field(description="Leer heißt kostenfrei")
    themes: list[str]
    is_past: bool
    is_demo: bool
    url: str
    ics_url: str


class EventDetailOut(EventOut):
    description_html: str
    online_note: str


class EventListOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[EventOut]
    facets: dict[str, dict[str, int]]


def _event(request, event: Event) -> dict:
    today = timezone.localdate()
    return {
        "slug": event.slug,
        "title": event.title,
        "teaser": event.teaser,
        "start_date": event.start_date,
        "start_time": event.start_time.isoformat(timespec="seconds") if event.start_time else None,
        "end_date": event.end_date,
        "end_time": event.end_time.isoformat(timespec="seconds") if event.end_time else None,
        "format": event.format,
        "venue": event.venue,
        "address": event.address,
        "city": event.city,
        "organiser": event.organiser,
        "registration_url": event.registration_url,
        "registration_deadline": event.registration_deadline,
        "target_group": event.target_group,
        "audiences": slugs(event, "audiences"),
        "fee": event.fee,
        "themes": slugs(event, "themes"),
        "is_past": event.is_past(today),
        "is_demo": event.is_demo,
        "url": absolute(request, event),
        "ics_url": request.build_absolute_uri(event.get_ics_url()),
    }


@router.get("/events", response={200: EventListOut, 422: ErrorOut}, summary="Termine", operation_id="list_events")
def list_events(request: HttpRequest, filters: Query[EventFilters]):
    """Veröffentlichte Termine; standardmäßig die anstehenden in zeitlicher Reihenfolge."""
    queryset = Event.objects.public().prefetch_related("themes", "audiences")
    if filters.when == "upcoming":
        queryset = queryset.upcoming().order_by("start_date", "start_time", "pk")
    elif filters.when == "past":
        queryset = queryset.past().order_by("-start_date", "-pk")
    else:
        queryset = queryset.order_by("start_date", "pk")
    return list_response(
        request,
        queryset=queryset,
        facets=event_facets(archive=False),
        filters=filters,
        search_fields=("title", "teaser", "city", "organiser", "target_group"),
        serialise=_event,
    )


@router.get(
    "/events/{slug}", response={200: EventDetailOut, 404: ErrorOut}, summary="Ein Termin", operation_id="get_event"
)
def get_event(request: HttpRequest, slug: str):
    event = Event.objects.public().filter(slug=slug).first()
    if event is None:
        raise HttpError(404, _("Kein veröffentlichter Termin mit dem Kürzel „%(slug)s“.") % {"slug": slug})
    return {
        **_event(request, event),
        "description_html": expand_db_html(event.description),
        "online_note": event.online_note,
    }


# --- Training -----------------------------------------------------------------------------------


class TrainingFilters(Page):
    audiences: list[str] = _values("Adressatenkreis: fachkraefte, fuehrungskraefte, ratsmitglieder")
    themes: list[str] = _values("Schwerpunktthemen (Kürzel)")
    format: list[Literal["praesenz", "online", "hybrid"]] = _values("Format")


class ModuleOut(Schema):
    title: str
    description: str
    duration: str


class TrainingOut(Schema):
    slug: str
    title: str
    summary: str
    provider: str
    audiences: list[str]
    duration: str
    format: str
    fee: str = Field(description="Leer heißt kostenfrei")
    themes: list[str]
    is_demo: bool
    url: str


class TrainingDetailOut(TrainingOut):
    description_html: str
    modules: list[ModuleOut]
    dates_note: str
    certificate: str
    registration_url: str


class TrainingListOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[TrainingOut]
    facets: dict[str, dict[str, int]]


def _training(request, offer: TrainingOffer) -> dict:
    return {
        "slug": offer.slug,
        "title": offer.title,
        "summary": offer.summary,
        "provider": offer.provider,
        "audiences": slugs(offer, "audiences"),
        "duration": offer.duration,
        "format": offer.format,
        "fee": offer.fee,
        "themes": slugs(offer, "themes"),
        "is_demo": offer.is_demo,
        "url": absolute(request, offer),
    }


@router.get(
    "/training",
    response={200: TrainingListOut, 422: ErrorOut},
    summary="Fortbildungsangebote",
    operation_id="list_training",
)
def list_training(request: HttpRequest, filters: Query[TrainingFilters]):
    """Veröffentlichte Fortbildungsangebote mit Facettenzählung."""
    return list_response(
        request,
        queryset=TrainingOffer.objects.public().prefetch_related("themes", "audiences"),
        facets=training_facets(),
        filters=filters,
        search_fields=("title", "summary", "provider"),
        serialise=_training,
    )


@router.get(
    "/training/{slug}",
    response={200: TrainingDetailOut, 404: ErrorOut},
    summary="Ein Fortbildungsangebot",
    operation_id="get_training",
)
def get_training(request: HttpRequest, slug: str):
    offer = TrainingOffer.objects.public().filter(slug=slug).first()
    if offer is None:
        raise HttpError(404, _("Kein veröffentlichtes Fortbildungsangebot mit dem Kürzel „%(slug)s“.") % {"slug": slug})
    return {
        **_training(request, offer),
        "description_html": expand_db_html(offer.description),
        "modules": [
            {"title": m.title, "description": m.description, "duration": m.duration} for m in offer.modules.all()
        ],
        "dates_note": offer.dates_note,
        "certificate": offer.certificate,
        "registration_url": offer.registration_url,
    }
