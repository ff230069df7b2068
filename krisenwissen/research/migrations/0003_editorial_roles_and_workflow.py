"""Research projects: maintained by editors and moderators, moderated like practice examples.

Editors and moderators may add, change, delete, publish, lock and unlock them; changes by users
without the publish permission go through the workflow "Redaktionelle Freigabe" (see core.0002).
"""

from django.db import migrations

from krisenwissen.core.editorial import (
    assign_editorial_workflow,
    grant_editorial_permissions,
    unassign_editorial_workflow,
)

MODELS = ["researchproject"]


def forwards(apps, schema_editor):
    grant_editorial_permissions(apps, "research", MODELS)
    for model in MODELS:
        assign_editorial_workflow(apps, "research", model)


def backwards(apps, schema_editor):
    for model in MODELS:
        unassign_editorial_workflow(apps, "research", model)


class Migration(migrations.Migration):
    dependencies = [
        ("research", "0002_researchprojectliterature"),
        ("core", "0002_editorial_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
