"""Demo research projects for ``manage.py bootstrap``: fictitious, flagged ``is_demo`` and labelled "Demo".

Idempotent: a project is identified by its slug and created only when missing.
"""

import datetime

from django.db import transaction

from krisenwissen.taxonomy.models import CrisisType, Lever, TargetGroup, Theme

from .models import ResearchPartner, ResearchProject, ResearchProjectLink

#: Fictitious projects; names, partners and results are invented for demonstration.
PROJECTS = [
    {
        "slug": "demo-kolres",
        "acronym": "KOLRES",
        "title": "Kommunale Lernschleifen für resiliente Verwaltungen (Demo)",
        "summary": (
            "Fiktives Verbundprojekt: untersucht, wie Kommunen Erfahrungen aus der Pandemie und der "
            "Energiemangellage auswerten und in ihre Vorsorge übernehmen."
        ),
        "description": (
            "<p>Das Projekt begleitet zwölf Kommunen unterschiedlicher Größe bei der Nachbereitung ihrer "
            "Krisenerfahrungen und entwickelt daraus ein Verfahren für kommunale Lernschleifen.</p>"
        ),
        "results": (
            "<ul><li>Ein Leitfaden zur Nachbereitung in fünf Schritten.</li>"
            "<li>Hinweise, dass Auswertungen ohne feste Verantwortliche selten zu Veränderungen führen.</li></ul>"
        ),
        "publications": "<p>Muster, A.; Beispiel, B. (2025): Lernen aus Krisen. Arbeitspapier 3 (Demo).</p>",
        "funder": "BMBF",
        "programme": "Forschung für die zivile Sicherheit",
        "start": (2023, 1, 1),
        "end": (2026, 12, 31),
        "lead": "Demo-Hochschule für Verwaltung, Musterstadt",
        "partners": [("Institut für Krisenforschung (Demo)", "Beispielstadt"), ("Demo-Landkreis Nord", "")],
        "themes": ["krisenmanagement"],
        "crisis_types": ["pandemie", "energiemangellage"],
        "target_groups": ["verwaltungsbeschaeftigte"],
        "levers": [2, 7],
    },
    {
        "slug": "demo-hitzenetz",
        "acronym": "HITZENETZ",
        "title": "Hitzeschutz für ältere Menschen in Nachbarschaftsnetzwerken (Demo)",
        "summary": (
            "Fiktives Projekt: erprobt, wie Nachbarschaftshilfe, Pflegedienste und Kommune ältere, allein lebende "
            "Menschen in Hitzewellen erreichen."
        ),
        "description": "<p>In drei Modellquartieren werden Telefonketten, Hitzepaten und kühle Orte erprobt.</p>",
        "results": "<p>Zwischenergebnis: Persönliche Ansprache erreicht deutlich mehr Menschen als Aushänge.</p>",
        "publications": "",
        "funder": "Land (Demo)",
        "programme": "Klimaanpassung in Kommunen",
        "start": (2024, 4, 1),
        "end": (2027, 3, 31),
        "lead": "Demo-Institut für Gesundheit und Stadt",
        "partners": [("Wohlfahrtsverband Musterstadt (Demo)", "Musterstadt")],
        "themes": ["vulnerable-gruppen"],
        "crisis_types": ["hitze"],
        "target_groups": ["aeltere-menschen", "einsame-menschen"],
        "levers": [5, 6],
    },
    {
        "slug": "demo-warnmix",
        "acronym": "WARNMIX",
        "title": "Mehrsprachige und barrierefreie Warnung der Bevölkerung (Demo)",
        "summary": (
            "Fiktives Projekt: untersucht, wie Warnungen Menschen mit geringen Deutschkenntnissen und Menschen "
            "mit Behinderungen erreichen."
        ),
        "description": (
            "<p>Verglichen werden Sirenen, Warn-Apps, Cell Broadcast, Lautsprecherwagen und Multiplikatoren.</p>"
        ),
        "results": "<p>Warnungen erreichen mehr Menschen, wenn sie über Vertrauenspersonen weitergegeben werden.</p>",
        "publications": "<p>Beispiel, C. (2022): Warnen in vielen Sprachen. Abschlussbericht (Demo).</p>",
        "funder": "EU",
        "programme": "Horizon Europe (Demo)",
        "start": (2020, 10, 1),
        "end": (2023, 9, 30),
        "lead": "Demo-Universität Beispielstadt",
        "partners": [("Integrationsrat Musterstadt (Demo)", "Musterstadt"), ("Gehörlosenverband (Demo)", "")],
        "themes": ["krisenkommunikation", "vulnerable-gruppen"],
        "crisis_types": ["hochwasser", "unwetter"],
        "target_groups": ["geringe-deutschkenntnisse", "menschen-mit-behinderungen"],
        "levers": [6],
    },
    {
        "slug": "demo-stabreserve",
        "acronym": "STABRESERVE",
        "title": "Personalreserven für kommunale Krisenstäbe (Demo)",
        "summary": "Fiktives Projekt: entwickelt Modelle für Personalpools und Aufgabenpriorisierung in Verwaltungen.",
        "description": (
            "<p>Auf Grundlage von Interviews in 40 Verwaltungen entsteht ein Baukasten für Personalpools.</p>"
        ),
        "results": "",
        "publications": "",
        "funder": "DFG",
        "programme": "Sachbeihilfe",
        "start": (2027, 1, 1),
        "end": (2029, 12, 31),
        "lead": "Demo-Forschungsinstitut Öffentliche Verwaltung",
        "partners": [],
        "themes": ["krisenmanagement"],
        "crisis_types": ["allgemein"],
        "target_groups": ["verwaltungsbeschaeftigte"],
        "levers": [3, 4],
    },
]


def _date(parts):
    return datetime.date(*parts) if parts else None


@transaction.atomic
def load() -> str:
    existing = set(
        ResearchProject.objects.filter(slug__in=[p["slug"] for p in PROJECTS]).values_list("slug", flat=True)
    )
    created = 0
    for data in PROJECTS:
        if data["slug"] in existing:
            continue
        project = ResearchProject(
            slug=data["slug"],
            acronym=data["acronym"],
            title=data["title"],
            summary=data["summary"],
            description=data["description"],
            results=data["results"],
            publications=data["publications"],
            funder=data["funder"],
            programme=data["programme"],
            start_date=_date(data["start"]),
            end_date=_date(data["end"]),
            lead=data["lead"],
            is_demo=True,
        )
        project.partners = [ResearchPartner(name=name, place=place) for name, place in data["partners"]]
        project.links = [ResearchProjectLink(title="Projektseite (Demo, Beispieladresse)", url="https://example.org/")]
        project.themes = list(Theme.objects.filter(slug__in=data["themes"]))
        project.crisis_types = list(CrisisType.objects.filter(slug__in=data["crisis_types"]))
        project.target_groups = list(TargetGroup.objects.filter(slug__in=data["target_groups"]))
        project.levers = list(Lever.objects.filter(number__in=data["levers"]))
        project.save()
        project.save_revision().publish()
        created += 1
    return f"{created} neue Demo-Forschungsprojekte ({len(PROJECTS)} insgesamt)"
