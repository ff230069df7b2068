"""GDPR: export everything a workspace holds as JSON, and delete it without leaving a row or file.

"Everything a workspace holds" is found generically, so the models of the reflection and
assessment apps (and any future app) are included without registering them: starting at the
workspace, :func:`owned_objects` follows every reverse foreign key whose ``on_delete`` is
``CASCADE`` — exactly the rows that deleting the workspace removes — plus generic relations such as
tags. Rows that merely point at workspace data with ``SET_NULL`` (e.g. a public practice submission
made from a card) are not workspace data and are neither exported nor deleted.
"""

import json
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .models import AuditEvent, Workspace

EXPORT_FORMAT = "krisenwissen-reflexionsraum-export"
EXPORT_VERSION = 1
#: fields never exported (secrets, even hashed)
SECRET_FIELDS = {"token_hash", "password"}


class DeletionError(Exception):
    """The workspace could not be deleted; the message is German."""


def _owned_relations(model):
    for relation in model._meta.related_objects:
        if relation.many_to_many or relation.related_model._meta.auto_created:
            continue  # many-to-many values are exported with the row that holds the field
        if relation.on_delete is models.CASCADE:
            yield relation


def owned_objects(workspace: Workspace) -> dict[type[models.Model], list[models.Model]]:
    """Every row that belongs to ``workspace`` (including the workspace itself), grouped by model."""
    found: dict[type[models.Model], dict] = defaultdict(dict)
    found[Workspace][workspace.pk] = workspace
    queue = [(Workspace, [workspace])]
    while queue:
        model, instances = queue.pop(0)
        pks = [obj.pk for obj in instances]
        for relation in _owned_relations(model):
            related = relation.related_model
            target = relation.field.target_field.attname
            values = [getattr(obj, target) for obj in instances] if target != model._meta.pk.attname else pks
            new = []
            for chunk_start in range(0, len(values), 500):
                chunk = values[chunk_start : chunk_start + 500]
                rows = related._base_manager.filter(**{f"{relation.field.name}__in": chunk})
                # many-to-many values are serialized with each row: fetch them in one query per field
                rows = rows.prefetch_related(*[f.name for f in related._meta.many_to_many])
                for obj in rows:
                    if obj.pk not in found[related]:
                        found[related][obj.pk] = obj
                        new.append(obj)
            if new:
                queue.append((related, new))
        for field in model._meta.private_fields:
            if hasattr(field, "bulk_related_objects"):  # GenericRelation, taggit's TaggableManager
                related_qs = field.bulk_related_objects(instances)
                new = [obj for obj in related_qs if obj.pk not in found[type(obj)]]
                for obj in new:
                    found[type(obj)][obj.pk] = obj
                if new:
                    queue.append((type(new[0]), new))
    return {model: list(rows.values()) for model, rows in found.items() if rows}


def _file_names(objects_by_model) -> list[tuple[object, str]]:
    files = []
    for model, objects in objects_by_model.items():
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for obj in objects:
            for field in file_fields:
                value = getattr(obj, field.attname)
                if value:
                    files.append((field.storage, str(value)))
    return files


def export_data(workspace: Workspace) -> dict:
    """All rows of the workspace as a JSON-ready dict: ``{"data": {"app.model": [{pk, fields}, …]}}``."""
    objects_by_model = owned_objects(workspace)
    data = {}
    for model in sorted(objects_by_model, key=lambda m: m._meta.label_lower):
        rows = serializers.serialize("python", sorted(objects_by_model[model], key=lambda o: str(o.pk)))
        for row in rows:
            row.pop("model", None)
            for name in SECRET_FIELDS & row["fields"].keys():
                row["fields"].pop(name)
        data[model._meta.label_lower] = rows
    members = [
        {
            "name": m.user.get_full_name(),
            "email": m.user.email,
            "role": m.role,
            "department": m.department,
            "joined_at": m.joined_at,
        }
        for m in workspace.memberships.select_related("user").order_by("joined_at")
    ]
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now(),
        "workspace": {
            "name": workspace.name,
            "slug": workspace.slug,
            "municipality": str(workspace.place),
            "municipality_key": workspace.place.key,
        },
        "members": members,
        "files": [name for _storage, name in _file_names(objects_by_model)],
        "data": data,
    }


def export_json(workspace: Workspace, *, actor=None, request=None) -> str:
    payload = json.dumps(export_data(workspace), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    audit.record(
        AuditEvent.Action.EXPORTED,
        workspace=workspace,
        actor=actor,
        summary=_("Export aller Daten (JSON)"),
        request=request,
    )
    return payload


def delete_workspace(workspace: Workspace, *, actor=None, request=None) -> int:
    """Delete the workspace with every row and file that belongs to it; returns the number of rows.

    Files are removed after the transaction commits, so a failed deletion leaves them in place.
    One platform-internal audit entry (without workspace) records that it happened and who did it.
    """
    from wagtail.models import ModelLogEntry

    objects_by_model = owned_objects(workspace)
    files = _file_names(objects_by_model)
    row_count = sum(len(rows) for rows in objects_by_model.values())
    name, slug, place = workspace.name, workspace.slug, str(workspace.place)
    try:
        with transaction.atomic():
            ModelLogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Workspace), object_id=str(workspace.pk)
            ).delete()
            workspace.delete()
            audit.record(
                AuditEvent.Action.WORKSPACE_DELETED,
                actor=actor,
                summary=_("„%(name)s“ (%(slug)s, %(place)s) mit %(rows)s Datensätzen und %(files)s Dateien gelöscht")
                % {"name": name, "slug": slug, "place": place, "rows": row_count, "files": len(files)},
                request=request,
            )

            def remove_files():
                for storage, file_name in files:
                    storage.delete(file_name)

            transaction.on_commit(remove_files)
    except (ProtectedError, RestrictedError) as exc:
        raise DeletionError(
            _("Der Arbeitsbereich kann nicht gelöscht werden, weil andere Daten auf ihn verweisen: %(what)s")
            % {"what": ", ".join(sorted({o._meta.verbose_name for o in exc.args[1]}))[:300]}
        ) from exc
    return row_count
