"""Records as CSL-JSON items (for exports, the API and citeproc-py)."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Literature, LiteratureCreator


def _date(parts: list[int]) -> dict:
    return {"date-parts": [parts]}


def to_item(literature: Literature, creators: Iterable[LiteratureCreator] | None = None) -> dict:
    """One record as a CSL-JSON item; ``creators`` saves a query when they were fetched in bulk."""
    item: dict = {"id": f"krisenwissen-{literature.pk}" if literature.pk else "krisenwissen-preview"}
    item["type"] = literature.csl_type or "document"
    pairs = {
        "title": literature.title,
        "title-short": literature.short_title,
        "container-title": literature.container_title,
        "collection-title": literature.collection_title,
        "publisher": literature.publisher,
        "publisher-place": literature.publisher_place,
        "volume": literature.volume,
        "issue": literature.issue,
        "page": literature.page,
        "edition": literature.edition,
        "number": literature.number,
        "DOI": literature.doi,
        "ISBN": literature.isbn,
        "ISSN": literature.issn,
        "URL": literature.url,
        "abstract": literature.abstract,
        "language": literature.language,
        "note": literature.note,
    }
    item.update({key: value for key, value in pairs.items() if value})
    if literature.keywords:
        item["keyword"] = ", ".join(literature.keywords)
    if literature.year:
        parts = [literature.year]
        if literature.month:
            parts.append(literature.month)
            if literature.day:
                parts.append(literature.day)
        item["issued"] = _date(parts)
    if literature.accessed:
        item["accessed"] = _date([literature.accessed.year, literature.accessed.month, literature.accessed.day])
    people = list(creators) if creators is not None else list(literature.creators.all())
    for role in ("author", "editor", "translator"):
        names = [c.as_csl() for c in people if c.role == role]
        if names:
            item[role] = names
    return item


def to_items(records: list[Literature]) -> list[dict]:
    """Many records with one query for all their creators."""
    by_id: dict[int, list[LiteratureCreator]] = {r.pk: [] for r in records}
    for creator in LiteratureCreator.objects.filter(literature_id__in=list(by_id)).order_by("sort_order", "pk"):
        by_id[creator.literature_id].append(creator)
    return [to_item(record, by_id[record.pk]) for record in records]
