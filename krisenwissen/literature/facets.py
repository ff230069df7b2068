"""Faceted browsing of published literature, with the bitset engine of the practices list.

The index (one bit per published record and facet value, sort orders as arrays) is built from a
handful of queries and kept per process; every request compares a cheap fingerprint of the
table with the one the index was built from and rebuilds on a mismatch. The bit operations,
the vocabularies cache and the helpers are those of :mod:`krisenwissen.practices.facets`; what
differs is the set of fields (type, category, year, language, themes, crisis types, target
groups, levers) and the sort orders (newest, title, first author).

Values of one field combine with OR, fields with AND; the count shown for a value is the number
of records matching the selections of all other fields and that value.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from django.db import connection
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from krisenwissen.practices.facets import (
    FieldIndex,
    ProcessIndexCache,
    _fetch_rows,
    _int_pairs,
    _words,
    cross_filtered_counts,
    load_vocabularies,
    normalise_query,
    pack_rows,
    sort_key,
    term_label,
    unpack,
)

from .models import CslType, DocumentCategory, Literature

#: URL/API name → vocabulary name in :func:`load_vocabularies` and field on the model.
TERM_FIELDS = {
    "themes": ("themes", "themes"),
    "crisis_types": ("crisis_types", "crisis_types"),
    "target_groups": ("target_groups", "target_groups"),
    "stellschrauben": ("stellschrauben", "levers"),
}
FACET_FIELDS: tuple[str, ...] = ("type", "category", "year", "language", *TERM_FIELDS)
FACET_LABELS = {
    "type": _("Publikationstyp"),
    "category": _("Dokumentkategorie"),
    "year": _("Erscheinungsjahr"),
    "language": _("Sprache"),
    "themes": _("Schwerpunktthemen"),
    "crisis_types": _("Krisenarten"),
    "target_groups": _("Zielgruppen"),
    "stellschrauben": _("Stellschrauben"),
}
SORTS = ("newest", "title", "author")
DEFAULT_SORT = "newest"
SORT_LABELS = {"newest": _("Neueste zuerst"), "title": _("Titel (A–Z)"), "author": _("Autor:in (A–Z)")}
LANGUAGE_LABELS = {
    "de": _("Deutsch"),
    "en": _("Englisch"),
    "fr": _("Französisch"),
    "nl": _("Niederländisch"),
    "pl": _("Polnisch"),
    "el": _("Griechisch"),
    "sv": _("Schwedisch"),
    "it": _("Italienisch"),
    "es": _("Spanisch"),
    "pt": _("Portugiesisch"),
    "da": _("Dänisch"),
    "fi": _("Finnisch"),
    "cs": _("Tschechisch"),
    "hu": _("Ungarisch"),
    "no": _("Norwegisch"),
    "ru": _("Russisch"),
}


@dataclass(frozen=True)
class FacetQuery:
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    q: str = ""
    sort: str = DEFAULT_SORT
    offset: int = 0
    limit: int = 20


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    total: int
    ids_page: list[int]
    facets: dict[str, list[FacetCount]]
    has_demo: bool
    query: FacetQuery
    #: every matching id in list order (for "export the filtered list")
    all_ids: list[int] | None = None


@dataclass
class LiteratureIndex:
    fingerprint: tuple
    built_at: float
    ids: np.ndarray
    fields: dict[str, FieldIndex]
    demo: np.ndarray
    everything: np.ndarray
    orders: dict[str, np.ndarray]

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def words(self) -> int:
        return _words(self.n)

    def mask_for_ids(self, ids: Iterable[int]) -> np.ndarray:
        wanted = np.fromiter(ids, dtype=np.int64)
        flags = np.zeros(self.n, dtype=bool)
        if len(wanted) and self.n:
            pos = np.clip(np.searchsorted(self.ids, wanted), 0, self.n - 1)
            flags[pos[self.ids[pos] == wanted]] = True
        return pack_rows(flags.reshape(1, -1))[0]


def read_fingerprint() -> tuple:
    table = connection.ops.quote_name(Literature._meta.db_table)
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {table}), (SELECT MAX(updated_at) FROM {table}), "  # noqa: S608
        f"(SELECT MAX(id) FROM {table}), COUNT(*), SUM(id) FROM {table} WHERE live = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [False])
        rows, last_update, max_id, drafts, draft_sum = cursor.fetchone()
    return (connection.alias, rows, str(last_update), max_id, drafts, int(draft_sum or 0))


def build_index(fingerprint: tuple) -> LiteratureIndex:
    columns = ("id", "title", "year", "csl_type", "document_category", "language", "is_demo", "author_key")
    records = _fetch_rows(Literature.objects.public().order_by("id").values_list(*columns))
    n = len(records)
    column = dict(zip(columns, zip(*records))) if n else dict.fromkeys(columns, ())
    ids = np.array(column["id"], dtype=np.int64)
    rows = np.arange(n)
    fields: dict[str, FieldIndex] = {}
    for name, source in (("type", "csl_type"), ("category", "document_category"), ("language", "language")):
        values = np.array(column[source] or [""], dtype=object)[:n]
        present = values != ""
        fields[name] = FieldIndex.build(n, rows[present], values[present].astype(str))
    years = np.array([y or 0 for y in column["year"]] or [0], dtype=np.int64)[:n]
    present = years > 0
    fields["year"] = FieldIndex.build(n, rows[present], years[present])
    for name, (_vocabulary, model_field_name) in TERM_FIELDS.items():
        model_field = Literature._meta.get_field(model_field_name)
        source, target = f"{model_field.m2m_field_name()}_id", f"{model_field.m2m_reverse_field_name()}_id"
        record_ids, term_ids = _int_pairs(
            _fetch_rows(model_field.remote_field.through.objects.values_list(source, target))
        )
        if n and len(record_ids):
            pos = np.clip(np.searchsorted(ids, record_ids), 0, n - 1)
            live = ids[pos] == record_ids
            fields[name] = FieldIndex.build(n, pos[live], term_ids[live])
        else:
            fields[name] = FieldIndex.build(n, rows[:0], np.zeros(0, dtype=np.int64))

    title_keys = [sort_key(t) for t in column["title"]]
    title_order = np.array(sorted(range(n), key=lambda i: (title_keys[i], i)), dtype=np.int64)
    title_rank = np.empty(n, dtype=np.int64)
    title_rank[title_order] = np.arange(n)
    authors = list(column["author_key"])
    # Records without an author sort after those with one.
    author_order = np.array(
        sorted(range(n), key=lambda i: (authors[i] == "", authors[i], title_keys[i], i)), dtype=np.int64
    )
    newest = np.lexsort((ids, title_rank, -years)) if n else np.zeros(0, dtype=np.int64)
    demo = np.array(column["is_demo"], dtype=bool)
    return LiteratureIndex(
        fingerprint=fingerprint,
        built_at=time.monotonic(),
        ids=ids,
        fields=fields,
        demo=pack_rows(demo.reshape(1, -1))[0],
        everything=pack_rows(np.ones((1, n), dtype=bool))[0],
        orders={"newest": newest, "title": title_order, "author": author_order},
    )


_cache = ProcessIndexCache(
    lambda fingerprint: build_index(fingerprint),
    lambda: read_fingerprint(),
    "LITERATURE_FACET_INDEX_MAX_AGE",
)


def current_index() -> LiteratureIndex:
    return _cache.current()


def reset_index() -> None:
    _cache.reset()


def match_text(q: str) -> list[int]:
    """Ids of published records whose title, container or first author contain every word."""
    words = normalise_query(q).split()
    qs = Literature.objects.public()
    for word in words:
        qs = qs.filter(
            Q(title__icontains=word) | Q(container_title__icontains=word) | Q(author_key__icontains=word.lower())
        )
    return list(qs.values_list("id", flat=True))


class LiteratureBrowser:
    def __init__(self, index: LiteratureIndex, terms: dict):
        self.index = index
        self.terms = {name: terms[vocabulary] for name, (vocabulary, _f) in TERM_FIELDS.items()}

    @classmethod
    def current(cls) -> LiteratureBrowser:
        return cls(current_index(), load_vocabularies())

    def clean_filters(self, raw: Mapping[str, Iterable[str]]) -> tuple[dict[str, tuple[str, ...]], list]:
        """Known values per field (deduplicated) and the unknown ones as (field, value)."""
        cleaned: dict[str, list[str]] = {}
        unknown = []
        for name in FACET_FIELDS:
            for raw_value in raw.get(name, ()) or ():
                value = str(raw_value).strip()
                if not value or value in cleaned.get(name, ()):
                    continue
                if self._is_known(name, value):
                    cleaned.setdefault(name, []).append(value)
                else:
                    unknown.append((name, value))
        return {k: tuple(v) for k, v in cleaned.items()}, unknown

    def _is_known(self, name: str, value: str) -> bool:
        if name in self.terms:
            return value in self.terms[name]
        if name == "type":
            return value in CslType.values
        if name == "category":
            return value in DocumentCategory.values
        if name == "year":
            return value.isdigit() and len(value) <= 4
        if name == "language":
            return len(value) <= 20
        return False

    def _key(self, name: str, value: str):
        if name in self.terms:
            term = self.terms[name].get(value)
            return term.pk if term else None
        if name == "year":
            return int(value)
        return value

    def search(self, query: FacetQuery, *, with_all_ids: bool = False) -> FacetResult:
        index = self.index
        base = index.everything
        q = normalise_query(query.q)
        if q:
            base = base & index.mask_for_ids(match_text(q))
        selections = {}
        for name in FACET_FIELDS:
            values = query.filters.get(name) or ()
            if values:
                selections[name] = index.fields[name].mask([self._key(name, v) for v in values], index.words)
        everything_selected, counts = cross_filtered_counts(index.fields, base, selections, FACET_FIELDS)
        facets = {name: self._values(name, counts[name], query.filters.get(name) or ()) for name in FACET_FIELDS}
        total = int(np.bitwise_count(everything_selected).sum())
        flags = unpack(everything_selected, index.n)
        order = index.orders.get(query.sort, index.orders[DEFAULT_SORT])
        ordered = order[flags[order]]
        offset = max(0, min(int(query.offset), total))
        page_rows = ordered[offset : offset + max(0, int(query.limit))]
        return FacetResult(
            total=total,
            ids_page=index.ids[page_rows].tolist(),
            facets=facets,
            has_demo=bool(np.bitwise_count(everything_selected & index.demo).sum()),
            query=FacetQuery(filters=dict(query.filters), q=q, sort=query.sort, offset=offset, limit=query.limit),
            all_ids=index.ids[ordered].tolist() if with_all_ids else None,
        )

    def _values(self, name: str, counts: dict, selected: tuple[str, ...]) -> list[FacetCount]:
        chosen = set(selected)
        if name in self.terms:
            english = (get_language() or "de").startswith("en")
            return [
                FacetCount(slug, term_label(term, english), counts.get(term.pk, 0), slug in chosen)
                for slug, term in self.terms[name].items()
            ]
        if name == "year":
            values = {str(k): v for k, v in counts.items()}
            keys = sorted(set(values) | chosen, key=lambda v: int(v) if v.isdigit() else 0, reverse=True)
            return [FacetCount(v, v, values.get(v, 0), v in chosen) for v in keys]
        if name == "type":
            labels = dict(CslType.choices)
            keys = [v for v in CslType.values if v in counts or v in chosen]
        elif name == "category":
            labels = dict(DocumentCategory.choices)
            keys = [v for v in DocumentCategory.values if v in counts or v in chosen]
        else:
            labels = {code: LANGUAGE_LABELS.get(code, code) for code in set(counts) | chosen}
            keys = sorted(set(counts) | chosen, key=lambda v: (-counts.get(v, 0), v))
        return [FacetCount(v, str(labels.get(v, v)), counts.get(v, 0), v in chosen) for v in keys]


def this_year() -> int:
    return datetime.date.today().year
