"""Editors and moderators maintain this section in the CMS like practice examples (see core.0002)."""

from django.db import migrations

from krisenwissen.core.editorial import editorial_setup


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("core", "0002_editorial_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [editorial_setup("surveys", ["survey"], workflow=False)]
