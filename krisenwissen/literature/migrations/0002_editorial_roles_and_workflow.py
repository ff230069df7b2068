"""Editors and moderators maintain the literature database, moderated like practice examples.

Editors and moderators may add, change, delete, publish, lock and unlock records (and so use the
import, which needs ``add_literature``); changes by users without the publish permission go
through the workflow "Redaktionelle Freigabe" (see core.0002).
"""

from django.db import migrations

from krisenwissen.core.editorial import (
    assign_editorial_workflow,
    grant_editorial_permissions,
    unassign_editorial_workflow,
)


def forwards(apps, schema_editor):
    grant_editorial_permissions(apps, "literature", ["literature"])
    assign_editorial_workflow(apps, "literature", "literature")


def backwards(apps, schema_editor):
    unassign_editorial_workflow(apps, "literature", "literature")


class Migration(migrations.Migration):
    dependencies = [
        ("literature", "0001_initial"),
        ("core", "0002_editorial_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
