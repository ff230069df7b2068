"""Guarded access to content types built by other apps (literature, assessment, interviews, …).

Recommendations, theme hubs and research projects link to records of apps that grow alongside
them. Rather than importing those models at module level (and failing while they do not exist),
the public pages ask here: each function returns a queryset of public records, or ``None`` when
the model or its table is not there, and the page simply leaves that section out.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection
from django.db.models import QuerySet

_tables_seen: set[str] = set()


def _model(app_label: str, model_name: str):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    table = model._meta.db_table
    if table not in _tables_seen:
        # A model whose migration has not run yet would fail at query time; only a confirmed
        # table is remembered, so a later migration is picked up without a restart.
        if table not in connection.introspection.table_names():
            return None
        _tables_seen.add(table)
    return model


def _public(model) -> QuerySet | None:
    if model is None:
        return None
    manager = model._default_manager
    if hasattr(manager, "public"):
        return manager.public()
    field_names = {f.name for f in model._meta.get_fields()}
    if "live" in field_names:
        return manager.filter(live=True)
    return manager.all()


def has_field(model_or_queryset, name: str) -> bool:
    model = getattr(model_or_queryset, "model", model_or_queryset)
    return any(f.name == name for f in model._meta.get_fields())


def literature_queryset() -> QuerySet | None:
    """Public records of the literature database (``Literature.objects.public()``), or ``None``."""
    return _public(_model("literature", "Literature"))


def indicator_queryset() -> QuerySet | None:
    """The self-assessment indicators (``assessment.Indicator``), or ``None``."""
    model = _model("assessment", "Indicator")
    return model._default_manager.all() if model is not None else None


def interview_queryset() -> QuerySet | None:
    """Public expert interviews, or ``None`` while the interviews app has no model."""
    return _public(_model("interviews", "Interview"))


def filter_by_term(queryset: QuerySet | None, relation: str, term) -> QuerySet | None:
    """``queryset`` restricted to records carrying ``term`` in ``relation``; ``None`` if it has no such field."""
    if queryset is None or not has_field(queryset, relation):
        return None
    return queryset.filter(**{relation: term}).distinct()


def ordered_newest(queryset: QuerySet) -> QuerySet:
    """Newest first by whatever date the model has (year, publication date, creation)."""
    for name in ("year", "published_at", "date", "first_published_at", "created_at"):
        if has_field(queryset, name):
            return queryset.order_by(f"-{name}", "-pk")
    return queryset.order_by("-pk")
