"""Demo news, events and training offers for ``manage.py bootstrap``: fictitious and labelled "Demo".

Dates are set relative to the day of the first run, so a fresh installation has upcoming events
and an archive. Idempotent: records are identified by slug and created only when missing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from krisenwissen.taxonomy.models import Lever, Theme

from .models import Audience, Event, Format, NewsItem, TrainingModule, TrainingOffer

NEWS = [
    (
        "demo-zweite-kommunalbefragung",
        "Zweite Kommunalbefragung ausgewertet (Demo)",
        -20,
        "Fiktive Meldung: Die Ergebnisse der zweiten Befragungswelle sind auf der Plattform veröffentlicht.",
        "<p>Diese Meldung ist ein Demo-Inhalt. Sie zeigt, wie Neuigkeiten der Plattform erscheinen: mit "
        "Datum, Anreißer und Text.</p><p>Die echten Beteiligungszahlen der Befragungen finden Sie im Bereich "
        "Befragungen.</p>",
        ["krisenmanagement"],
        [7],
    ),
    (
        "demo-neue-praxisbeispiele-hitze",
        "Neue Praxisbeispiele zum Hitzeschutz (Demo)",
        -45,
        "Fiktive Meldung: Zehn Kommunen haben Beispiele aus dem Hitzesommer beigetragen.",
        "<p>Diese Meldung ist ein Demo-Inhalt. Die genannten Beispiele sind Teil der fiktiven Demo-Daten.</p>",
        ["vulnerable-gruppen"],
        [6],
    ),
    (
        "demo-reflexionsraum-geoeffnet",
        "Reflexionsraum für Kommunen geöffnet (Demo)",
        -90,
        "Fiktive Meldung: Kommunen können ihre Krisen jetzt im geschützten Reflexionsraum nachbereiten.",
        "<p>Diese Meldung ist ein Demo-Inhalt. Sie beschreibt den Reflexionsraum der Plattform.</p>",
        ["krisenmanagement", "krisenkommunikation"],
        [7],
    ),
]

EVENTS = [
    {
        "slug": "demo-fachtag-krisenstab",
        "title": "Fachtag: Der Krisenstab nach der Krise (Demo)",
        "days": 21,
        "start_time": datetime.time(9, 30),
        "end_time": datetime.time(16, 0),
        "format": Format.ON_SITE,
        "venue": "Rathaus, Ratssaal",
        "address": "Marktplatz 1",
        "city": "Musterstadt",
        "teaser": "Fiktiver Termin: Austausch über die Nachbereitung von Krisen in Stäben kleiner und großer Kommunen.",
        "target_group": "Leitungen und Mitglieder kommunaler Krisenstäbe",
        "audiences": ["fuehrungskraefte", "fachkraefte"],
        "fee": "",
        "themes": ["krisenmanagement"],
        "levers": [1, 7],
    },
    {
        "slug": "demo-webinar-warnen-in-vielen-sprachen",
        "title": "Webinar: Warnen in vielen Sprachen (Demo)",
        "days": 35,
        "start_time": datetime.time(14, 0),
        "end_time": datetime.time(15, 30),
        "format": Format.ONLINE,
        "online_note": "Die Zugangsdaten kommen nach der Anmeldung per E-Mail.",
        "teaser": "Fiktiver Termin: Wie Kommunen mehrsprachig und barrierefrei warnen.",
        "target_group": "Pressestellen, Ordnungsämter, Integrationsbeauftragte",
        "audiences": ["fachkraefte"],
        "fee": "",
        "themes": ["krisenkommunikation", "vulnerable-gruppen"],
        "levers": [6],
    },
    {
        "slug": "demo-klausur-rat-und-krise",
        "title": "Klausurtag: Der Rat in der Krise (Demo)",
        "days": 60,
        "end_days": 61,
        "start_time": None,
        "end_time": None,
        "format": Format.HYBRID,
        "venue": "Bildungszentrum",
        "city": "Beispielstadt",
        "online_note": "Teilnahme auch per Videokonferenz möglich.",
        "teaser": "Fiktiver Termin: Zwei Tage zur Rolle von Räten und Kreistagen in Krisen.",
        "target_group": "Rats- und Kreistagsmitglieder",
        "audiences": ["ratsmitglieder"],
        "fee": "95 € pro Person",
        "themes": ["krisenmanagement"],
        "levers": [1],
    },
    {
        "slug": "demo-werkstatt-hitzeschutz",
        "title": "Werkstatt Hitzeschutz im Quartier (Demo)",
        "days": -30,
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(13, 0),
        "format": Format.ON_SITE,
        "venue": "Stadtteilzentrum Süd",
        "city": "Musterstadt",
        "teaser": "Fiktiver vergangener Termin: Hitzepaten, kühle Orte und Telefonketten.",
        "target_group": "Quartiersmanagement, Pflege, Nachbarschaftshilfe",
        "audiences": ["fachkraefte"],
        "fee": "",
        "themes": ["vulnerable-gruppen"],
        "levers": [5, 6],
    },
    {
        "slug": "demo-online-austausch-personalreserven",
        "title": "Online-Austausch: Personalreserven (Demo)",
        "days": -120,
        "start_time": datetime.time(10, 0),
        "end_time": None,
        "format": Format.ONLINE,
        "teaser": "Fiktiver vergangener Termin: Erfahrungen mit Personalpools in der Pandemie.",
        "target_group": "Personalämter und Stabsleitungen",
        "audiences": ["fuehrungskraefte"],
        "fee": "",
        "themes": ["krisenmanagement"],
        "levers": [3],
    },
]

TRAINING = [
    {
        "slug": "demo-grundkurs-stabsarbeit",
        "title": "Grundkurs Stabsarbeit für Verwaltungsstäbe (Demo)",
        "summary": "Fiktives Angebot: Aufbau, Funktionen und Arbeitsweise eines Verwaltungsstabs, mit Übung.",
        "provider": "Demo-Akademie für Bevölkerungsschutz",
        "duration": "2 Tage",
        "format": Format.ON_SITE,
        "fee": "240 € pro Person",
        "dates_note": "zweimal jährlich (Demo)",
        "certificate": "Teilnahmebescheinigung",
        "audiences": ["fachkraefte", "fuehrungskraefte"],
        "themes": ["krisenmanagement"],
        "levers": [1, 2],
        "modules": [
            ("Rechtliche Grundlagen und Zuständigkeiten", "3 Stunden"),
            ("Funktionen im Stab und Lagebild", "4 Stunden"),
            ("Stabsrahmenübung mit Auswertung", "6 Stunden"),
        ],
    },
    {
        "slug": "demo-fuehren-in-der-krise",
        "title": "Führen in der Krise (Demo)",
        "summary": "Fiktives Angebot: Entscheiden unter Unsicherheit, Fürsorge für Teams, Kommunikation nach innen.",
        "provider": "Demo-Verwaltungsschule",
        "duration": "3 × 3 Stunden",
        "format": Format.ONLINE,
        "fee": "",
        "dates_note": "Termine auf Anfrage (Demo)",
        "certificate": "",
        "audiences": ["fuehrungskraefte"],
        "themes": ["krisenmanagement"],
        "levers": [3, 4],
        "modules": [
            ("Entscheiden unter Unsicherheit", "3 Stunden"),
            ("Belastung erkennen, Teams entlasten", "3 Stunden"),
            ("Kommunikation nach innen", "3 Stunden"),
        ],
    },
    {
        "slug": "demo-rat-und-krise",
        "title": "Krisenmanagement für Ratsmitglieder (Demo)",
        "summary": (
            "Fiktives Angebot: Was der Rat in der Krise entscheidet, was die Verwaltung, "
            "und wie man gut zusammenarbeitet."
        ),
        "provider": "Demo-Kommunalakademie",
        "duration": "1 Abend (3 Stunden)",
        "format": Format.HYBRID,
        "fee": "",
        "dates_note": "",
        "certificate": "",
        "audiences": ["ratsmitglieder"],
        "themes": ["krisenmanagement", "krisenkommunikation"],
        "levers": [1, 7],
        "modules": [("Rollen und Rechte in der Krise", "90 Minuten"), ("Nachbereitung im Rat", "90 Minuten")],
    },
]


def _terms(model, slugs, field="slug"):
    return list(model.objects.filter(**{f"{field}__in": slugs}))


def _publish(obj):
    obj.save()
    obj.save_revision().publish()


@transaction.atomic
def load() -> str:
    today = timezone.localdate()
    counts = {"news": 0, "events": 0, "training": 0}
    known = set(NewsItem.objects.values_list("slug", flat=True))
    for slug, title, days, teaser, body, themes, levers in NEWS:
        if slug in known:
            continue
        item = NewsItem(slug=slug, title=title, date=today + datetime.timedelta(days=days), teaser=teaser, body=body)
        item.is_demo = True
        item.themes = _terms(Theme, themes)
        item.levers = _terms(Lever, levers, "number")
        _publish(item)
        counts["news"] += 1
    known = set(Event.objects.values_list("slug", flat=True))
    for data in EVENTS:
        if data["slug"] in known:
            continue
        event = Event(
            slug=data["slug"],
            title=data["title"],
            teaser=data["teaser"],
            description=f"<p>{data['teaser']} Dieser Termin ist ein Demo-Inhalt und findet nicht statt.</p>",
            start_date=today + datetime.timedelta(days=data["days"]),
            end_date=today + datetime.timedelta(days=data["end_days"]) if data.get("end_days") else None,
            start_time=data["start_time"],
            end_time=data["end_time"],
            format=data["format"],
            venue=data.get("venue", ""),
            address=data.get("address", ""),
            city=data.get("city", ""),
            online_note=data.get("online_note", ""),
            organiser="Krisenwissen (Demo)",
            registration_url="https://example.org/anmeldung",
            target_group=data["target_group"],
            fee=data["fee"],
            is_demo=True,
        )
        event.audiences = _terms(Audience, data["audiences"])
        event.themes = _terms(Theme, data["themes"])
        event.levers = _terms(Lever, data["levers"], "number")
        _publish(event)
        counts["events"] += 1
    known = set(TrainingOffer.objects.values_list("slug", flat=True))
    for data in TRAINING:
        if data["slug"] in known:
            continue
        offer = TrainingOffer(
            slug=data["slug"],
            title=data["title"],
            summary=data["summary"],
            description=f"<p>{data['summary']} Dieses Angebot ist ein Demo-Inhalt.</p>",
            provider=data["provider"],
            duration=data["duration"],
            format=data["format"],
            fee=data["fee"],
            dates_note=data["dates_note"],
            certificate=data["certificate"],
            registration_url="https://example.org/fortbildung",
            is_demo=True,
        )
        offer.modules = [
            TrainingModule(title=title, duration=duration, sort_order=i)
            for i, (title, duration) in enumerate(data["modules"])
        ]
        offer.audiences = _terms(Audience, data["audiences"])
        offer.themes = _terms(Theme, data["themes"])
        offer.levers = _terms(Lever, data["levers"], "number")
        _publish(offer)
        counts["training"] += 1
    return (
        f"{counts['news']} neue Demo-Meldungen, {counts['events']} neue Demo-Termine, "
        f"{counts['training']} neue Demo-Fortbildungen"
    )
