"""Editors and moderators maintain this section in the CMS like practice examples (see core.0002)."""

from django.db import migrations

MODELS = ["interview"]
ACTIONS = ["add", "change", "delete", "publish", "lock", "unlock"]
GROUPS = ["Editors", "Moderators"]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    groups = [Group.objects.get_or_create(name=name)[0] for name in GROUPS]
    for model in MODELS:
        ct, _ = ContentType.objects.get_or_create(app_label="interviews", model=model)
        for action in ACTIONS:
            perm, _ = Permission.objects.get_or_create(
                content_type=ct, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            for group in groups:
                group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0001_initial"),
        ("core", "0002_editorial_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
