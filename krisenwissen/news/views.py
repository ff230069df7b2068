"""Public pages of news, events and training offers, and the iCal downloads."""

import datetime

from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from krisenwissen.research.listing import ChoiceFacet, TermFacet, listing_page_context
from krisenwissen.taxonomy.models import Lever, Theme

from . import ical
from .models import Audience, Event, Format, NewsItem, TrainingOffer

PAGE_SIZE = 20
#: How long a past event stays in the subscribable feed (calendar apps drop entries missing from it).
FEED_PAST_DAYS = 180


def _format_labels(value):
    return Format(value).label if value in Format.values else value


def news_facets():
    return [
        TermFacet("themes", gettext_lazy("Schwerpunktthemen"), "themes", Theme),
        TermFacet("stellschrauben", gettext_lazy("Stellschrauben"), "levers", Lever, label_attr="short_name"),
        ChoiceFacet("year", gettext_lazy("Jahr"), "date__year", descending=True, cast=int),
    ]


def event_facets(archive: bool = False):
    facets = [
        TermFacet("themes", gettext_lazy("Schwerpunktthemen"), "themes", Theme),
        TermFacet("audiences", gettext_lazy("Adressatenkreis"), "audiences", Audience),
        ChoiceFacet("format", gettext_lazy("Format"), "format", labels=_format_labels),
    ]
    if archive:
        facets.append(ChoiceFacet("year", gettext_lazy("Jahr"), "start_date__year", descending=True, cast=int))
    return facets


def training_facets():
    return [
        TermFacet("audiences", gettext_lazy("Adressatenkreis"), "audiences", Audience),
        TermFacet("themes", gettext_lazy("Schwerpunktthemen"), "themes", Theme),
        ChoiceFacet("format", gettext_lazy("Format"), "format", labels=_format_labels),
    ]


# --- News ---------------------------------------------------------------------------------------


def news_list(request):
    context = listing_page_context(
        request,
        queryset=NewsItem.objects.public(),
        facets=news_facets(),
        base_url=reverse("news:list"),
        page_size=PAGE_SIZE,
        search_fields=("title", "teaser", "body"),
        heading=lambda n: ngettext("%(count)s Meldung", "%(count)s Meldungen", n) % {"count": n},
    )
    context["upcoming_events"] = list(Event.objects.public().upcoming().order_by("start_date", "start_time")[:3])
    return render(request, "news/news_item_list.html", context)


def news_detail(request, slug):
    item = NewsItem.objects.public().filter(slug=slug).first()
    if item is None:
        raise Http404(_("Diese Meldung gibt es nicht oder sie ist nicht veröffentlicht."))
    return render(request, "news/news_item.html", {"item": item})


# --- Events -------------------------------------------------------------------------------------


def _event_list(request, *, archive: bool):
    today = timezone.localdate()
    if archive:
        queryset = Event.objects.public().past(today).order_by("-start_date", F("start_time").desc(nulls_last=True))
        base_url = reverse("news:event_archive")
    else:
        queryset = Event.objects.public().upcoming(today).order_by("start_date", F("start_time").asc(nulls_first=True))
        base_url = reverse("news:events")
    context = listing_page_context(
        request,
        queryset=queryset.prefetch_related("audiences"),
        facets=event_facets(archive),
        base_url=base_url,
        page_size=PAGE_SIZE,
        search_fields=("title", "teaser", "city", "organiser", "target_group"),
        heading=lambda n: ngettext("%(count)s Termin", "%(count)s Termine", n) % {"count": n},
    )
    context.update(archive=archive, today=today)
    return render(request, "news/event_list.html", context)


def event_list(request):
    return _event_list(request, archive=False)


def event_archive(request):
    return _event_list(request, archive=True)


def _public_event(slug) -> Event:
    event = Event.objects.public().prefetch_related("audiences", "themes").filter(slug=slug).first()
    if event is None:
        raise Http404(_("Diesen Termin gibt es nicht oder er ist nicht veröffentlicht."))
    return event


def event_detail(request, slug):
    event = _public_event(slug)
    return render(request, "news/event.html", {"event": event, "is_past": event.is_past()})


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug):
    event = _public_event(slug)
    body = ical.calendar_for([event], base_url=_base_url(request), host=request.get_host(), name=event.title)
    return _calendar_response(body, f"{event.slug}.ics")


def events_feed(request):
    """Upcoming events and those of the last half year, for calendar subscriptions."""
    since = timezone.localdate() - datetime.timedelta(days=FEED_PAST_DAYS)
    events = Event.objects.public().upcoming(since).order_by("start_date", "pk")
    body = ical.calendar_for(
        events, base_url=_base_url(request), host=request.get_host(), name="Krisenwissen – Termine"
    )
    response = _calendar_response(body, "krisenwissen-termine.ics")
    response["Content-Disposition"] = 'inline; filename="krisenwissen-termine.ics"'
    return response


# --- Training offers ------------------------------------------------------------------------------


def training_list(request):
    context = listing_page_context(
        request,
        queryset=TrainingOffer.objects.public().prefetch_related("audiences"),
        facets=training_facets(),
        base_url=reverse("news:training"),
        page_size=PAGE_SIZE,
        search_fields=("title", "summary", "provider"),
        heading=lambda n: ngettext("%(count)s Fortbildungsangebot", "%(count)s Fortbildungsangebote", n) % {"count": n},
    )
    return render(request, "news/training_offer_list.html", context)


def training_detail(request, slug):
    offer = TrainingOffer.objects.public().prefetch_related("audiences", "themes").filter(slug=slug).first()
    if offer is None:
        raise Http404(_("Dieses Fortbildungsangebot gibt es nicht oder es ist nicht veröffentlicht."))
    return render(request, "news/training_offer.html", {"offer": offer, "modules": list(offer.modules.all())})
