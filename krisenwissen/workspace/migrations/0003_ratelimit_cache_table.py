"""The database table behind the ``ratelimit`` cache when no Redis is configured.

Rate limits and failed-login counters must be shared by every worker process; without REDIS_URL
they live in Django's database cache (see settings.CACHES), whose table ``migrate`` creates here so
``make run`` needs no extra ``createcachetable`` step. Idempotent: existing tables are skipped.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("workspace", "0002_workspace_is_demo_auditevent_invitation")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop, elidable=True)]
