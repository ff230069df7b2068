"""Editorial roles for submissions and their workflow, set up as data, not by hand.

Builds on ``core.0002_editorial_roles`` (groups "Editors" and "Moderators", workflow "Redaktionelle
Freigabe" for practices edited in the CMS) instead of duplicating it:

- **Editors** (redaktion: review, edit, publish) keep their practice permissions and may also
  look at submissions.
- **Reviewers** (new; Fachgutachtende: comment, approve) may open the CMS and see practices; the
  review task lets them into the editor of a practice while it waits for them.
- **Administrators** (new) manage everything editorial plus users and groups.

Submissions get their own workflow "Prüfung von Einreichungen": first "Fachliche Prüfung"
(Reviewers, Editors, Moderators: approve, request changes, decline with a reason), then
"Veröffentlichung durch die Redaktion" (Editors, Moderators), whose approval publishes. Practices
created in the CMS keep the existing workflow.
"""

from django.db import migrations

from krisenwissen.core.editorial import permission

WORKFLOW_NAME = "Prüfung von Einreichungen"
REVIEW_TASK = "Fachliche Prüfung"
PUBLISH_TASK = "Veröffentlichung durch die Redaktion"

TAXONOMY = ("theme", "crisistype", "phase", "innovationtype", "origin", "maturity", "actor", "targetgroup", "lever")
PERMISSIONS = {
    "Editors": {
        ("wagtailadmin", "admin"): ["access"],
        ("contributions", "submission"): ["view", "change"],
        ("practices", "practice"): ["view"],
    },
    "Moderators": {
        ("wagtailadmin", "admin"): ["access"],
        ("contributions", "submission"): ["view", "change"],
        ("practices", "practice"): ["view"],
    },
    "Reviewers": {
        ("wagtailadmin", "admin"): ["access"],
        ("practices", "practice"): ["view"],
        ("contributions", "submission"): ["view"],
    },
    "Administrators": {
        ("wagtailadmin", "admin"): ["access"],
        ("practices", "practice"): ["add", "change", "delete", "view", "publish", "lock", "unlock"],
        ("contributions", "submission"): ["add", "change", "delete", "view"],
        ("places", "place"): ["add", "change"],
        ("auth", "user"): ["add", "change", "delete", "view"],
        ("auth", "group"): ["add", "change", "delete", "view"],
        ("wagtailcore", "workflow"): ["add", "change", "delete"],
        ("wagtailcore", "task"): ["add", "change", "delete"],
        **{("taxonomy", model): ["add", "change", "delete"] for model in TAXONOMY},
    },
}


def review_task(apps, name, groups):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReviewTask = apps.get_model("contributions", "ContributionReviewTask")
    ct, _ = ContentType.objects.get_or_create(app_label="contributions", model="contributionreviewtask")
    task = ReviewTask.objects.filter(name=name).first()
    if task is None:
        task = ReviewTask.objects.create(name=name, content_type=ct, active=True)
    task.groups.add(*groups)
    return task


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PERMISSIONS}
    for name, grants in PERMISSIONS.items():
        for (app_label, model), actions in grants.items():
            for action in actions:
                groups[name].permissions.add(permission(apps, app_label, model, action))

    review = review_task(apps, REVIEW_TASK, [groups["Reviewers"], groups["Editors"], groups["Moderators"]])
    publish = review_task(apps, PUBLISH_TASK, [groups["Editors"], groups["Moderators"]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.update_or_create(workflow=workflow, task=review, defaults={"sort_order": 0})
    WorkflowTask.objects.update_or_create(workflow=workflow, task=publish, defaults={"sort_order": 1})


def backwards(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("core", "0002_editorial_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
