"""Shared helpers for the open-data wiring of the editorial snippets (research, news, publications).

The snippets share one base (:class:`krisenwissen.research.editorial.EditorialSnippet`), so they
share how their API is revalidated (:func:`snippet_freshness`), how a record reads in chunks
(:func:`public_rows`) and a few schema.org helpers. Each app's ``open_data.py`` does the rest.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator

from django.db import models
from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from krisenwissen.api.conventions import Freshness

#: Rows read per query while streaming an export.
EXPORT_CHUNK = 500

_first_seen: dict[tuple, datetime.datetime] = {}


def model_state(model: type[models.Model], changed_field: str = "updated_at") -> tuple:
    """Cheap aggregates that move on every add, save, publish, unpublish and delete of ``model``."""
    agg = model._default_manager.aggregate(
        n=Count("pk"),
        newest=Max(changed_field),
        max_id=Max("pk"),
        drafts=Count("pk", filter=Q(live=False)),
        draft_ids=Sum("pk", filter=Q(live=False)),
    )
    return (agg["n"], str(agg["newest"]), agg["max_id"], agg["drafts"], int(agg["draft_ids"] or 0)), agg["newest"]


def snippet_freshness(
    model: type[models.Model],
    *,
    dated: bool = False,
    depends_on: Iterable[tuple[type[models.Model], str]] = (),
) -> Callable[[], Freshness]:
    """A freshness function (``register_freshness``) for the API of an editorial snippet.

    ``dated``: the answer depends on today's date (project status, upcoming/past events), so the
    date is part of the fingerprint. ``depends_on``: further models (with their "changed" field)
    whose state the answer shows, e.g. the published literature a research project links to.
    A fingerprint this process has not seen before dates ``Last-Modified`` to the moment it was
    first seen (never earlier than the newest change), so a deletion also moves it.
    """

    def freshness() -> Freshness:
        parts, newest = model_state(model)
        fingerprint: tuple = (model._meta.label, *parts)
        for other, field_name in depends_on:
            other_parts, other_newest = model_state(other, field_name)
            fingerprint += (other._meta.label, *other_parts)
            if other_newest and (newest is None or other_newest > newest):
                newest = other_newest
        if dated:
            fingerprint += (timezone.localdate().isoformat(),)
        return dated_freshness(fingerprint, newest)

    return freshness


def dated_freshness(fingerprint: tuple, newest: datetime.datetime | None) -> Freshness:
    key = fingerprint[0]
    seen_for_model = {fp: when for fp, when in _first_seen.items() if fp[0] == key}
    if not seen_for_model:
        _first_seen[fingerprint] = newest or timezone.now()
    seen = _first_seen.setdefault(fingerprint, timezone.now())
    if len(_first_seen) > 256:
        _first_seen.clear()
        _first_seen[fingerprint] = seen
    last_modified = max(filter(None, (newest, seen)))
    return Freshness(fingerprint="|".join(map(str, fingerprint)), last_modified=last_modified)


def public_rows(queryset: models.QuerySet, *prefetch: str) -> Iterator[models.Model]:
    """The published rows of ``queryset`` in primary-key order, read in chunks (flat memory)."""
    rows = queryset.public().order_by("pk")
    if prefetch:
        rows = rows.prefetch_related(*prefetch)
    yield from rows.iterator(chunk_size=EXPORT_CHUNK)


def url_template(name: str) -> str:
    """The German address pattern of a slug URL, reversed once instead of once per row."""
    with translation.override("de"):
        return reverse(name, kwargs={"slug": "SLUG-PLACEHOLDER"})


def absolute_url(base_url: str, template: str, slug: str) -> str:
    return base_url.rstrip("/") + template.replace("SLUG-PLACEHOLDER", slug)


def term_slugs(obj, relation: str) -> list[str]:
    return sorted(term.slug for term in getattr(obj, relation).all())


def lever_numbers(obj) -> list[int]:
    return sorted(lever.number for lever in obj.levers.all())


def plain(html: str) -> str:
    """Rich text as plain text (for CSV and JSON-LD ``text``)."""
    return " ".join(strip_tags(html or "").split())


def iso(value) -> str | None:
    return value.isoformat() if value else None


def detail_url(request, obj) -> str:
    """The absolute German address of ``obj`` (the canonical one the sitemap lists too)."""
    with translation.override("de"):
        return request.build_absolute_uri(obj.get_absolute_url())


def keywords(obj, *relations: str) -> list[str]:
    return [term.name_de for relation in relations for term in getattr(obj, relation).all()]


def demo_status(node: dict, obj) -> dict:
    if getattr(obj, "is_demo", False):
        node["creativeWorkStatus"] = "Demo"
    return node
