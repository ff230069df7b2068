"""GDPR: export of all workspace data as JSON, deletion of the workspace with every row and file.

The data comes from every app's matrix populator (reflections, boards, cards, ideas, measures,
assessments, scores, memberships, invitations, audit entries), each row marked with its
workspace's canary text. Independently of the exporter's own walk, the tests scan every text
column of every model for the canary, so a model the exporter missed would show up.
"""

import json
import secrets

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.urls import reverse

from krisenwissen.workspace import gdpr
from krisenwissen.workspace.models import AuditEvent, Role, Workspace
from tests.factories import PlaceFactory

from .helpers import login, make_member
from .test_authorization_matrix import (
    POPULATORS,  # the registry with every app's populator
    make_workspace,
)


def rows_containing(text: str) -> dict[str, set]:
    """Every row in the database (accounts excepted) with ``text`` in a text column: label → pks."""
    found = {}
    for model in apps.get_models():
        if model is get_user_model():
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.is_relation
        ]
        if not fields:
            continue
        query = Q()
        for name in fields:
            query |= Q(**{f"{name}__contains": text})
        pks = set(model._base_manager.filter(query).values_list("pk", flat=True))
        if pks:
            found[model._meta.label_lower] = pks
    return found


@pytest.fixture
def filled(db):
    from krisenwissen.taxonomy.services import load_taxonomy

    load_taxonomy()
    try:
        from krisenwissen.assessment.services import ensure_questionnaire
    except ImportError:
        pass
    else:
        ensure_questionnaire()
    canaries = {"a": f"kanariea{secrets.token_hex(4)}", "b": f"kanarieb{secrets.token_hex(4)}"}
    workspaces = {}
    for key, canary in canaries.items():
        workspace = make_workspace(f"Stadt {canary}", place=PlaceFactory())
        for populate in POPULATORS:
            populate(workspace, canary)
        workspaces[key] = workspace
    admin = make_member(workspaces["a"], Role.ADMIN)
    return {"canaries": canaries, "workspaces": workspaces, "admin": admin}


def test_the_export_holds_every_row_of_the_workspace_from_every_app(client, filled):
    canary_a, canary_b = filled["canaries"]["a"], filled["canaries"]["b"]
    workspace = filled["workspaces"]["a"]
    login(client, filled["admin"], second_factor=True)

    response = client.post(reverse("workspace:export", args=[workspace.slug]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    export = json.loads(text)
    assert export["workspace"]["slug"] == workspace.slug
    exported = {label: {row["pk"] for row in rows} for label, rows in export["data"].items()}
    expected = rows_containing(canary_a)
    assert expected, "the populators created no canary rows"
    for label, pks in expected.items():
        assert pks <= exported.get(label, set()), f"{label}: rows {pks - exported.get(label, set())} missing"
    assert canary_b not in text
    assert "token_hash" not in text and "pbkdf2" not in text and "md5$" not in text
    assert {m["email"] for m in export["members"]} >= {filled["admin"].email}
    assert AuditEvent.objects.filter(workspace=workspace, action="exported").exists()


def test_only_admins_export(client, filled):
    workspace = filled["workspaces"]["a"]
    login(client, make_member(workspace, Role.MODERATOR))
    response = client.post(reverse("workspace:export", args=[workspace.slug]))
    assert response.status_code == 403
    assert filled["canaries"]["a"] not in response.content.decode()


def test_deleting_the_workspace_leaves_no_row_behind_and_keeps_the_other(client, filled):
    canary_a, canary_b = filled["canaries"]["a"], filled["canaries"]["b"]
    workspace = filled["workspaces"]["a"]
    other_before = rows_containing(canary_b)
    owned_before = {m._meta.label_lower: {o.pk for o in objs} for m, objs in gdpr.owned_objects(workspace).items()}
    login(client, filled["admin"], second_factor=True)

    wrong = client.post(reverse("workspace:delete", args=[workspace.slug]), {"confirm": "falsch"})
    assert wrong.status_code == 200 and "nichts gelöscht" in wrong.content.decode()
    assert Workspace.objects.filter(pk=workspace.pk).exists()

    response = client.post(reverse("workspace:delete", args=[workspace.slug]), {"confirm": workspace.slug})

    assert response.status_code == 302
    assert not Workspace.objects.filter(pk=workspace.pk).exists()
    left = rows_containing(canary_a)
    record = AuditEvent.objects.get(action="workspace_deleted")
    assert record.workspace is None and record.actor == filled["admin"]
    assert left == {"workspace.auditevent": {record.pk}}, f"rows left behind: {left}"
    for label, pks in owned_before.items():
        model = apps.get_model(label)
        assert not model._base_manager.filter(pk__in=pks).exists(), f"{label} rows survived"
    assert rows_containing(canary_b) == other_before
    # the people keep their accounts
    assert get_user_model().objects.filter(pk=filled["admin"].pk).exists()


def test_files_of_the_workspace_are_removed_after_the_deletion_commits(
    filled, monkeypatch, django_capture_on_commit_callbacks
):
    workspace = filled["workspaces"]["a"]
    name = default_storage.save("reflexionsraum/anhang.txt", ContentFile(b"Anhang"))
    monkeypatch.setattr(gdpr, "_file_names", lambda objects: [(default_storage, name)])

    with django_capture_on_commit_callbacks(execute=True):
        gdpr.delete_workspace(workspace)

    assert not default_storage.exists(name)


def test_deleting_is_for_admins_only(client, filled):
    workspace = filled["workspaces"]["a"]
    login(client, make_member(workspace, Role.MODERATOR))
    assert (
        client.post(reverse("workspace:delete", args=[workspace.slug]), {"confirm": workspace.slug}).status_code == 403
    )
    assert Workspace.objects.filter(pk=workspace.pk).exists()
