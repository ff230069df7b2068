"""Editorial roles and the moderation workflow for practice examples, set up as data, not by hand.

Permissions for new models normally appear only after ``migrate`` finishes (post_migrate), so this
migration creates the rows it needs itself; Django and Wagtail skip them later as existing.
"""

from django.db import migrations

from krisenwissen.core.editorial import EDITORIAL_WORKFLOW, permission

EDITOR_PERMISSIONS = {
    ("practices", "practice"): ["add", "change", "delete", "publish", "lock", "unlock"],
    ("places", "place"): ["add", "change"],
    **{
        ("taxonomy", model): ["add", "change"]
        for model in (
            "theme",
            "crisistype",
            "phase",
            "innovationtype",
            "origin",
            "maturity",
            "actor",
            "targetgroup",
            "lever",
        )
    },
}
WORKFLOW_NAME = EDITORIAL_WORKFLOW
TASK_NAME = "Freigabe durch die Moderation"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for (app_label, model), actions in EDITOR_PERMISSIONS.items():
        for action in actions:
            perm = permission(apps, app_label, model, action)
            editors.permissions.add(perm)
            moderators.permissions.add(perm)

    task_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_ct, active=True)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    practice_ct, _ = ContentType.objects.get_or_create(app_label="practices", model="practice")
    WorkflowContentType.objects.update_or_create(content_type=practice_ct, defaults={"workflow": workflow})


def backwards(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(content_type__app_label="practices", content_type__model="practice").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("practices", "0001_initial"),
        ("places", "0001_initial"),
        ("taxonomy", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
