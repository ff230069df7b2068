"""The starting thesaurus: synonyms an editor of a crisis-management platform keeps anyway.

Editors change and extend it in the admin (Snippets → Thesaurus); this migration only seeds an
empty table and leaves existing entries alone.
"""

from django.db import migrations

SYNONYM_GROUPS = [
    # Crises and hazards
    "Corona | COVID-19 | SARS-CoV-2 | Coronavirus | Pandemie | Coronapandemie | pandemic",
    "Hochwasser | Überschwemmung | Überflutung | Flut | flood | flooding",
    "Starkregen | Extremniederschlag | Sturzflut | heavy rain | cloudburst",
    "Hitzewelle | Hitzeperiode | Hitze | heatwave | heat wave",
    "Stromausfall | Blackout | Netzausfall | power outage | power cut",
    "Cyberangriff | Cyberattacke | Hackerangriff | Ransomware-Angriff | cyberattack | cyber attack",
    "Energiekrise | Energiemangellage | Gasmangellage | energy crisis",
    "Krieg in der Ukraine | Ukraine-Krieg | war in Ukraine",
    # Organisation of crisis management
    "Krisenstab | SAE | Stab für außergewöhnliche Ereignisse | Verwaltungsstab | crisis staff | crisis team",
    "Katastrophenschutz | KatS | Bevölkerungsschutz | civil protection",
    "Stabsübung | Stabsrahmenübung | Krisenstabsübung | staff exercise",
    "Kritische Infrastruktur | KRITIS | critical infrastructure",
    "Psychosoziale Notfallversorgung | PSNV | Krisenintervention",
    "Spontanhelfende | Spontanhelfer | ungebundene Helfende | spontaneous volunteers",
    "Ehrenamtliche | Freiwillige | Ehrenamt | volunteers",
    "Mitarbeitende | Mitarbeiter | Mitarbeiterinnen | Beschäftigte | Personal | staff | employees",
    "Evakuierung | Räumung | evacuation",
    "Notunterkunft | Notquartier | emergency shelter",
    "Bürgertelefon | Bürgerhotline | Infotelefon | Hotline",
    "Homeoffice | Home-Office | mobiles Arbeiten | Telearbeit | remote work",
    "Burnout | Erschöpfung | Überlastung | exhaustion",
    # Authorities and abbreviations
    "ÖGD | Öffentlicher Gesundheitsdienst | public health service",
    "PSA | Persönliche Schutzausrüstung | Schutzausrüstung | PPE | personal protective equipment",
    "BSI | Bundesamt für Sicherheit in der Informationstechnik",
    "BBK | Bundesamt für Bevölkerungsschutz und Katastrophenhilfe",
    "THW | Technisches Hilfswerk",
    "DRK | Deutsches Rotes Kreuz | Red Cross",
    "ÖPNV | öffentlicher Nahverkehr | Nahverkehr | public transport",
    "Kita | Kindertagesstätte | Kindertageseinrichtung | daycare",
    "MANV | Massenanfall von Verletzten | mass casualty incident",
    # Pandemic measures
    "Kontaktnachverfolgung | Kontaktpersonennachverfolgung | Kontaktpersonenermittlung | contact tracing",
    "Quarantäne | Absonderung | quarantine",
    "Impfung | Schutzimpfung | Impfen | vaccination",
    "Homeschooling | Distanzunterricht | Fernunterricht | Heimunterricht | remote learning",
    "Lockdown | Ausgangsbeschränkung | Ausgangssperre",
    # People
    "Senioren | Seniorinnen | ältere Menschen | Hochbetagte | Ältere | older people | elderly | seniors",
    "Obdachlose | Wohnungslose | Menschen ohne festen Wohnsitz | Obdachlosigkeit | Wohnungslosigkeit | homeless",
    "Geflüchtete | Flüchtlinge | Schutzsuchende | refugees",
    "Migranten | Zugewanderte | Menschen mit Migrationsgeschichte | migrants",
    "Menschen mit Behinderung | Menschen mit Beeinträchtigung | behinderte Menschen | people with disabilities",
    "Gehörlose | taube Menschen | hörbehinderte Menschen | deaf people",
    "Suchtkranke | Drogenabhängige | Menschen mit Suchterkrankung | Drogenkonsumierende | people who use drugs",
    "Pflegeheim | Altenheim | Seniorenheim | Pflegeeinrichtung | care home | nursing home",
    "Krankenhaus | Klinik | Klinikum | hospital",
    "Alleinerziehende | Einelternfamilien | single parents",
    # Communication
    "Falschmeldungen | Fake News | Desinformation | Falschinformationen | disinformation | misinformation",
    "Krisenkommunikation | Risikokommunikation | crisis communication",
    "Warnung der Bevölkerung | Bevölkerungswarnung | Warnmeldung | public warning",
    "mehrsprachig | in mehreren Sprachen | multilingual",
    "Gebärdensprache | DGS | sign language",
    "Häusliche Gewalt | Partnerschaftsgewalt | Gewalt in der Familie | domestic violence",
    "Einsamkeit | soziale Isolation | loneliness",
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    SynonymGroup.objects.bulk_create(
        SynonymGroup(variants="\n".join(v.strip() for v in line.split("|"))) for line in SYNONYM_GROUPS
    )


def unseed(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index_and_thesaurus")]

    operations = [migrations.RunPython(seed, unseed)]
