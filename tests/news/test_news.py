"""News, events (with iCal) and training offers."""

import datetime

import icalendar
import pytest

from django.core.exceptions import ValidationError

from krisenwissen.news import demo_content
from krisenwissen.news.models import Event, Format, NewsItem, TrainingOffer
from tests.research.factories import EventFactory, NewsItemFactory, TrainingModuleFactory, TrainingOfferFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def test_news_list_and_detail(client, site):
    NewsItemFactory(title="Neue Befragung", teaser="Die zweite Welle ist ausgewertet.", date=days(-3))
    NewsItemFactory(title="Entwurf einer Meldung", live=False)

    html = client.get("/aktuelles/").content.decode()
    assert "1 Meldung<" in html
    assert "Die zweite Welle ist ausgewertet." in html
    assert "Entwurf einer Meldung" not in html

    item = NewsItem.objects.get(title="Neue Befragung")
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Der Text der Meldung." in response.content.decode()
    assert client.get("/aktuelles/gibt-es-nicht/").status_code == 404


def test_past_events_move_to_the_archive(client, site):
    EventFactory(title="Kommender Fachtag", start_date=days(5))
    EventFactory(title="Heutiger Workshop", start_date=TODAY)
    EventFactory(title="Vergangene Werkstatt", start_date=days(-5))
    EventFactory(title="Mehrtägige Tagung", start_date=days(-1), end_date=days(1))

    upcoming = client.get("/termine/").content.decode()
    archive = client.get("/termine/archiv/").content.decode()

    assert "3 Termine" in upcoming
    for title in ("Kommender Fachtag", "Heutiger Workshop", "Mehrtägige Tagung"):
        assert title in upcoming and title not in archive
    assert "Vergangene Werkstatt" in archive and "Vergangene Werkstatt" not in upcoming
    # the soonest first
    assert (
        upcoming.index("Mehrtägige Tagung") < upcoming.index("Heutiger Workshop") < upcoming.index("Kommender Fachtag")
    )


def test_event_detail_shows_the_practical_details(client, site):
    event = EventFactory(
        title="Webinar Warnung",
        format=Format.ONLINE,
        venue="",
        city="",
        online_note="Zugangsdaten nach Anmeldung.",
        registration_url="https://example.org/anmelden",
        target_group="Pressestellen",
        fee="",
        audiences=["fachkraefte"],
        is_demo=True,
    )

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Zugangsdaten nach Anmeldung." in html
    assert 'href="https://example.org/anmelden"' in html
    assert "Pressestellen" in html
    assert "kostenfrei" in html
    assert "Fachkräfte" in html
    assert f'href="/termine/{event.slug}.ics"' in html
    assert "Dieser Termin ist fiktiv." in html
    assert "10:00–12:30 Uhr" in html
    english = client.get(f"/en{event.get_absolute_url()}").content.decode()
    assert "10:00–12:30" in english and "Uhr" not in english and "hrs" not in english


def test_past_event_page_says_so_and_hides_the_registration(client, site):
    event = EventFactory(start_date=days(-10), registration_url="https://example.org/anmelden")

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Dieser Termin liegt in der Vergangenheit." in html
    assert "Zur Anmeldung" not in html


def test_event_ics_has_local_time_zone_and_all_day_dates(client, site):
    timed = EventFactory(title="Fachtag", start_date=datetime.date(2030, 7, 1), is_demo=True)
    all_day = EventFactory(
        title="Klausur",
        start_date=datetime.date(2030, 7, 1),
        end_date=datetime.date(2030, 7, 2),
        start_time=None,
        end_time=None,
    )

    response = client.get(f"/termine/{timed.slug}.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{timed.slug}.ics"' in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "[Demo] Fachtag"
    assert event.decoded("DTSTART") == datetime.datetime(2030, 7, 1, 10, 0, tzinfo=event.decoded("DTSTART").tzinfo)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTEND").hour == 12 and event.decoded("DTEND").minute == 30
    assert calendar.walk("VTIMEZONE"), "the time zone must be part of the file"
    assert str(event["URL"]).endswith(f"/termine/{timed.slug}/")

    calendar = icalendar.Calendar.from_ical(client.get(f"/termine/{all_day.slug}.ics").content)
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("DTSTART") == datetime.date(2030, 7, 1)
    assert event.decoded("DTEND") == datetime.date(2030, 7, 3)  # exclusive end: the day after the last day


def test_feed_holds_upcoming_and_recent_events_but_no_drafts_or_old_ones(client, site):
    EventFactory(title="Bald", start_date=days(3))
    EventFactory(title="Neulich", start_date=days(-30))
    EventFactory(title="Lange her", start_date=days(-400))
    EventFactory(title="Unveröffentlicht", start_date=days(3), live=False)

    response = client.get("/termine/feed.ics")

    summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    assert summaries == {"Bald", "Neulich"}


def test_event_validation_messages(site):
    event = EventFactory.build(start_date=days(5), end_date=days(3))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "Das Ende darf nicht vor dem Beginn liegen." in str(error.value)

    event = EventFactory.build(format=Format.ON_SITE, venue="", city="")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "Bitte einen Ort angeben" in str(error.value)


def test_event_filters_by_audience(client, site):
    EventFactory(title="Für den Rat", audiences=["ratsmitglieder"])
    EventFactory(title="Für Fachleute", audiences=["fachkraefte"])

    html = client.get("/termine/?audiences=ratsmitglieder").content.decode()

    assert "Für den Rat" in html and "Für Fachleute" not in html


def test_training_list_and_detail_with_modules(client, site):
    offer = TrainingOfferFactory(title="Grundkurs Stab", audiences=["fuehrungskraefte", "ratsmitglieder"], fee="120 €")
    TrainingModuleFactory(offer=offer, title="Lagebild", duration="4 Stunden")
    TrainingOfferFactory(title="Nur für Fachkräfte", audiences=["fachkraefte"])

    html = client.get("/fortbildungen/?audiences=ratsmitglieder").content.decode()
    assert "Grundkurs Stab" in html and "Nur für Fachkräfte" not in html

    html = client.get(offer.get_absolute_url()).content.decode()
    assert "Lagebild" in html and "(4 Stunden)" in html
    assert "Führungskräfte, Ratsmitglieder" in html
    assert "120 €" in html


def test_api_events_upcoming_and_past(client, site):
    EventFactory(title="Bald", start_date=days(3))
    EventFactory(title="Vorbei", start_date=days(-3))

    upcoming = client.get("/api/v1/events").json()
    past = client.get("/api/v1/events?when=past").json()

    assert [e["title"] for e in upcoming["results"]] == ["Bald"]
    assert [e["title"] for e in past["results"]] == ["Vorbei"]
    assert upcoming["results"][0]["ics_url"].endswith(".ics")
    assert client.get("/api/v1/events?format=zeppelin").status_code == 422


def test_api_news_and_training(client, site):
    NewsItemFactory(title="Meldung A", themes=["krisenmanagement"])
    offer = TrainingOfferFactory(title="Kurs B")
    TrainingModuleFactory(offer=offer, title="Modul 1")

    news = client.get("/api/v1/news?themes=krisenmanagement").json()
    assert news["count"] == 1 and news["results"][0]["title"] == "Meldung A"
    detail = client.get(f"/api/v1/training/{offer.slug}").json()
    assert [m["title"] for m in detail["modules"]] == ["Modul 1"]
    assert client.get("/api/v1/training/gibt-es-nicht").status_code == 404


def test_demo_content_is_labelled_and_idempotent(site):
    demo_content.load()
    counts = (NewsItem.objects.count(), Event.objects.count(), TrainingOffer.objects.count())
    summary = demo_content.load()

    assert summary.startswith("0 neue Demo-Meldungen, 0 neue Demo-Termine, 0 neue")
    assert (NewsItem.objects.count(), Event.objects.count(), TrainingOffer.objects.count()) == counts
    assert Event.objects.upcoming().exists() and Event.objects.past().exists()
    for model in (NewsItem, Event, TrainingOffer):
        assert not model.objects.filter(is_demo=False).exists()
