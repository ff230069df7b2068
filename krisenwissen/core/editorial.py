"""Editorial roles and moderation as data: the functions the apps' data migrations call.

``core.0002_editorial_roles`` creates the groups "Editors" and "Moderators" and the workflow
"Redaktionelle Freigabe" (one task: approval by the moderators). Every content type that editors
maintain in the CMS gets the same permissions and, if it can be moderated (``WorkflowMixin``),
the same workflow, through a data migration of its own app that calls these functions with the
historical ``apps`` registry (most simply as the one operation :func:`editorial_setup`).
Nothing here imports models directly, so the functions keep working for migrations written
against older states of the models.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.migrations import RunPython

EDITORIAL_GROUPS = ("Editors", "Moderators")
EDITORIAL_ACTIONS = ("add", "change", "delete", "publish", "lock", "unlock")
#: Created by core.0002_editorial_roles; editors may rename it in the CMS (it is looked up by name
#: only when a migration assigns it, so a renamed workflow is simply not assigned again).
EDITORIAL_WORKFLOW = "Redaktionelle Freigabe"


def permission(apps, app_label: str, model: str, action: str):
    """The permission ``<action>_<model>`` (created with its content type if it does not exist yet)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
    )
    return perm


def grant_editorial_permissions(
    apps, app_label: str, models: Iterable[str], actions: Iterable[str] = EDITORIAL_ACTIONS
) -> None:
    """Give the editorial groups the permissions on these models (creating missing rows).

    Permissions for new models normally appear only after ``migrate`` finishes (post_migrate);
    creating them here lets the same migration run grant them. Django skips them later.
    """
    Group = apps.get_model("auth", "Group")
    groups = [Group.objects.get_or_create(name=name)[0] for name in EDITORIAL_GROUPS]
    actions = tuple(actions)
    for model in models:
        for action in actions:
            perm = permission(apps, app_label, model, action)
            for group in groups:
                group.permissions.add(perm)


def assign_editorial_workflow(apps, app_label: str, model: str) -> None:
    """Moderate this snippet model with the platform's editorial workflow (if it still exists)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=EDITORIAL_WORKFLOW).first()
    if workflow is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


def unassign_editorial_workflow(apps, app_label: str, model: str) -> None:
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(content_type__app_label=app_label, content_type__model=model).delete()


def editorial_setup(
    app_label: str,
    models: Iterable[str],
    *,
    vocabularies: Iterable[str] = (),
    permissions: bool = True,
    workflow: bool = True,
) -> RunPython:
    """The migration operation that makes these models editorial content.

    ``permissions``: the editorial groups get every action on ``models`` and add/change on
    ``vocabularies``; ``workflow``: ``models`` are moderated by the editorial workflow (undone
    when the migration is reversed; permissions stay, as Django's own do).
    """
    models, vocabularies = tuple(models), tuple(vocabularies)

    def forwards(apps, schema_editor):
        if permissions:
            grant_editorial_permissions(apps, app_label, models)
            grant_editorial_permissions(apps, app_label, vocabularies, actions=("add", "change"))
        if workflow:
            for model in models:
                assign_editorial_workflow(apps, app_label, model)

    def backwards(apps, schema_editor):
        if workflow:
            for model in models:
                unassign_editorial_workflow(apps, app_label, model)

    return RunPython(forwards, backwards)
