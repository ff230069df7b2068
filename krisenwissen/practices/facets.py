"""Faceted browsing of published practices: filters, counts, sorting and paging in one engine.

Both the public list page and the read API ask this module, so a filter means the same thing
everywhere. The engine keeps a *facet index* per process:

* one bit per published practice and facet value (packed into ``uint64`` words with numpy), built
  from the practice table and the many-to-many through tables with a handful of queries;
* the sort orders (newest, title, municipality) precomputed as arrays of row positions.

Counting is then bitwise AND plus popcount over a few kilobytes per value, and a page is a slice
of a precomputed order; the database only delivers the 20 rows on the page.

The index is never trusted blindly: every request first reads a cheap *fingerprint* of the
practice table (number and id sum of live rows, newest ``updated_at``, highest id, the current
year). Any save through the ORM or Wagtail changes it, in whichever process the save happened,
so every process rebuilds on its next request. Edits the fingerprint cannot see (a place's Land
or size class changing in the registry) are picked up when the index reaches its maximum age
(``PRACTICES_FACET_INDEX_MAX_AGE``, five minutes by default).

Counts follow the usual faceting rule: the count shown for a value of field F is the number of
practices that match the selections of all *other* fields and that value. Values of one field
combine with OR, fields combine with AND.
"""

from __future__ import annotations

import datetime
import itertools
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from krisenwissen.places.models import Place, SizeClass
from krisenwissen.taxonomy.models import VOCABULARIES, Actor, Lever

from .models import MAX_YEAR, MIN_YEAR, Practice

#: API and URL names of the vocabularies → the field on :class:`Practice`.
VOCABULARY_FIELDS = {name: ("levers" if name == "stellschrauben" else name) for name in VOCABULARIES}
SINGLE_VALUED = {"innovation_type", "origin", "maturity"}
PLACE_FIELDS = ("state", "country", "size_class")
#: Every filter field, in the order filters are shown.
FACET_FIELDS: tuple[str, ...] = (*VOCABULARIES, *PLACE_FIELDS, "year")

SORTS = ("newest", "title", "municipality")
DEFAULT_SORT = "newest"
SORT_LABELS = {
    "newest": _("Neueste zuerst"),
    "title": _("Titel (A–Z)"),
    "municipality": _("Kommune (A–Z)"),
}
FACET_LABELS = {
    **{name: model._meta.verbose_name_plural for name, model in VOCABULARIES.items()},
    "state": _("Bundesland / Region"),
    "country": _("Staat"),
    "size_class": _("Größenklasse"),
    "year": _("Aktiv im Jahr"),
}

#: How the shared classification counts towards "related practices" (shared crisis types and
#: target groups say more about transferability than a shared focus theme, of which there are three).
RELATED_WEIGHTS = {"crisis_types": 3.0, "target_groups": 2.0, "stellschrauben": 2.0, "actors": 1.0, "themes": 1.0}

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
DEFAULT_MAX_AGE_S = 300
RELATED_CACHE_SIZE = 5000


# --- Public data types ------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetQuery:
    """One request to the engine: selected values per field (already cleaned), text, sort, window."""

    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    q: str = ""
    sort: str = DEFAULT_SORT
    offset: int = 0
    limit: int = 20
    #: Only these practice ids (e.g. the hits of a ranked search, a frozenset or an int64 array);
    #: ``None`` means no restriction.
    restrict_to: frozenset[int] | np.ndarray | None = None


@dataclass(frozen=True)
class FacetCount:
    value: str  #: the value as used in URLs and the API (slug, Land name, ISO code, year)
    label: str  #: human-readable, in the active language
    count: int  #: results if this value were (also) selected, under the other fields' selections
    selected: bool
    term: object | None = None  #: the taxonomy term, for taxonomy fields


@dataclass(frozen=True)
class UnknownValue:
    field: str
    value: str


@dataclass
class FacetResult:
    total: int
    ids_page: list[int]
    facets: dict[str, list[FacetCount]]
    has_demo: bool
    query: FacetQuery


# --- Text search --------------------------------------------------------------------------------


def normalise_query(q: str | None) -> str:
    """Collapse whitespace and cut the text search to a sane length."""
    words = (q or "").split()[:MAX_QUERY_WORDS]
    return " ".join(words)[:MAX_QUERY_LENGTH]


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


class UnicodeLower(Lower):
    """``LOWER()`` that folds umlauts too: SQLite's built-in only folds ASCII letters."""

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_function("KW_LOWER", 1, _unicode_lower, deterministic=True)
        return super().as_sql(compiler, connection, function="KW_LOWER", **extra_context)


def match_text(q: str) -> list[int]:
    """Ids of published practices whose title, summary or description contain every word of ``q``.

    Case-insensitive on SQLite and PostgreSQL, umlauts included. This is the one place text
    matching happens, so a ranked, German-aware search can replace it without touching the facets.
    """
    words = normalise_query(q).split()
    qs = Practice.objects.public()
    fields = ("title", "summary", "description")
    if connection.vendor == "sqlite" and not all(word.isascii() for word in words):
        qs = qs.annotate(**{f"_lower_{name}": UnicodeLower(name) for name in fields})
        lookups = [f"_lower_{name}__contains" for name in fields]
        words = [word.lower() for word in words]
    else:
        lookups = [f"{name}__icontains" for name in fields]
    for word in words:
        condition = Q()
        for lookup in lookups:
            condition |= Q(**{lookup: word})
        qs = qs.filter(condition)
    return list(qs.values_list("id", flat=True))


# --- The index --------------------------------------------------------------------------------


_COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")


def sort_key(text: str) -> str:
    """A case- and accent-insensitive key, so that "Ärzte" sorts with "Arzt", not after "Zoll"."""
    folded = (text or "").casefold()  # also "ß" → "ss"
    if folded.isascii():
        return folded
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", folded))


def _words(n: int) -> int:
    return max(1, (n + 63) // 64)


def pack_rows(matrix: np.ndarray) -> np.ndarray:
    """Pack a (k, n) boolean matrix into (k, words) uint64 bitsets."""
    k, n = matrix.shape
    if k == 0:
        return np.zeros((0, _words(n)), dtype=np.uint64)
    padded = np.zeros((k, _words(n) * 64), dtype=bool)
    padded[:, :n] = matrix
    return np.packbits(padded, axis=1, bitorder="little").view(np.uint64).reshape(k, -1)


def unpack(bits: np.ndarray, n: int) -> np.ndarray:
    return np.unpackbits(bits.view(np.uint8), bitorder="little", count=n).view(bool)


def cross_filtered_counts(
    fields: dict, base: np.ndarray, selections: dict[str, np.ndarray], names
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The rows matching every selection, and each facet's value counts under the *other* facets'
    selections (OR within a facet, AND across facets: a count says what adding that value gives).

    ``fields`` maps facet names to :class:`FieldIndex`, ``base`` is the bitset the facets narrow
    down, ``selections`` the bitset of each facet with a selection.
    """
    everything_selected = base.copy()
    for mask in selections.values():
        everything_selected &= mask
    counts = {}
    for name in names:
        if name in selections:
            others = base.copy()
            for other, mask in selections.items():
                if other != name:
                    others &= mask
        else:
            others = everything_selected
        counts[name] = fields[name].counts(others)
    return everything_selected, counts


@dataclass
class FieldIndex:
    """Bitsets of one facet field: ``bits[pos[key]]`` marks the practices having value ``key``."""

    keys: list
    pos: dict
    bits: np.ndarray

    @classmethod
    def build(cls, n: int, rows: np.ndarray, keys_per_row: np.ndarray) -> FieldIndex:
        """From parallel arrays: practice ``rows[i]`` has value ``keys_per_row[i]``."""
        if not len(keys_per_row):
            return cls(keys=[], pos={}, bits=np.zeros((0, _words(n)), dtype=np.uint64))
        unique, codes = np.unique(keys_per_row, return_inverse=True)
        keys = unique.tolist()
        matrix = np.zeros((len(keys), n), dtype=bool)
        matrix[codes, rows] = True
        return cls(keys=keys, pos={key: i for i, key in enumerate(keys)}, bits=pack_rows(matrix))

    def mask(self, keys: Iterable, words: int) -> np.ndarray:
        """OR of the bitsets of ``keys``; keys without any practice contribute nothing."""
        rows = [self.pos[key] for key in keys if key in self.pos]
        if not rows:
            return np.zeros(words, dtype=np.uint64)
        return np.bitwise_or.reduce(self.bits[rows], axis=0)

    def counts(self, mask: np.ndarray) -> dict:
        if not self.keys:
            return {}
        totals = np.bitwise_count(self.bits & mask).sum(axis=1)
        return dict(zip(self.keys, totals.tolist()))


@dataclass
class FacetIndex:
    fingerprint: tuple
    built_at: float
    ids: np.ndarray  #: practice ids, ascending; row i of every bitset is practice ids[i]
    fields: dict[str, FieldIndex]
    demo: np.ndarray
    everything: np.ndarray
    orders: dict[str, np.ndarray]
    newest_rank: np.ndarray
    related_cache: dict = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def words(self) -> int:
        return _words(self.n)

    def rows_for_ids(self, ids: Iterable[int]) -> np.ndarray:
        # An array (the hits of a ranked search) is taken as it is: no Python loop over 100k ids.
        wanted = np.asarray(ids, dtype=np.int64) if isinstance(ids, np.ndarray) else np.fromiter(ids, dtype=np.int64)
        if not len(wanted) or not self.n:
            return np.zeros(0, dtype=np.int64)
        pos = np.searchsorted(self.ids, wanted)
        pos = np.clip(pos, 0, self.n - 1)
        return pos[self.ids[pos] == wanted]

    def mask_for_ids(self, ids: Iterable[int]) -> np.ndarray:
        flags = np.zeros(self.n, dtype=bool)
        flags[self.rows_for_ids(ids)] = True
        return pack_rows(flags.reshape(1, -1))[0]


def read_fingerprint() -> tuple:
    """Cheap aggregates that change whenever a practice is added, saved, (un)published or deleted.

    Every part is answered from an index without reading the published rows one by one: the row
    count, the newest ``updated_at``, the highest id, and the number and id sum of *unpublished*
    rows (drafts are few, so that index range is short). Wagtail's publish and unpublish save the
    row, so ``updated_at`` moves; a bare ``queryset.update(live=…)`` still moves the draft count.
    """
    table = connection.ops.quote_name(Practice._meta.db_table)
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {table}), (SELECT MAX(updated_at) FROM {table}), "  # noqa: S608
        f"(SELECT MAX(id) FROM {table}), COUNT(*), SUM(id) FROM {table} WHERE live = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [False])
        rows, last_update, max_id, drafts, draft_id_sum = cursor.fetchone()
    return (
        connection.alias,
        rows,
        str(last_update),
        max_id,
        drafts,
        int(draft_id_sum or 0),
        datetime.date.today().year,
    )


_TERM_COLUMNS = ("id", "slug", "name_de", "name_en", "description_de", "description_en", "sort_order")
_EXTRA_COLUMNS = {Lever: ("number", "short_name_de", "short_name_en"), Actor: ("kind",)}
_vocabularies: tuple[list, dict] | None = None


def _vocabulary_sql() -> str:
    qn = connection.ops.quote_name
    parts = []
    for position, model in enumerate(VOCABULARIES.values()):
        extra = [f"CAST({qn(c)} AS TEXT)" if c == "number" else qn(c) for c in _EXTRA_COLUMNS.get(model, ())]
        extra += ["NULL"] * (3 - len(extra))
        columns = ", ".join([str(position), *(qn(c) for c in _TERM_COLUMNS), *extra])
        parts.append(f"SELECT {columns} FROM {qn(model._meta.db_table)}")  # noqa: S608
    return " UNION ALL ".join(parts)


def load_vocabularies() -> dict[str, dict[str, object]]:
    """Every vocabulary as ``{field: {slug: term}}`` in display order, read with a single query.

    The terms are rebuilt only when a row differs from the previous read, so label and slug edits
    show up on the next request in every process.
    """
    global _vocabularies
    with connection.cursor() as cursor:
        cursor.execute(_vocabulary_sql())
        rows = sorted(tuple(row) for row in cursor.fetchall())
    cached = _vocabularies
    if cached is not None and cached[0] == rows:
        return cached[1]
    models = list(VOCABULARIES.values())
    terms: dict[str, list] = {name: [] for name in VOCABULARIES}
    for row in rows:
        model = models[row[0]]
        values = dict(zip(_TERM_COLUMNS, row[1:8]))
        for column, value in zip(_EXTRA_COLUMNS.get(model, ()), row[8:]):
            values[column] = int(value) if column == "number" else value
        terms[list(VOCABULARIES)[row[0]]].append(model(**values))
    ordered = {}
    for name, items in terms.items():
        if name == "stellschrauben":
            items.sort(key=lambda term: term.number)
        else:
            items.sort(key=lambda term: (term.sort_order, term.name_de))
        ordered[name] = {term.slug: term for term in items}
    _vocabularies = (rows, ordered)
    return ordered


def _fetch_rows(queryset) -> list[tuple]:
    """All rows of a ``values_list`` query, without the ORM's per-row conversion (much faster here)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _int_pairs(rows: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64, count=2 * len(rows))
    return flat[0::2], flat[1::2]


def build_index(fingerprint: tuple) -> FacetIndex:
    """Read the published practices and their classification into bitsets and sort orders."""
    columns = ("id", "title", "start_year", "end_year", "is_demo", "municipality_id", "municipality_label")
    columns += tuple(f"{name}_id" for name in ("innovation_type", "origin", "maturity"))
    records = _fetch_rows(Practice.objects.public().order_by("id").values_list(*columns))
    n = len(records)
    column = dict(zip(columns, zip(*records))) if n else dict.fromkeys(columns, ())
    ids = np.array(column["id"], dtype=np.int64)
    rows = np.arange(n)
    fields: dict[str, FieldIndex] = {}

    for name in SINGLE_VALUED:
        fields[name] = FieldIndex.build(n, rows, np.array(column[f"{name}_id"], dtype=np.int64))
    for name, field_name in VOCABULARY_FIELDS.items():
        if name in SINGLE_VALUED:
            continue
        model_field = Practice._meta.get_field(field_name)
        source, target = f"{model_field.m2m_field_name()}_id", f"{model_field.m2m_reverse_field_name()}_id"
        practice_ids, term_ids = _int_pairs(
            _fetch_rows(model_field.remote_field.through.objects.values_list(source, target))
        )
        if n and len(practice_ids):
            pos = np.clip(np.searchsorted(ids, practice_ids), 0, n - 1)
            live = ids[pos] == practice_ids  # through rows of drafts are dropped here
            fields[name] = FieldIndex.build(n, pos[live], term_ids[live])
        else:
            fields[name] = FieldIndex.build(n, rows[:0], np.zeros(0, dtype=np.int64))

    # Place attributes are looked up once per distinct municipality, then spread to the rows.
    place_ids, place_index = np.unique(np.array(column["municipality_id"], dtype=np.int64), return_inverse=True)
    place_columns = ("id", "name", "level", "official_kind", "country", "state", "size_class")
    places = {row[0]: row for row in _fetch_rows(Place.objects.values_list(*place_columns))}
    place_list = [Place(**dict(zip(place_columns, places[pk]))) if pk in places else None for pk in place_ids.tolist()]
    for name in PLACE_FIELDS:
        per_place = np.array([(getattr(p, name) or "") if p else "" for p in place_list] or [""], dtype=object)
        values = per_place[place_index] if n else per_place[:0]
        present = values != ""
        fields[name] = FieldIndex.build(n, rows[present], values[present].astype(str))

    # Years in which a practice was active: start..end, or up to this year while it runs.
    this_year = datetime.date.today().year
    start = np.array(column["start_year"], dtype=np.int64)
    end = np.array(
        [e if e else max(this_year, s) for s, e in zip(column["start_year"], column["end_year"])], dtype=np.int64
    )
    if n:
        years = np.arange(int(start.min()), int(end.max()) + 1)
        active = (start[None, :] <= years[:, None]) & (end[None, :] >= years[:, None])
        keys = years.tolist()
        fields["year"] = FieldIndex(keys=keys, pos={y: i for i, y in enumerate(keys)}, bits=pack_rows(active))
    else:
        fields["year"] = FieldIndex(keys=[], pos={}, bits=np.zeros((0, 1), dtype=np.uint64))

    # Sort orders, ties broken by id so that paging is stable.
    title_keys = [sort_key(title) for title in column["title"]]
    title_order = sorted(range(n), key=lambda i: (title_keys[i], i))  # rows are in id order
    title_rank = np.empty(n, dtype=np.int64)
    title_rank[title_order] = np.arange(n)
    place_names = [str(p) if p else "" for p in place_list]
    municipality_names = [
        label or place_names[i] for label, i in zip(column["municipality_label"], place_index.tolist())
    ]
    ranks = {name: rank for rank, name in enumerate(sorted(set(municipality_names), key=sort_key))}
    municipality_rank = np.array([ranks[name] for name in municipality_names], dtype=np.int64)
    newest = np.lexsort((ids, title_rank, -start))
    newest_rank = np.empty(n, dtype=np.int64)
    newest_rank[newest] = np.arange(n)
    orders = {
        "newest": newest,
        "title": np.array(title_order, dtype=np.int64),
        "municipality": np.lexsort((ids, title_rank, municipality_rank)),
    }

    demo = np.array(column["is_demo"], dtype=bool)
    return FacetIndex(
        fingerprint=fingerprint,
        built_at=time.monotonic(),
        ids=ids,
        fields=fields,
        demo=pack_rows(demo.reshape(1, -1))[0],
        everything=pack_rows(np.ones((1, n), dtype=bool))[0],
        orders=orders,
        newest_rank=newest_rank,
    )


class ProcessIndexCache:
    """One index per process, rebuilt when the database fingerprint moves or the index grows too old.

    Shared by every facet index (practices, literature): the fingerprint is read on each request
    (cheap), and only one thread of a process rebuilds while the others wait for the new index.
    """

    def __init__(self, build, read_fingerprint, max_age_setting: str):
        self.build = build
        self.read_fingerprint = read_fingerprint
        self.max_age_setting = max_age_setting
        self.index = None
        self.lock = threading.Lock()

    def _fresh(self, index, fingerprint: tuple) -> bool:
        max_age = getattr(settings, self.max_age_setting, DEFAULT_MAX_AGE_S)
        return index is not None and index.fingerprint == fingerprint and time.monotonic() - index.built_at < max_age

    def current(self):
        fingerprint = self.read_fingerprint()
        index = self.index
        if self._fresh(index, fingerprint):
            return index
        with self.lock:
            index = self.index
            if not self._fresh(index, fingerprint):
                index = self.build(fingerprint)
                self.index = index
        return index

    def reset(self) -> None:
        self.index = None


_cache = ProcessIndexCache(
    lambda fingerprint: build_index(fingerprint),
    lambda: read_fingerprint(),
    "PRACTICES_FACET_INDEX_MAX_AGE",
)


def current_index() -> FacetIndex:
    """The facet index, rebuilt first if the database has changed since it was built."""
    return _cache.current()


def reset_index() -> None:
    """Forget the index of this process (the next request rebuilds it)."""
    _cache.reset()


def _year_key(value: str) -> int | None:
    value = value.strip()
    if not value.isdigit() or len(value) > 4:
        return None
    year = int(value)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def term_label(term, english: bool = False) -> str:
    """A term's label for filters; levers as "3. Personalreserven" (number and short name)."""
    name = (term.name_en if english else "") or term.name_de
    if isinstance(term, Lever):
        short = (term.short_name_en if english else "") or term.short_name_de or name
        return f"{term.number}. {short}"
    return name


class PracticeBrowser:
    """What a list request needs: a fresh facet index and the current vocabularies.

    ``PracticeBrowser.current()`` is cheap (one fingerprint query and one query for all
    vocabularies); build one per request and use it for cleaning the parameters and searching.
    """

    def __init__(self, index: FacetIndex, terms: dict[str, dict[str, object]]):
        self.index = index
        self.terms = terms  # field -> {slug: term}, in vocabulary order

    @classmethod
    def current(cls) -> PracticeBrowser:
        return cls(current_index(), load_vocabularies())

    # -- cleaning --

    def clean_filters(self, raw: Mapping[str, Iterable[str]]) -> tuple[dict[str, tuple[str, ...]], list[UnknownValue]]:
        """Split requested filter values into known ones (normalised, deduplicated) and unknown ones.

        ``raw`` maps a filter field to the requested values (e.g. ``request.GET.getlist``); other
        keys are ignored. A Land or country no published practice has is still known if the
        registry has a place there, so such a filter yields zero results instead of an error.
        """
        requested: dict[str, list[str]] = {}
        unknown: list[UnknownValue] = []
        to_look_up: dict[str, set[str]] = {"state": set(), "country": set()}
        for name in FACET_FIELDS:
            for raw_value in raw.get(name, ()):
                value = self._normalise(name, str(raw_value).strip())
                if not value or value in requested.get(name, ()):
                    continue
                verdict = self._is_known(name, value)
                if verdict is None:
                    to_look_up[name].add(value)
                elif not verdict:
                    unknown.append(UnknownValue(name, value))
                    continue
                requested.setdefault(name, []).append(value)
        for name, candidates in to_look_up.items():
            if not candidates:
                continue
            # Ask the registry only about values no published practice has.
            existing = set(Place.objects.filter(**{f"{name}__in": candidates}).values_list(name, flat=True))
            for value in candidates - existing:
                unknown.append(UnknownValue(name, value))
                requested[name].remove(value)
        order = {name: i for i, name in enumerate(FACET_FIELDS)}
        unknown.sort(key=lambda u: order[u.field])
        return {name: tuple(values) for name, values in requested.items() if values}, unknown

    @staticmethod
    def _normalise(name: str, value: str) -> str:
        if name == "country":
            return value.upper()
        if name == "year" and _year_key(value) is not None:
            return str(_year_key(value))
        return value

    def _is_known(self, name: str, value: str) -> bool | None:
        """True or False, or None when only the place registry can tell."""
        if name in self.terms:
            return value in self.terms[name]
        if name == "year":
            return _year_key(value) is not None
        if name == "size_class":
            return value in SizeClass.values
        if value in self.index.fields[name].pos:
            return True
        if name == "country":
            from krisenwissen.places.countries import COUNTRY_NAMES

            return True if value in COUNTRY_NAMES else (None if len(value) == 2 and value.isalpha() else False)
        return None if len(value) <= 100 else False

    def allowed_values(self, name: str) -> list[str]:
        """Values a client may send for ``name`` (for error messages); empty when open-ended."""
        if name in self.terms:
            return list(self.terms[name])
        if name == "size_class":
            return list(SizeClass.values)
        return []

    # -- searching --

    def _index_key(self, name: str, value: str):
        if name in self.terms:
            term = self.terms[name].get(value)
            return term.pk if term is not None else None
        if name == "year":
            return _year_key(value)
        return value

    def search(self, query: FacetQuery) -> FacetResult:
        """Filter, count, sort and page. Values the index does not know match nothing."""
        index = self.index
        words = index.words
        base = index.everything
        q = normalise_query(query.q)
        if q:
            base = base & index.mask_for_ids(match_text(q))
        if query.restrict_to is not None:
            base = base & index.mask_for_ids(query.restrict_to)
        selections = {}
        for name in FACET_FIELDS:
            values = query.filters.get(name) or ()
            if values:
                keys = [self._index_key(name, v) for v in values]
                selections[name] = index.fields[name].mask(keys, words)

        everything_selected, counts = cross_filtered_counts(index.fields, base, selections, FACET_FIELDS)
        facets = {name: self._facet_values(name, counts[name], query.filters.get(name) or ()) for name in FACET_FIELDS}

        total = int(np.bitwise_count(everything_selected).sum())
        hits_flags = unpack(everything_selected, index.n)
        order = index.orders.get(query.sort) if query.sort in SORTS else index.orders[DEFAULT_SORT]
        offset = max(0, min(int(query.offset), total))
        limit = max(0, int(query.limit))
        page_rows = order[hits_flags[order]][offset : offset + limit]
        has_demo = bool(np.bitwise_count(everything_selected & index.demo).sum())
        return FacetResult(
            total=total,
            ids_page=index.ids[page_rows].tolist(),
            facets=facets,
            has_demo=has_demo,
            query=FacetQuery(
                filters=dict(query.filters),
                q=q,
                sort=query.sort,
                offset=offset,
                limit=limit,
                restrict_to=query.restrict_to,
            ),
        )

    def _facet_values(self, name: str, counts: dict, selected: tuple[str, ...]) -> list[FacetCount]:
        chosen = set(selected)
        if name in self.terms:
            english = (get_language() or "de").startswith("en")
            return [
                FacetCount(
                    value=slug,
                    label=term_label(term, english),
                    count=counts.get(term.pk, 0),
                    selected=slug in chosen,
                    term=term,
                )
                for slug, term in self.terms[name].items()
            ]
        if name == "year":
            years = {str(k): v for k, v in counts.items()}
            values = sorted(set(years) | chosen, key=int, reverse=True)
            return [FacetCount(value=v, label=v, count=years.get(v, 0), selected=v in chosen) for v in values]
        values = set(counts) | chosen
        if name == "size_class":
            labels = dict(SizeClass.choices)
            ordered = [v for v in SizeClass.values if v in values]
        elif name == "country":
            from krisenwissen.places.countries import country_name

            labels = {v: country_name(v) for v in values}
            ordered = sorted(values, key=lambda v: sort_key(labels[v]))
        else:
            labels = {v: v for v in values}
            ordered = sorted(values, key=sort_key)
        return [
            FacetCount(value=v, label=str(labels.get(v, v)), count=counts.get(v, 0), selected=v in chosen)
            for v in ordered
        ]

    # -- related practices --

    def related_ids(self, term_ids: Mapping[str, Iterable[int]], exclude: Iterable[int], limit: int) -> list[int]:
        """Published practices sharing the most (weighted) classification with the given terms.

        Ties go to the newer practice. Only the top ``limit`` are ordered (``argpartition``), and
        the answer is kept on the index until it is rebuilt, so a detail page does not re-score
        every practice that shares one of the three focus themes.
        """
        index = self.index
        if not index.n or limit <= 0:
            return []
        terms = {name: tuple(sorted(set(term_ids.get(name, ())))) for name in RELATED_WEIGHTS}
        cache_key = (tuple(terms.items()), tuple(sorted(set(exclude))), limit)
        cached = index.related_cache.get(cache_key)
        if cached is not None:
            return cached
        score = np.zeros(index.n, dtype=np.float64)
        for name, weight in RELATED_WEIGHTS.items():
            field_index = index.fields[name]
            rows = [field_index.pos[t] for t in terms[name] if t in field_index.pos]
            if rows:
                flags = np.unpackbits(field_index.bits[rows].view(np.uint8), axis=1, bitorder="little", count=index.n)
                score += weight * flags.sum(axis=0)
        score[index.rows_for_ids(cache_key[1])] = 0
        candidates = np.flatnonzero(score > 0)
        result: list[int] = []
        if len(candidates):
            # One sortable key: the score first, then the newest-first rank as tie-breaker.
            key = score[candidates] * (index.n + 1) - index.newest_rank[candidates]
            k = min(limit, len(candidates))
            top = np.argpartition(-key, k - 1)[:k]
            top = top[np.argsort(-key[top], kind="stable")]
            result = index.ids[candidates[top]].tolist()
        if len(index.related_cache) > RELATED_CACHE_SIZE:
            index.related_cache.clear()
        index.related_cache[cache_key] = result
        return result


def years_label(start_year: int, end_year: int | None) -> str:
    """ "2019–2021", "2020" or "seit 2021"."""
    if end_year is None:
        return gettext("seit %(year)s") % {"year": start_year}
    if end_year == start_year:
        return str(start_year)
    return f"{start_year}–{end_year}"


@dataclass
class PracticeCard:
    """What a result list shows of a practice, read as plain values.

    Twenty full ``Practice`` instances (a clusterable Wagtail model with dozens of fields) cost
    more to build than the whole facet search, so lists use these instead.
    """

    pk: int
    external_id: str | None
    slug: str
    title: str
    summary: str
    language: str
    start_year: int
    end_year: int | None
    is_demo: bool
    innovation_type_id: int
    origin_id: int
    maturity_id: int
    municipality_display: str
    place_name: str
    place_slug: str
    ags: str
    state: str
    country: str
    size_class: str
    theme_terms: list = field(default_factory=list)

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"slug": self.slug})

    def get_place_url(self) -> str:
        return reverse("places:detail", kwargs={"slug": self.place_slug})

    @property
    def years_label(self) -> str:
        return years_label(self.start_year, self.end_year)


_CARD_COLUMNS = (
    "id",
    "external_id",
    "slug",
    "title",
    "summary",
    "language",
    "start_year",
    "end_year",
    "is_demo",
    "innovation_type_id",
    "origin_id",
    "maturity_id",
    "municipality_label",
    "municipality__name",
    "municipality__slug",
    "municipality__ags",
    "municipality__state",
    "municipality__country",
    "municipality__size_class",
    "municipality__level",
    "municipality__official_kind",
)


def fetch_cards(ids: list[int], *, with_themes: bool = False) -> list[PracticeCard]:
    """The published practices with these ids, in the given order, as :class:`PracticeCard`.

    With ``with_themes`` each card also gets ``theme_terms`` (one through-table query, labels
    from the cached vocabulary).
    """
    by_id = {}
    for row in Practice.objects.public().filter(pk__in=ids).values_list(*_CARD_COLUMNS):
        values = dict(zip(_CARD_COLUMNS, row))
        place = Place(
            name=values["municipality__name"],
            level=values["municipality__level"],
            official_kind=values["municipality__official_kind"],
        )
        by_id[values["id"]] = PracticeCard(
            pk=values["id"],
            **{key: values[key] for key in _CARD_COLUMNS[1:12]},
            municipality_display=values["municipality_label"] or str(place),
            place_name=values["municipality__name"],
            place_slug=values["municipality__slug"],
            ags=values["municipality__ags"],
            state=values["municipality__state"],
            country=values["municipality__country"],
            size_class=values["municipality__size_class"],
        )
    cards = [by_id[pk] for pk in ids if pk in by_id]
    if with_themes and cards:
        themes = {term.pk: term for term in load_vocabularies()["themes"].values()}
        order = {pk: i for i, pk in enumerate(themes)}
        pairs = Practice.themes.through.objects.filter(practice_id__in=by_id).values_list("practice_id", "theme_id")
        for practice_id, theme_id in sorted(pairs, key=lambda pair: order.get(pair[1], 0)):
            if theme_id in themes:
                by_id[practice_id].theme_terms.append(themes[theme_id])
    return cards


def classification_terms(practices: list) -> dict[int, dict[str, list]]:
    """Per practice id, the terms of every vocabulary, in vocabulary order.

    Works for saved practices and cards alike: one query per many-to-many table plus the cached
    vocabularies (a prefetch of parental many-to-many fields costs several times more). Unsaved
    previews read their terms from the instance instead, see :func:`terms_of`.
    """
    vocabularies = load_vocabularies()
    by_id = {name: {term.pk: term for term in terms.values()} for name, terms in vocabularies.items()}
    ids = [p.pk for p in practices]
    result: dict[int, dict[str, list]] = {pk: {} for pk in ids}
    for practice in practices:
        for name in SINGLE_VALUED:
            term = by_id[name].get(getattr(practice, f"{name}_id"))
            result[practice.pk][name] = [term] if term else []
    for name, field_name in VOCABULARY_FIELDS.items():
        if name in SINGLE_VALUED:
            continue
        model_field = Practice._meta.get_field(field_name)
        source, target = f"{model_field.m2m_field_name()}_id", f"{model_field.m2m_reverse_field_name()}_id"
        for values in result.values():
            values[name] = []
        pairs = model_field.remote_field.through.objects.filter(**{f"{source}__in": ids}).values_list(source, target)
        for practice_id, term_id in pairs:
            term = by_id[name].get(term_id)
            if term is not None:
                result[practice_id][name].append(term)
        order = {pk: i for i, pk in enumerate(by_id[name])}
        for values in result.values():
            values[name].sort(key=lambda term: order[term.pk])
    return result


def terms_of(practice: Practice, *, from_instance: bool = False) -> dict[str, list]:
    """The terms of every vocabulary of one practice.

    Read from the database, or with ``from_instance`` from the in-memory relations, as a preview
    of an edited draft must (its classification is not saved yet).
    """
    if practice.pk and not from_instance:
        return classification_terms([practice])[practice.pk]
    terms = {}
    for name, field_name in VOCABULARY_FIELDS.items():
        value = getattr(practice, field_name)
        terms[name] = ([value] if value else []) if name in SINGLE_VALUED else list(value.all())
    terms["stellschrauben"].sort(key=lambda lever: lever.number)
    return terms


def classification_slugs(practices: list) -> dict[int, dict]:
    """Per practice id, the slugs of every vocabulary as the API shows them.

    Lists for many-valued vocabularies (lever numbers for ``stellschrauben``), one slug for
    innovation type, origin and maturity.
    """
    result = {}
    for pk, terms in classification_terms(practices).items():
        values = {}
        for name, items in terms.items():
            if name in SINGLE_VALUED:
                values[name] = items[0].slug if items else None
            elif name == "stellschrauben":
                values[name] = [lever.number for lever in items]
            else:
                values[name] = [term.slug for term in items]
        result[pk] = values
    return result


def related_practices(
    practice: Practice,
    *,
    limit: int = 5,
    terms: dict[str, list] | None = None,
    browser: PracticeBrowser | None = None,
) -> list[PracticeCard]:
    """Published practices related to ``practice``: the editors' choice first, then computed ones.

    The computed ones share the most classification, weighted by :data:`RELATED_WEIGHTS`; ties go
    to the newer practice. ``terms`` (from :func:`terms_of`) saves reading the classification again.
    """
    chosen = [
        link.related_id for link in practice.related_links.all() if link.related.live and link.related_id != practice.pk
    ][:limit]
    computed: list[int] = []
    if len(chosen) < limit:
        browser = browser or PracticeBrowser.current()
        terms = terms if terms is not None else terms_of(practice)
        term_ids = {name: [term.pk for term in terms.get(name, ())] for name in RELATED_WEIGHTS}
        exclude = chosen + ([practice.pk] if practice.pk else [])
        computed = browser.related_ids(term_ids, exclude=exclude, limit=limit - len(chosen))
    return fetch_cards(chosen + computed)


def search_practices(query: FacetQuery) -> FacetResult:
    """Convenience: search with a fresh browser; unknown filter values are dropped silently."""
    browser = PracticeBrowser.current()
    filters, _unknown = browser.clean_filters(query.filters)
    return browser.search(
        FacetQuery(filters=filters, q=query.q, sort=query.sort, offset=query.offset, limit=query.limit)
    )
