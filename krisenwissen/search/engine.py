"""The in-memory search index and lexical/semantic ranking, computed with numpy.

Each process keeps the index arrays built from the :class:`SearchDocument` table:

* a **segment** holds the postings of its documents in CSR form: for every term (a stem, or a
  compound part) the document rows and a precomputed, field-weighted, length-normalised and
  saturated term frequency (BM25F, see :func:`Segment.build`), plus the float16 embeddings;
* a **base** segment with everything, and a small **delta** segment with the documents changed
  since the base was built; changed or removed base rows are masked out. When the delta grows
  past :data:`MAX_DELTA_DOCS` (or a tenth of the base) the base is rebuilt.

Before every query the process reads the highest id of the :class:`IndexChange` journal (one
indexed query); if it moved, the changed documents are reloaded. So an edit in any process is
visible to the next query everywhere, and ranking is identical on SQLite and PostgreSQL because
the databases only store and deliver rows.
"""

from __future__ import annotations

import json
import math
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from . import embedding
from .analysis import fold, is_stop_word, stem
from .compounds import Splitter
from .models import IndexChange, SearchDocument

#: How much a word counts in each field, and how strongly the field's length normalises it.
FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "keywords": 2.0, "taxonomy": 0.8, "body": 1.0, "place": 1.5}
FIELD_B = {"title": 0.4, "summary": 0.5, "keywords": 0.3, "taxonomy": 0.3, "body": 0.75, "place": 0.3}
FIELDS = tuple(FIELD_WEIGHTS)
K1 = 1.2
#: A compound part counts this much of the whole word ("Hitze" in "Hitzeschutz").
COMPOUND_PART_WEIGHT = 0.5
MAX_DELTA_DOCS = 2000


def _split_tokens(text: str) -> list[str]:
    return text.split() if text else []


@dataclass
class Segment:
    doc_ids: np.ndarray  #: SearchDocument pk per row
    object_ids: np.ndarray  #: id of the indexed object per row
    kinds: np.ndarray  #: kind code per row
    terms: dict[str, int]  #: stem → term id
    offsets: np.ndarray  #: CSR: postings of term t are [offsets[t], offsets[t + 1])
    post_rows: np.ndarray  #: int32 row per posting
    post_sat: np.ndarray  #: float32 saturated BM25F frequency per posting
    surfaces: dict[str, int]  #: folded word → number of documents (for typos and compounds)
    display: dict[str, str]  #: folded word → how it is written (casefolded, umlauts kept)
    embeddings: np.ndarray | None  #: (n, 512) float32, rows without an embedding are zero
    field_length_sum: dict[str, float] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.doc_ids)

    def df(self, term: str) -> int:
        t = self.terms.get(term)
        return 0 if t is None else int(self.offsets[t + 1] - self.offsets[t])

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        t = self.terms.get(term)
        if t is None:
            return None
        start, end = self.offsets[t], self.offsets[t + 1]
        return self.post_rows[start:end], self.post_sat[start:end]

    @classmethod
    def build(
        cls,
        rows: Iterable[tuple],
        kind_codes: dict[str, int],
        *,
        count: int | None = None,
        lexicon: set[str] | None = None,
        averages: dict[str, float] | None = None,
    ) -> Segment:
        """Build from ``(pk, kind, language, tokens, embedding, object_id)`` rows, in one pass.

        BM25F: per document and term, ``tf' = Σ_field w_f · tf_f / (1 − b_f + b_f · len_f / avg_f)``,
        stored saturated as ``tf' / (tf' + k1)``; the query multiplies by the term's idf.
        ``lexicon`` adds known words for compound splitting (the base's words, for a delta).
        Rows may be a streaming iterator (``count`` = how many); token entries are collected in
        compact ``array`` buffers, so 100k documents fit in well under a gigabyte while building.
        """
        if count is None:
            rows = list(rows)
            count = len(rows)
        capacity = max(count, 1)
        doc_ids = array("q")
        object_ids = array("q")
        kind_list = array("h")
        surface_ids: dict[tuple[str, str], int] = {}
        entry_rows = array("i")
        entry_fields = array("b")
        entry_surface = array("i")
        lengths = np.zeros((len(FIELDS), capacity), dtype=np.float32)
        embeddings: np.ndarray | None = None
        row = -1
        for row, (pk, kind, language, token_fields, vector_bytes, object_id) in enumerate(rows):
            if row >= capacity:  # more rows than counted (written meanwhile): grow
                capacity *= 2
                lengths = np.concatenate([lengths, np.zeros_like(lengths)], axis=1)
                if embeddings is not None:
                    embeddings = np.concatenate([embeddings, np.zeros_like(embeddings)])
            doc_ids.append(pk)
            object_ids.append(object_id)
            kind_list.append(kind_codes.setdefault(kind, len(kind_codes)))
            if isinstance(token_fields, str):
                token_fields = json.loads(token_fields)
            lang = "en" if language == "en" else "de"
            setdefault = surface_ids.setdefault
            for f, name in enumerate(FIELDS):
                words = [w for w in _split_tokens(token_fields.get(name, "")) if not is_stop_word(w)]
                if not words:
                    continue
                lengths[f, row] = len(words)
                entry_surface.extend([setdefault((w, lang), len(surface_ids)) for w in words])
                entry_rows.extend(repeat(row, len(words)))
                entry_fields.extend(repeat(f, len(words)))
            vector = embedding.from_bytes(vector_bytes)
            if vector is not None:
                if embeddings is None:
                    # float32 in memory (2 KB per document): float16 has no BLAS matrix product in
                    # numpy, and converting on every query costs more than the product itself.
                    embeddings = np.zeros((capacity, embedding.DIMENSIONS), dtype=np.float32)
                embeddings[row] = vector
        n = row + 1
        lengths = lengths[:, : max(n, 1)]
        if embeddings is not None:
            embeddings = embeddings[:n]
        doc_ids = np.frombuffer(doc_ids, dtype=np.int64).copy() if n else np.zeros(0, dtype=np.int64)
        object_ids = np.frombuffer(object_ids, dtype=np.int64).copy() if n else np.zeros(0, dtype=np.int64)
        kinds = np.frombuffer(kind_list, dtype=np.int16).copy() if n else np.zeros(0, dtype=np.int16)
        surfaces_list = list(surface_ids)
        del surface_ids
        e_rows = (
            np.frombuffer(entry_rows, dtype=np.int32).astype(np.int64) if len(entry_rows) else np.zeros(0, np.int64)
        )
        del entry_rows
        e_fields = (
            np.frombuffer(entry_fields, dtype=np.int8).astype(np.intp) if len(entry_fields) else np.zeros(0, np.intp)
        )
        del entry_fields
        e_surface = (
            np.frombuffer(entry_surface, dtype=np.int32).astype(np.int64)
            if len(entry_surface)
            else np.zeros(0, np.int64)
        )
        del entry_surface

        # Document frequency of folded words (typo suggestions, compound splitting).
        folded = [fold(w) for w, _lang in surfaces_list]
        surface_df: dict[str, int] = defaultdict(int)
        if len(e_surface):
            pairs = np.unique(e_surface * max(n, 1) + e_rows)
            per_surface = np.bincount(pairs // max(n, 1), minlength=len(surfaces_list))
            for i, count in enumerate(per_surface.tolist()):
                surface_df[folded[i]] += count
        surface_df = dict(surface_df)
        display: dict[str, str] = {}
        for (word, _lang), folded_word in zip(surfaces_list, folded):
            display.setdefault(folded_word, word)

        # Stems, and compound parts of German words, as term ids.
        terms: dict[str, int] = {}
        surface_term = np.fromiter(
            (terms.setdefault(stem(w, lang), len(terms)) for w, lang in surfaces_list),
            dtype=np.int64,
            count=len(surfaces_list),
        )
        known = set(surface_df) | (lexicon or set())
        splitter = Splitter(known.__contains__)
        part_pairs: list[tuple[int, int]] = []
        for i, (_word, lang) in enumerate(surfaces_list):
            if lang != "de":
                continue
            for part in splitter.parts(folded[i]):
                part_term = terms.setdefault(stem(part, "de"), len(terms))
                if part_term != surface_term[i]:
                    part_pairs.append((i, part_term))

        e_terms = surface_term[e_surface] if len(e_surface) else np.zeros(0, dtype=np.int64)
        e_weight = np.ones(len(e_terms), dtype=np.float32)
        if part_pairs and len(e_surface):
            pp = np.asarray(part_pairs, dtype=np.int64)
            order = np.argsort(pp[:, 0], kind="stable")
            pp = pp[order]
            starts = np.searchsorted(pp[:, 0], np.arange(len(surfaces_list)))
            ends = np.searchsorted(pp[:, 0], np.arange(len(surfaces_list)), side="right")
            counts = (ends - starts)[e_surface]
            has = np.flatnonzero(counts)
            if len(has):
                rep = np.repeat(has, counts[has])
                first = np.repeat(starts[e_surface[has]], counts[has])
                within = np.arange(len(rep)) - np.repeat(np.cumsum(counts[has]) - counts[has], counts[has])
                part_terms = pp[first + within, 1]
                e_rows = np.concatenate([e_rows, e_rows[rep]])
                e_fields = np.concatenate([e_fields, e_fields[rep]])
                e_terms = np.concatenate([e_terms, part_terms])
                e_weight = np.concatenate([e_weight, np.full(len(rep), COMPOUND_PART_WEIGHT, dtype=np.float32)])

        field_length_sum = {name: float(lengths[f, :n].sum()) for f, name in enumerate(FIELDS)}
        if averages is None:
            averages = {name: (field_length_sum[name] / n if n else 1.0) for name in FIELDS}
        weights = np.asarray([FIELD_WEIGHTS[name] for name in FIELDS], dtype=np.float32)
        b = np.asarray([FIELD_B[name] for name in FIELDS], dtype=np.float32)
        avg = np.asarray([max(averages.get(name, 1.0), 1e-6) for name in FIELDS], dtype=np.float32)
        if len(e_terms):
            norm = 1 - b[e_fields] + b[e_fields] * lengths[e_fields, e_rows] / avg[e_fields]
            contribution = weights[e_fields] * e_weight / norm
            keys = e_terms * max(n, 1) + e_rows
            unique_keys, inverse = np.unique(keys, return_inverse=True)
            tf = np.bincount(inverse, weights=contribution).astype(np.float32)
            post_terms = unique_keys // max(n, 1)
            post_rows = (unique_keys % max(n, 1)).astype(np.int32)
            post_sat = tf / (tf + K1)
            offsets = np.searchsorted(post_terms, np.arange(len(terms) + 1)).astype(np.int64)
        else:
            post_rows = np.zeros(0, dtype=np.int32)
            post_sat = np.zeros(0, dtype=np.float32)
            offsets = np.zeros(len(terms) + 1, dtype=np.int64)

        return cls(
            doc_ids=doc_ids,
            object_ids=object_ids,
            kinds=kinds,
            terms=terms,
            offsets=offsets,
            post_rows=post_rows,
            post_sat=post_sat,
            surfaces=surface_df,
            display=display,
            embeddings=embeddings,
            field_length_sum=field_length_sum,
        )


@dataclass
class SearchIndex:
    journal: tuple[int, str]  #: (highest IndexChange id, its time) when built
    base: Segment
    delta: Segment | None
    alive: np.ndarray  #: bool per base row (False: changed or removed since the base was built)
    kind_codes: dict[str, int]
    changed_doc_ids: set[int]
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


def _rows(queryset) -> Iterable[tuple]:
    fields = ("pk", "kind", "language", "tokens", "embedding", "object_id")
    return queryset.order_by("pk").values_list(*fields).iterator(chunk_size=2000)


def _latest_journal() -> tuple[int, str]:
    """Highest journal id and its time: the time tells a replayed id (after a rollback) apart."""
    latest = IndexChange.objects.order_by("-id").values_list("id", "created_at").first()
    return (latest[0], str(latest[1])) if latest else (0, "")


def build_full(journal: tuple[int, str] | None = None) -> SearchIndex:
    journal = _latest_journal() if journal is None else journal
    kind_codes: dict[str, int] = {}
    base = Segment.build(_rows(SearchDocument.objects.all()), kind_codes, count=SearchDocument.objects.count())
    return SearchIndex(
        journal=journal,
        base=base,
        delta=None,
        alive=np.ones(base.n, dtype=bool),
        kind_codes=kind_codes,
        changed_doc_ids=set(),
    )


def _apply_changes(index: SearchIndex, journal: tuple[int, str]) -> SearchIndex:
    changes = list(
        IndexChange.objects.filter(id__gt=index.journal[0], id__lte=journal[0]).values_list("document_id", "rebuild")
    )
    if any(rebuild for _doc, rebuild in changes):
        return build_full(journal)
    changed = index.changed_doc_ids | {doc for doc, _rebuild in changes if doc is not None}
    if len(changed) > max(MAX_DELTA_DOCS, 0) or len(changed) > max(index.base.n // 10, 50):
        return build_full(journal)
    rows = []
    changed_list = sorted(changed)
    for start in range(0, len(changed_list), 500):
        rows.extend(list(_rows(SearchDocument.objects.filter(pk__in=changed_list[start : start + 500]))))
    kind_codes = dict(index.kind_codes)
    averages = {
        name: (index.base.field_length_sum.get(name, 0.0) / index.base.n if index.base.n else 1.0) for name in FIELDS
    }
    delta = Segment.build(rows, kind_codes, lexicon=set(index.base.surfaces), averages=averages)
    alive = ~np.isin(index.base.doc_ids, np.fromiter(changed, dtype=np.int64, count=len(changed)))
    return SearchIndex(
        journal=journal,
        base=index.base,
        delta=delta,
        alive=alive,
        kind_codes=kind_codes,
        changed_doc_ids=changed,
    )


def current_index() -> SearchIndex:
    """The index of this process, brought up to date with the journal first."""
    global _index
    journal = _latest_journal()
    index = _index
    if index is not None and index.journal == journal:
        return index
    with _lock:
        index = _index
        if index is None or journal[0] <= index.journal[0] or not _journal_has(index.journal):
            index = build_full(journal)  # first use, or the journal was rolled back or pruned
        elif index.journal != journal:
            index = _apply_changes(index, journal)
        _index = index
    return index


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


def score_segment(
    index: SearchIndex,
    segment: Segment,
    alive: np.ndarray | None,
    slots: list[Slot],
    idf: dict[str, float],
) -> tuple[np.ndarray, np.ndarray]:
    """(score, number of matched slots) per row of ``segment``."""
    n = segment.n
    total = np.zeros(n, dtype=np.float32)
    matched = np.zeros(n, dtype=np.int16)
    cache: dict[str, np.ndarray | None] = {}

    def term_scores(term: str) -> np.ndarray | None:
        if term not in cache:
            postings = segment.postings(term)
            if postings is None or not len(postings[0]):
                cache[term] = None
            else:
                dense = np.zeros(n, dtype=np.float32)
                dense[postings[0]] = postings[1] * idf[term]
                cache[term] = dense
        return cache[term]

    for slot in slots:
        best = None
        for alternative in slot.alternatives:
            parts = [term_scores(t) for t in alternative.terms]
            if any(p is None for p in parts):
                continue
            value = parts[0].copy() if len(parts) == 1 else np.sum(parts, axis=0)
            if len(parts) > 1:
                present = np.all([p > 0 for p in parts], axis=0)
                value = np.where(present, value / len(parts) ** 0.5, 0)
            value *= alternative.weight
            best = value if best is None else np.maximum(best, value)
        if best is not None:
            total += best
            matched += best > 0
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


def semantic_scores(segment: Segment, query_vector: np.ndarray) -> np.ndarray | None:
    if segment.embeddings is None:
        return None
    return segment.embeddings @ query_vector.astype(np.float32)
