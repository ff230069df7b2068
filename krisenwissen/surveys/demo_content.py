"""The two survey waves with the seed's real participation figures, and demo answer distributions.

Real (from the platform's seed): first wave 101 of 191 cities over 50,000 inhabitants (52 %),
second wave 197 of 634 addresses (31.1 %). Every answer distribution below is invented for
demonstration and marked as demo data on the page, in the CSV and in the API.
"""

from django.db import transaction

from krisenwissen.taxonomy.models import Theme

from .models import Survey, SurveyQuestion

SOURCE = "Teilnahmezahlen aus der Projektbeschreibung der Plattform (Seed)"

WAVES = [
    {
        "slug": "kommunalbefragung-welle-1",
        "title": "Kommunalbefragung Krisenmanagement – erste Welle",
        "wave": 1,
        "population": "Städte mit mehr als 50.000 Einwohnern",
        "population_size": 191,
        "responses": 101,
        "response_rate": "52.0",
        "summary": (
            "Die erste Welle richtete sich an alle Städte mit mehr als 50.000 Einwohnern. Echt sind die "
            "Teilnahmezahlen; die Antwortverteilungen sind Demo-Daten."
        ),
        "themes": ["krisenmanagement", "krisenkommunikation"],
        "questions": [
            {
                "text": "Hat Ihre Stadt seit 2020 einen Verwaltungs- oder Krisenstab einberufen?",
                "kind": "single",
                "unit": "percent",
                "table": (
                    "Gruppe;n;Ja;Nein\n"
                    "Gesamt;101;88;12\n"
                    "Größenklasse: Großstadt;62;92;8\n"
                    "Größenklasse: Mittelstadt;39;82;18\n"
                    "Land: Nordrhein-Westfalen;27;93;7\n"
                    "Land: Bayern;14;86;14\n"
                    "Land: Baden-Württemberg;12;83;17\n"
                    "Land: Niedersachsen;10;80;20"
                ),
            },
            {
                "text": "Wie bewerten Sie die Zusammenarbeit mit Kreis und Nachbarkommunen in der letzten Krise?",
                "kind": "single",
                "unit": "percent",
                "table": (
                    "Gruppe;n;sehr gut;eher gut;eher schlecht;sehr schlecht;weiß nicht\n"
                    "Gesamt;98;27;46;17;4;6\n"
                    "Größenklasse: Großstadt;60;30;45;15;3;7\n"
                    "Größenklasse: Mittelstadt;38;22;48;21;5;4"
                ),
            },
            {
                "text": "Welche Kanäle hat Ihre Stadt für die Krisenkommunikation genutzt?",
                "kind": "multiple",
                "unit": "percent",
                "note": "Mehrfachnennungen möglich.",
                "table": (
                    "Gruppe;n;Website;Soziale Medien;Warn-App;Presse;Lautsprecherwagen;Aushänge\n"
                    "Gesamt;101;97;85;78;91;34;41\n"
                    "Größenklasse: Großstadt;62;98;92;82;94;29;35\n"
                    "Größenklasse: Mittelstadt;39;95;74;72;87;41;51\n"
                    "Land: Nordrhein-Westfalen;27;96;89;85;93;30;37\n"
                    "Land: Bayern;14;100;79;71;86;43;50"
                ),
            },
        ],
    },
    {
        "slug": "kommunalbefragung-welle-2",
        "title": "Kommunalbefragung Krisenmanagement – zweite Welle",
        "wave": 2,
        "population": "Angeschriebene Adressen der zweiten Welle",
        "population_size": 634,
        "responses": 197,
        "response_rate": "31.1",
        "summary": (
            "Die zweite Welle ging an 634 Adressen. Echt sind die Teilnahmezahlen; die "
            "Antwortverteilungen sind Demo-Daten."
        ),
        "themes": ["krisenmanagement", "vulnerable-gruppen"],
        "questions": [
            {
                "text": (
                    "Gibt es in Ihrer Kommune eine aktuelle Liste von Einrichtungen mit besonders "
                    "schutzbedürftigen Menschen?"
                ),
                "kind": "single",
                "unit": "percent",
                "table": (
                    "Gruppe;n;ja, vollständig;ja, teilweise;nein;weiß nicht\n"
                    "Gesamt;197;31;42;21;6\n"
                    "Größenklasse: Großstadt;41;44;41;10;5\n"
                    "Größenklasse: Mittelstadt;58;33;45;17;5\n"
                    "Größenklasse: Kleinstadt;47;26;40;28;6\n"
                    "Größenklasse: Landgemeinde;22;14;41;36;9\n"
                    "Größenklasse: Landkreis / Kreis;29;34;41;21;4\n"
                    "Land: Nordrhein-Westfalen;38;37;42;16;5\n"
                    "Land: Bayern;31;29;39;26;6\n"
                    "Land: Sachsen;17;24;47;24;5"
                ),
            },
            {
                "text": "Wie viele Übungen des Krisenstabs gab es in den letzten drei Jahren?",
                "kind": "single",
                "unit": "count",
                "note": "Anzahl der Kommunen je Antwort.",
                "table": (
                    "Gruppe;n;keine;eine;zwei bis drei;mehr als drei\n"
                    "Gesamt;190;38;61;66;25\n"
                    "Größenklasse: Großstadt;40;2;9;18;11\n"
                    "Größenklasse: Mittelstadt;56;9;19;21;7\n"
                    "Größenklasse: Kleinstadt;44;14;16;12;2\n"
                    "Größenklasse: Landgemeinde;21;11;7;3;0\n"
                    "Größenklasse: Landkreis / Kreis;29;2;10;12;5"
                ),
            },
        ],
    },
]


def load() -> str:
    created = 0
    for data in WAVES:
        if Survey.objects.filter(slug=data["slug"]).exists():
            continue
        with transaction.atomic():
            survey = Survey(
                slug=data["slug"],
                title=data["title"],
                wave=data["wave"],
                population=data["population"],
                population_size=data["population_size"],
                responses=data["responses"],
                response_rate=data["response_rate"],
                participation_is_real=True,
                participation_source=SOURCE,
                summary=data["summary"],
                live=True,
            )
            survey.questions = [
                SurveyQuestion(
                    text=q["text"],
                    kind=q["kind"],
                    unit=q["unit"],
                    table=q["table"],
                    note=q.get("note", ""),
                    is_demo=True,
                )
                for q in data["questions"]
            ]
            survey.save()
            survey.themes.set(Theme.objects.filter(slug__in=data["themes"]))
            survey.save()
            survey.save_revision().publish()
        created += 1
    return f"{created} Befragungswellen angelegt (Teilnahmezahlen echt, Antwortverteilungen Demo)"
