"""News, events and training offers: maintained by editors and moderators, moderated like practice examples.

Editors and moderators may add, change, delete, publish, lock and unlock them; changes by users
without the publish permission go through the workflow "Redaktionelle Freigabe" (see core.0002).
The audience vocabulary gets add and change, like the other vocabularies.
"""

from django.db import migrations

from krisenwissen.core.editorial import (
    assign_editorial_workflow,
    grant_editorial_permissions,
    unassign_editorial_workflow,
)

MODELS = ["newsitem", "event", "trainingoffer"]


def forwards(apps, schema_editor):
    grant_editorial_permissions(apps, "news", MODELS)
    grant_editorial_permissions(apps, "news", ["audience"], actions=("add", "change"))
    for model in MODELS:
        assign_editorial_workflow(apps, "news", model)


def backwards(apps, schema_editor):
    for model in MODELS:
        unassign_editorial_workflow(apps, "news", model)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_audiences"),
        ("core", "0002_editorial_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
