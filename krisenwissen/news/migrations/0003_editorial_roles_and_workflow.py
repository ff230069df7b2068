"""News, events and training offers: maintained by editors and moderators, moderated like practice examples.

Editors and moderators may add, change, delete, publish, lock and unlock them;
changes by users without the publish permission go through the workflow "Redaktionelle
Freigabe" (see core.0002 and core/editorial.py).
The audience vocabulary gets add and change, like the other vocabularies.
"""

from django.db import migrations

from krisenwissen.core.editorial import editorial_setup


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_audiences"),
        ("core", "0002_editorial_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [editorial_setup("news", ["newsitem", "event", "trainingoffer"], vocabularies=["audience"])]
