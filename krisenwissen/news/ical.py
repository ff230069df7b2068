"""Events as iCalendar (RFC 5545): the feed of upcoming events and one file per event.

Times are written with ``TZID=Europe/Berlin`` and a VTIMEZONE, so calendars show the local time
the event was announced in; all-day events are written as dates (``DTEND`` is the day *after*
the last day, as the RFC requires). The UID is stable (slug and host), so re-subscribing or
re-importing updates an entry instead of duplicating it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import icalendar

from django.utils import timezone
from django.utils.html import strip_tags

from .models import Event, Format

PRODID = "-//Krisenwissen//Termine//DE"


def _description(event: Event, url: str) -> str:
    parts = [event.teaser]
    if event.target_group:
        parts.append(f"Zielgruppe: {event.target_group}")
    parts.append(f"Kosten: {event.fee or 'kostenfrei'}")
    if event.registration_url:
        parts.append(f"Anmeldung: {event.registration_url}")
    if event.is_demo:
        parts.append("Demo-Inhalt: Dieser Termin ist fiktiv.")
    parts.append(url)
    return "\n\n".join(strip_tags(part) for part in parts if part)


def event_component(event: Event, *, base_url: str, host: str) -> icalendar.Event:
    url = f"{base_url}{event.get_absolute_url()}"
    component = icalendar.Event()
    component.add("uid", f"termin-{event.pk}-{event.slug}@{host}")
    component.add("dtstamp", event.updated_at or timezone.now())
    summary = f"[Demo] {event.title}" if event.is_demo else event.title
    component.add("summary", summary)
    if event.is_all_day:
        component.add("dtstart", event.start_date)
        component.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        component.add("dtstart", event.starts_at())
        component.add("dtend", event.ends_at())
    if event.format == Format.ONLINE:
        component.add("location", "Online")
    elif event.place_label:
        location = event.place_label + (" (auch online)" if event.format == Format.HYBRID else "")
        component.add("location", location)
    component.add("description", _description(event, url))
    component.add("url", url)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def calendar_for(events: Iterable[Event], *, base_url: str, host: str, name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for event in events:
        calendar.add_component(event_component(event, base_url=base_url, host=host))
    calendar.add_missing_timezones()
    return calendar.to_ical()
