"""Changes go through the platform's editorial workflow "Redaktionelle Freigabe", as practices do."""

from django.db import migrations

from krisenwissen.core.editorial import editorial_setup


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0002_editor_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [editorial_setup("interviews", ["interview"], permissions=False)]
