"""The three audiences of events and training offers (reference data, not demo content)."""

from django.db import migrations

AUDIENCES = [
    ("fachkraefte", "Fachkräfte", "Specialists", "Beschäftigte in Fachämtern, Stäben und Einsatzorganisationen."),
    ("fuehrungskraefte", "Führungskräfte", "Managers", "Verwaltungsspitze, Amts- und Fachbereichsleitungen, Stabsleitungen."),
    ("ratsmitglieder", "Ratsmitglieder", "Council members", "Mitglieder von Gemeinderäten, Stadträten und Kreistagen."),
]


def add_audiences(apps, schema_editor):
    Audience = apps.get_model("news", "Audience")
    for order, (slug, name_de, name_en, description_de) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(
            slug=slug,
            defaults={"name_de": name_de, "name_en": name_en, "description_de": description_de, "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(add_audiences, migrations.RunPython.noop)]
