"""Changes go through the platform's editorial workflow "Redaktionelle Freigabe", as practices do."""

from django.db import migrations

from krisenwissen.core.editorial import assign_editorial_workflow, unassign_editorial_workflow


def forwards(apps, schema_editor):
    assign_editorial_workflow(apps, "interviews", "interview")


def backwards(apps, schema_editor):
    unassign_editorial_workflow(apps, "interviews", "interview")


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0002_editor_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
