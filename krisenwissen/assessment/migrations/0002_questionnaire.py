"""Seed the self-assessment questionnaire (three indicators for each of the seven levers).

The indicators point at the levers, which are reference data normally loaded by
``manage.py bootstrap``; on a fresh database they do not exist yet, so this migration creates the
seven levers from the shipped taxonomy file when they are missing (``load_taxonomy`` later skips
them as existing). Existing indicators are left alone: editors may have refined the wording.
"""

import json
from pathlib import Path

from django.db import migrations

TAXONOMY_FILE = Path(__file__).resolve().parents[2] / "taxonomy" / "data" / "taxonomy.json"


def forwards(apps, schema_editor):
    from krisenwissen.assessment.questionnaire import INDICATORS

    Lever = apps.get_model("taxonomy", "Lever")
    Indicator = apps.get_model("assessment", "Indicator")
    levers = {lever.number: lever for lever in Lever.objects.all()}
    shipped = {term["number"]: term for term in json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))["stellschrauben"]}
    for number, term in shipped.items():
        if number not in levers:
            if Lever.objects.filter(slug=term["slug"]).exists():
                continue
            levers[number] = Lever.objects.create(**term)
    existing = set(Indicator.objects.values_list("code", flat=True))
    for position, (number, code, title, question, levels) in enumerate(INDICATORS):
        if code in existing or number not in levers:
            continue
        Indicator.objects.create(
            lever=levers[number],
            code=code,
            title=title,
            question=question,
            sort_order=position,
            **{f"level_{n}": text for n, text in enumerate(levels)},
        )


def backwards(apps, schema_editor):
    apps.get_model("assessment", "Indicator").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0001_initial"),
        ("taxonomy", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
