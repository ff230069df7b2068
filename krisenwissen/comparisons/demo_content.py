"""Demo records for the comparison of the Länder's crisis-staff arrangements.

The texts are written for demonstration from a few typical patterns; they are NOT the Länder's
actual rules and are labelled "Demo" on every page, in the table and in the API. Replace them
with checked entries (and untick "Demo-Inhalt") record by record.
"""

from django.db import transaction

from .models import LAND_CHOICES, CrisisStaffArrangement

STAFF_MODELS = [
    "Getrennte Stäbe: ein Verwaltungsstab für die administrativ-organisatorischen Aufgaben und ein "
    "Führungsstab für die operativ-taktische Gefahrenabwehr.",
    "Ein gemeinsamer Krisenstab, der je nach Lage um Fachberaterinnen und Fachberater erweitert wird.",
    "Ein Koordinierungsstab der Landesregierung, darunter Stäbe der Kreise und kreisfreien Städte.",
]
CONVENERS = [
    "Die Hauptverwaltungsbeamtin oder der Hauptverwaltungsbeamte (Landrätin/Landrat, "
    "Oberbürgermeisterin/Oberbürgermeister).",
    "Die untere Katastrophenschutzbehörde; in landesweiten Lagen das Innenministerium.",
    "Die Leitung der Verwaltung auf Vorschlag der Stabsstelle für Bevölkerungsschutz.",
]
DEPARTMENTS = [
    "Ordnung und Sicherheit, Gesundheit, Soziales, Kommunikation, IT, Personal; Polizei, Feuerwehr und "
    "Hilfsorganisationen als Verbindungspersonen.",
    "Innere Verwaltung, Gesundheitsamt, Jugend und Soziales, Tiefbau, Presse- und Öffentlichkeitsarbeit; "
    "Verbindungspersonen von Bundeswehr und THW nach Bedarf.",
]
EXIT_RULES = [
    "Der Stab wird aufgelöst, wenn die Lage mit den Strukturen des Alltags bewältigt werden kann; die "
    "Übergabe wird protokolliert, eine Nachbereitung ist vorgesehen.",
    "Stufenweiser Rückbau: erst reduzierte Besetzung, dann Rückkehr in die Linienorganisation; ein "
    "Abschlussbericht innerhalb von drei Monaten.",
]


def record_for(index: int, land: str) -> dict:
    return {
        "land": land,
        "title": f"Krisenstäbe in {land}",
        "summary": f"Demo-Eintrag: So könnte die Regelung der Krisenstäbe in {land} beschrieben werden.",
        "legal_basis": (
            f"Katastrophenschutzgesetz des Landes {land} und ergänzende Verwaltungsvorschriften "
            "(Demo-Angabe, nicht geprüft)."
        ),
        "staff_model": STAFF_MODELS[index % len(STAFF_MODELS)],
        "convened_by": CONVENERS[(index // 2) % len(CONVENERS)],
        "departments": DEPARTMENTS[index % len(DEPARTMENTS)],
        "exit_rules": EXIT_RULES[(index // 3) % len(EXIT_RULES)],
        "further_reading": "Demo: Hier stehen die Fundstellen des Gesetzes und der Erlasse des Landes.",
    }


def load() -> str:
    existing = set(CrisisStaffArrangement.objects.values_list("land", flat=True))
    created = 0
    for index, (land, _label) in enumerate(LAND_CHOICES):
        if land in existing:
            continue
        with transaction.atomic():
            record = CrisisStaffArrangement(**record_for(index, land), is_demo=True, live=True)
            record.save()
            record.save_revision().publish()
        created += 1
    return f"{created} Demo-Einträge zu Krisenstäben der Länder angelegt"
