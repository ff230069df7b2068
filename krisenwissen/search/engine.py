"""The in-memory search index and lexical/semantic ranking, computed with numpy.

Each process keeps the index arrays built from the :class:`SearchDocument` table:

* a **segment** (:mod:`krisenwissen.search.segment`) holds the postings of its documents in CSR
  form: for every term (a stem, or a compound part) the document rows and a precomputed,
  field-weighted, length-normalised and saturated term frequency (BM25F), plus the embeddings;
* a **base** segment with everything, and a small **delta** segment with the documents changed
  since the base was built; changed or removed base rows are masked out. When the delta grows
  past :data:`MAX_DELTA_DOCS` (or a tenth of the base) the base is rebuilt.

Before every query the process reads the highest id of the :class:`IndexChange` journal (one
indexed query); if it moved, the changed documents are reloaded. So an edit in any process is
visible to the next query everywhere, and ranking is identical on SQLite and PostgreSQL because
the databases only store and deliver rows.

**Starting a process** (:func:`current_index`): the newest snapshot of the database
(:mod:`krisenwissen.search.snapshot`) is memory-mapped and brought up to date with the journal, which
takes about a second even at 100,000 documents. Without a usable snapshot a small index (up to
``SEARCH_SYNC_BUILD_MAX_DOCS``) is built on the spot; a big one is built in a background thread
(one process of the machine at a time, the others wait for its snapshot), and until it is ready the
service answers from a plain database search (:func:`current_index` returns ``None``). When a base
must be rebuilt because of many changes, the old base keeps serving with every changed document
masked out, so results may miss a document for a while but never show a removed one.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from django.conf import settings
from django.db import connection

from . import snapshot
from .compounds import Splitter
from .models import IndexChange, SearchDocument
from .segment import (  # noqa: F401 - re-exported, the engine's public constants
    COMPOUND_PART_WEIGHT,
    FIELD_B,
    FIELD_WEIGHTS,
    FIELDS,
    K1,
    Segment,
    SegmentBuilder,
)

logger = logging.getLogger(__name__)

MAX_DELTA_DOCS = 2000
#: Up to this many documents an index is built synchronously when there is no snapshot.
SYNC_BUILD_MAX_DOCS = 10_000
#: Snapshots are written from this many documents on (smaller indexes build in well under a second).
SNAPSHOT_MIN_DOCS = 2000
QUERY_CACHE_SIZE = 512


@dataclass
class SearchIndex:
    journal: tuple[int, str]  #: (highest IndexChange id, its time) when built
    base: Segment
    delta: Segment | None
    alive: np.ndarray  #: bool per base row (False: changed or removed since the base was built)
    kind_codes: dict[str, int]
    changed_doc_ids: set[int]
    #: an old base with changed documents masked out, while a new one is built
    stale: bool = False
    query_cache: dict = field(default_factory=dict)
    _splitter: Splitter | None = None
    _sorted_vocabulary: list[str] | None = None
    _vocabulary: dict[str, int] | None = None
    _size: int | None = None

    @property
    def segments(self) -> list[tuple[Segment, np.ndarray | None]]:
        result = [(self.base, self.alive)]
        if self.delta is not None and self.delta.n:
            result.append((self.delta, None))
        return result

    @property
    def size(self) -> int:
        if self._size is None:
            self._size = int(self.alive.sum()) + (self.delta.n if self.delta is not None else 0)
        return self._size

    def df(self, term: str) -> int:
        return sum(segment.df(term) for segment, _alive in self.segments)

    def surface_df(self, word: str) -> int:
        return sum(segment.surfaces.get(word, 0) for segment, _alive in self.segments)

    def idf(self, term: str) -> float:
        n = max(self.size, 1)
        df = min(self.df(term), n)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    @property
    def splitter(self) -> Splitter:
        if self._splitter is None:
            delta_words = self.delta.surfaces if self.delta is not None else {}
            self._splitter = Splitter(lambda w: w in self.base.surfaces or w in delta_words)
        return self._splitter

    def display(self, word: str) -> str:
        for segment, _alive in self.segments:
            if word in segment.display:
                return segment.display[word]
        return word

    def sorted_vocabulary(self) -> list[str]:
        """Folded words in alphabetical order (prefix look-ups for autocomplete)."""
        if self._sorted_vocabulary is None:
            self._sorted_vocabulary = sorted(self.vocabulary())
        return self._sorted_vocabulary

    def vocabulary(self) -> dict[str, int]:
        """Folded words and their document frequency (for typo suggestions and autocomplete)."""
        if self.delta is None or not self.delta.n:
            return self.base.surfaces
        if self._vocabulary is None:
            merged = dict(self.base.surfaces)
            for word, count in self.delta.surfaces.items():
                merged[word] = merged.get(word, 0) + count
            self._vocabulary = merged
        return self._vocabulary


# --- Loading and refreshing -------------------------------------------------------------------

_index: SearchIndex | None = None
_lock = threading.Lock()
_builder: threading.Thread | None = None
_warmed_pid: int | None = None


def _rows(queryset) -> Iterable[tuple]:
    fields = ("pk", "kind", "language", "tokens", "embedding", "object_id")
    return queryset.order_by("pk").values_list(*fields).iterator(chunk_size=2000)


def _latest_journal() -> tuple[int, str]:
    """Highest journal id and its time: the time tells a replayed id (after a rollback) apart."""
    latest = IndexChange.objects.order_by("-id").values_list("id", "created_at").first()
    return (latest[0], str(latest[1])) if latest else (0, "")


def _setting(name: str, default):
    return getattr(settings, name, default)


def build_full(journal: tuple[int, str] | None = None, *, save: bool = True) -> SearchIndex:
    """Build the whole index from the table (in chunks) and, for a big one, write a snapshot."""
    journal = _latest_journal() if journal is None else journal
    kind_codes: dict[str, int] = {}
    builder = SegmentBuilder(kind_codes)
    builder.add(_rows(SearchDocument.objects.all()))
    base = builder.finish()
    if save and base.n >= _setting("SEARCH_SNAPSHOT_MIN_DOCS", SNAPSHOT_MIN_DOCS):
        snapshot.save(journal, base, kind_codes)
    return _new_index(journal, base, kind_codes)


def _new_index(journal, base: Segment, kind_codes: dict[str, int]) -> SearchIndex:
    return SearchIndex(
        journal=journal,
        base=base,
        delta=None,
        alive=np.ones(base.n, dtype=bool),
        kind_codes=kind_codes,
        changed_doc_ids=set(),
    )


def _from_snapshot(journal: tuple[int, str], newer_than: int = -1) -> SearchIndex | None:
    """The newest usable snapshot at or before ``journal`` (and after ``newer_than``), loaded."""
    for path in snapshot.candidates():
        try:
            snap_journal = snapshot.read_journal(path)
            if snap_journal[0] > journal[0] or snap_journal[0] <= newer_than or not _journal_has(snap_journal):
                continue
            snap_journal, base, kind_codes = snapshot.load(path)
        except (OSError, ValueError, KeyError):
            logger.warning("Ignoring unreadable search index snapshot %s", path, exc_info=True)
            continue
        return _new_index(snap_journal, base, kind_codes)
    return None


def _small() -> bool:
    return SearchDocument.objects.count() <= _setting("SEARCH_SYNC_BUILD_MAX_DOCS", SYNC_BUILD_MAX_DOCS)


def _changes(index: SearchIndex, journal: tuple[int, str]) -> tuple[bool, set[int]]:
    rows = IndexChange.objects.filter(id__gt=index.journal[0], id__lte=journal[0]).values_list("document_id", "rebuild")
    rebuild, changed = False, set(index.changed_doc_ids)
    for document_id, is_rebuild in rows.iterator(chunk_size=5000):
        rebuild = rebuild or is_rebuild
        if document_id is not None:
            changed.add(document_id)
    return rebuild, changed


def _apply_changes(index: SearchIndex, journal: tuple[int, str], changed: set[int]) -> SearchIndex:
    """The base of ``index`` with the changed documents in a fresh delta segment."""
    rows = []
    changed_list = sorted(changed)
    for start in range(0, len(changed_list), 500):
        rows.extend(list(_rows(SearchDocument.objects.filter(pk__in=changed_list[start : start + 500]))))
    kind_codes = dict(index.kind_codes)
    averages = {
        name: (index.base.field_length_sum.get(name, 0.0) / index.base.n if index.base.n else 1.0) for name in FIELDS
    }
    delta = Segment.build(rows, kind_codes, lexicon=set(index.base.surfaces), averages=averages)
    return SearchIndex(
        journal=journal,
        base=index.base,
        delta=delta,
        alive=_alive(index.base, changed),
        kind_codes=kind_codes,
        changed_doc_ids=changed,
    )


def _alive(base: Segment, changed: set[int]) -> np.ndarray:
    return ~np.isin(base.doc_ids, np.fromiter(changed, dtype=np.int64, count=len(changed)))


def _masked(index: SearchIndex, journal: tuple[int, str], changed: set[int]) -> SearchIndex:
    """The old base without the changed documents, served while a new base is being built."""
    return SearchIndex(
        journal=journal,
        base=index.base,
        delta=None,
        alive=_alive(index.base, changed),
        kind_codes=dict(index.kind_codes),
        changed_doc_ids=changed,
        stale=True,
    )


def _too_many(index: SearchIndex, changed: set[int]) -> bool:
    return len(changed) > max(MAX_DELTA_DOCS, 0) or len(changed) > max(index.base.n // 10, 50)


def _catch_up(index: SearchIndex | None, journal: tuple[int, str], depth: int = 0) -> SearchIndex | None:
    """Bring ``index`` (possibly none yet) to ``journal``; ``None`` while a big build runs."""
    if index is None or journal[0] < index.journal[0] or not _journal_has(index.journal):
        # First use, or the journal was rolled back or pruned: start over.
        index = _from_snapshot(journal)
        if index is None:
            if _small() or not _setting("SEARCH_BACKGROUND_BUILD", True):
                return build_full(journal)
            start_background_build()
            return None
    if index.journal == journal:
        return index
    rebuild, changed = _changes(index, journal)
    if not rebuild and not _too_many(index, changed):
        return _apply_changes(index, journal, changed)
    newer = _from_snapshot(journal, newer_than=index.journal[0]) if depth < 2 else None
    if newer is not None:  # another process (or rebuild_search_index) has written a newer base
        return _catch_up(newer, journal, depth + 1)
    if _small() or not _setting("SEARCH_BACKGROUND_BUILD", True):
        return build_full(journal)
    start_background_build()
    return _masked(index, journal, changed)


def current_index() -> SearchIndex | None:
    """The index of this process, brought up to date with the journal first.

    ``None`` only while the first index of a big database is built in the background (the
    service then answers from the database).
    """
    global _index
    journal = _latest_journal()
    index = _index
    if index is not None and index.journal == journal:
        return index
    with _lock:
        index = _index
        if index is None or index.journal != journal:
            index = _catch_up(index, journal)
            if index is not None:
                _index = index
    return index


def start_background_build() -> None:
    """Build a new base in a background thread (once per process at a time)."""
    global _builder
    if _builder is not None and _builder.is_alive():
        return
    _builder = threading.Thread(target=_background_build, name="search-index-build", daemon=True)
    _builder.start()


def wait_for_build(timeout: float | None = None) -> None:
    builder = _builder
    if builder is not None:
        builder.join(timeout)


@contextlib.contextmanager
def _machine_lock():
    """One build per machine and database: the others wait and then load its snapshot."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no coordination, every process builds
        yield
        return
    directory = snapshot.root()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _background_build() -> None:
    global _index
    try:
        with _machine_lock():
            journal = _latest_journal()
            previous = _index
            newer = _from_snapshot(journal, newer_than=previous.journal[0] if previous is not None else -1)
            fresh = None
            if newer is not None:
                rebuild, changed = _changes(newer, journal)
                if not rebuild and not _too_many(newer, changed):
                    fresh = _apply_changes(newer, journal, changed) if newer.journal != journal else newer
            if fresh is None:
                fresh = build_full(journal)
        with _lock:
            if _index is None or _index.journal[0] <= fresh.journal[0] or _index.stale:
                _index = fresh
    except Exception:
        logger.exception("Building the search index in the background failed.")
    finally:
        connection.close()


def warm_up() -> None:
    """Load or build this process's index in the background, once per process.

    Called on the first request of a worker (see ``apps.py``). Skipped inside a transaction (a
    thread's own connection would not see its data, as in tests) and for small indexes, which the
    first search builds in well under a second.
    """
    global _warmed_pid
    pid = os.getpid()
    if _warmed_pid == pid or _index is not None or not _setting("SEARCH_WARM_UP", True):
        return
    _warmed_pid = pid
    if connection.in_atomic_block or _small():
        return
    threading.Thread(target=_warm, name="search-index-warm-up", daemon=True).start()


def _warm() -> None:
    try:
        current_index()
    except Exception:
        logger.exception("Warming up the search index failed.")
    finally:
        connection.close()


def _journal_has(journal: tuple[int, str]) -> bool:
    if not journal[0]:
        return True
    row = IndexChange.objects.filter(id=journal[0]).values_list("created_at", flat=True).first()
    return row is not None and str(row) == journal[1]


def reset_index() -> None:
    global _index
    _index = None


# --- Scoring ----------------------------------------------------------------------------------


@dataclass
class Alternative:
    """Terms that must all occur (a word, or the parts of a compound, or a multi-word synonym)."""

    terms: tuple[str, ...]
    weight: float = 1.0


@dataclass
class Slot:
    """One concept of the query; a document scores with the best of its alternatives."""

    alternatives: list[Alternative]
    label: str = ""


def _alternative_postings(segment: Segment, alternative: Alternative, idf: dict[str, float]):
    """(rows, scores) of the documents having every term of ``alternative``; ``None`` if none.

    The arithmetic (float32, terms summed in query order) is the same as over dense arrays, so
    scores do not depend on how the postings are combined.
    """
    lists = []
    for term in alternative.terms:
        postings = segment.postings(term)
        if postings is None or not len(postings[0]):
            return None
        lists.append((postings[0], postings[1] * np.float32(idf[term])))
    if len(lists) == 1:
        rows, value = lists[0]
        return rows, value * np.float32(alternative.weight)
    # Intersect, starting from the rarest term (postings are sorted by row within a term).
    rows = min(lists, key=lambda entry: len(entry[0]))[0]
    for other_rows, _value in lists:
        position = np.searchsorted(other_rows, rows)
        position[position == len(other_rows)] = 0
        rows = rows[other_rows[position] == rows]
        if not len(rows):
            return None
    value = None
    for other_rows, other_value in lists:
        part = other_value[np.searchsorted(other_rows, rows)]
        value = part if value is None else value + part
    value = value / np.float32(len(lists) ** 0.5)
    return rows, value * np.float32(alternative.weight)


def score_segment(
    index: SearchIndex,
    segment: Segment,
    alive: np.ndarray | None,
    slots: list[Slot],
    idf: dict[str, float],
) -> tuple[np.ndarray, np.ndarray]:
    """(score, number of matched slots) per row of ``segment``.

    Work per slot is proportional to the postings of its terms plus two passes over the rows;
    no dense array per term.
    """
    n = segment.n
    total = np.zeros(n, dtype=np.float32)
    matched = np.zeros(n, dtype=np.int16)
    best = np.zeros(n, dtype=np.float32)
    for slot in slots:
        touched = False
        for alternative in slot.alternatives:
            found = _alternative_postings(segment, alternative, idf)
            if found is None:
                continue
            rows, values = found
            best[rows] = np.maximum(best[rows], values)
            touched = True
        if touched:
            total += best
            matched += best > 0
            best[:] = 0
    if alive is not None:
        total[~alive] = 0
        matched[~alive] = 0
    return total, matched


def rows_with_any(segment: Segment, terms: list[str]) -> np.ndarray:
    flags = np.zeros(segment.n, dtype=bool)
    for term in terms:
        postings = segment.postings(term)
        if postings is not None:
            flags[postings[0]] = True
    return flags


#: Candidates rescored exactly per segment when the projection ranks first.
SEMANTIC_RESCORE = 400


def semantic_candidates(
    segment: Segment, query_vector: np.ndarray, keep: np.ndarray, found: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """Rows and exact cosine similarities of the semantic candidates of a segment.

    Small segments: every kept row, exactly. Big ones: the best :data:`SEMANTIC_RESCORE` kept rows
    and the best as many lexical hits by the projected similarity, rescored with the full vectors.
    """
    approximate = segment.approximate_similarity(query_vector)
    if approximate is None:
        return None
    if not segment.approximate:
        rows = np.flatnonzero(keep)
        return rows, approximate[rows]
    picked = []
    for mask in (keep, found):
        rows = np.flatnonzero(mask)
        if len(rows) > SEMANTIC_RESCORE:
            rows = rows[np.argpartition(-approximate[rows], SEMANTIC_RESCORE)[:SEMANTIC_RESCORE]]
        picked.append(rows)
    rows = np.union1d(picked[0], picked[1])
    return rows, segment.exact_similarity(rows, query_vector)
