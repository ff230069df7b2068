"""Exports of one record, a selection or a filtered list as RIS, BibTeX, CSL-JSON or CSV."""

from __future__ import annotations

from django.http import HttpResponse

from .csl import to_items
from .formats import FILE_SUFFIXES, MEDIA_TYPES, dumps, normalise_format
from .models import Literature

#: The most records one export contains (the whole real corpus fits ten times).
MAX_EXPORT = 50_000
CHUNK = 2000


def items_for_ids(ids: list[int]) -> list[dict]:
    """CSL items of the published records with these ids, in the given order."""
    items_by_id = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        records = list(Literature.objects.public().filter(pk__in=chunk))
        for record, item in zip(records, to_items(records)):
            items_by_id[record.pk] = item
    return [items_by_id[pk] for pk in ids if pk in items_by_id]


def export_response(ids: list[int], fmt: str, filename: str) -> HttpResponse:
    fmt = normalise_format(fmt)
    body = dumps(items_for_ids(ids[:MAX_EXPORT]), fmt)
    media_type = MEDIA_TYPES[fmt]
    response = HttpResponse(body.encode("utf-8"), content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{FILE_SUFFIXES[fmt]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
