"""One segment of the in-memory index: postings in CSR arrays plus sentence embeddings.

A segment is built from :class:`~krisenwissen.search.models.SearchDocument` rows **in chunks**
(:class:`SegmentBuilder`), so building 100,000 documents needs a few hundred megabytes instead of
gigabytes: each chunk is reduced at once to one entry per (word, document, field), and only at the
end, when the whole vocabulary is known (compound splitting needs it) and the average field lengths
are known (BM25F needs them), are the entries turned into term postings, again chunk by chunk, and
placed into the final arrays with a counting sort.

Arrays of a segment are plain numpy arrays, so a segment can be written to ``.npy`` files and
memory-mapped by the next process (:mod:`krisenwissen.search.snapshot`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from . import embedding
from .analysis import STOP_WORDS, fold, stem
from .compounds import Splitter

#: How much a word counts in each field, and how strongly the field's length normalises it.
FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "keywords": 2.0, "taxonomy": 0.8, "body": 1.0, "place": 1.5}
FIELD_B = {"title": 0.4, "summary": 0.5, "keywords": 0.3, "taxonomy": 0.3, "body": 0.75, "place": 0.3}
FIELDS = tuple(FIELD_WEIGHTS)
K1 = 1.2
#: A compound part counts this much of the whole word ("Hitze" in "Hitzeschutz").
COMPOUND_PART_WEIGHT = 0.5
#: Documents per build chunk: bounds the temporary memory of a build.
CHUNK_DOCS = 4000
#: From this many documents on, semantic scoring first ranks everything on a 128-dimensional
#: projection of the embeddings (a quarter of the memory traffic) and rescores the best few hundred
#: exactly; below it every document is scored exactly.
PROJECTION_MIN_DOCS = 20_000
PROJECTION_DIMENSIONS = 128
PROJECTION_SAMPLE = 20_000


class _Vocabulary(dict):
    """Word → surface id for one language; stop words map to -1. New words get the next id."""

    def __init__(self, language: str, surfaces: list[tuple[str, str]]):
        super().__init__((word, -1) for word in STOP_WORDS)
        self.language = language
        self.surfaces = surfaces

    def __missing__(self, word: str) -> int:
        surface_id = len(self.surfaces)
        self.surfaces.append((word, self.language))
        self[word] = surface_id
        return surface_id


@dataclass
class Segment:
    doc_ids: np.ndarray  #: SearchDocument pk per row
    object_ids: np.ndarray  #: id of the indexed object per row
    kinds: np.ndarray  #: kind code per row (int16)
    terms: dict[str, int]  #: stem → term id
    offsets: np.ndarray  #: CSR: postings of term t are [offsets[t], offsets[t + 1])
    post_rows: np.ndarray  #: int32 row per posting, ascending within a term
    post_sat: np.ndarray  #: float32 saturated BM25F frequency per posting
    surfaces: dict[str, int]  #: folded word → number of documents (for typos and compounds)
    display: dict[str, str]  #: folded word → how it is written (casefolded, umlauts kept)
    embeddings: np.ndarray | None  #: (n, 512) float16, rows without an embedding are zero
    field_length_sum: dict[str, float] = field(default_factory=dict)
    #: (512, 128) float32 projection and the (n, 128) float32 projected embeddings, for big segments
    projection: np.ndarray | None = None
    projected: np.ndarray | None = None
    _exact: np.ndarray | None = None

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

    @property
    def nbytes_postings(self) -> int:
        return int(self.post_rows.nbytes + self.post_sat.nbytes + self.offsets.nbytes)

    @property
    def nbytes_embeddings(self) -> int:
        total = self.embeddings.nbytes if self.embeddings is not None else 0
        return int(total + (self.projected.nbytes if self.projected is not None else 0))

    # -- semantic scoring --

    def approximate_similarity(self, query_vector: np.ndarray) -> np.ndarray | None:
        """Cosine similarity to every row: exact for small segments, projected for big ones."""
        if self.embeddings is None:
            return None
        if self.projected is not None and self.projection is not None:
            return self.projected @ (query_vector @ self.projection)
        if self._exact is None:
            # float32 copy for small segments: numpy has no BLAS product for float16.
            self._exact = np.asarray(self.embeddings, dtype=np.float32)
        return self._exact @ query_vector

    @property
    def approximate(self) -> bool:
        return self.projected is not None

    def exact_similarity(self, rows: np.ndarray, query_vector: np.ndarray) -> np.ndarray:
        if self.embeddings is None or not len(rows):
            return np.zeros(len(rows), dtype=np.float32)
        if self._exact is not None:
            return self._exact[rows] @ query_vector
        return np.asarray(self.embeddings[rows], dtype=np.float32) @ query_vector

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
        """Build from ``(pk, kind, language, tokens, embedding, object_id)`` rows (see :class:`SegmentBuilder`)."""
        builder = SegmentBuilder(kind_codes, lexicon=lexicon, averages=averages)
        builder.add(rows)
        return builder.finish()


class SegmentBuilder:
    """Builds a :class:`Segment` chunk by chunk with bounded memory.

    BM25F: per document and term, ``tf' = Σ_field w_f · tf_f / (1 − b_f + b_f · len_f / avg_f)``,
    stored saturated as ``tf' / (tf' + k1)``; the query multiplies by the term's idf.
    ``lexicon`` adds known words for compound splitting (the base's words, for a delta);
    ``averages`` fixes the average field lengths (the base's, for a delta).
    """

    def __init__(
        self,
        kind_codes: dict[str, int],
        *,
        lexicon: set[str] | None = None,
        averages: dict[str, float] | None = None,
        chunk_docs: int = CHUNK_DOCS,
    ):
        self.kind_codes = kind_codes
        self.lexicon = lexicon
        self.averages = averages
        self.chunk_docs = chunk_docs
        self.surfaces: list[tuple[str, str]] = []
        self.vocabularies = {lang: _Vocabulary(lang, self.surfaces) for lang in ("de", "en")}
        self.doc_ids: list[int] = []
        self.object_ids: list[int] = []
        self.kinds: list[int] = []
        self.lengths: list[np.ndarray] = []  #: per chunk (fields, docs)
        self.chunks: list[tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self.surface_docs = np.zeros(0, dtype=np.int64)  #: documents per surface id
        self.vectors: list[np.ndarray] = []  #: per chunk (docs, 512) float16
        self.has_vectors = False
        self._pending: list[tuple] = []

    def add(self, rows: Iterable[tuple]) -> None:
        for row in rows:
            self._pending.append(row)
            if len(self._pending) >= self.chunk_docs:
                self._flush()

    def _flush(self) -> None:
        rows, self._pending = self._pending, []
        if not rows:
            return
        start = len(self.doc_ids)
        m = len(rows)
        ids: list[int] = []
        segment_lengths: list[int] = []  # tokens per (document, field), stop words included
        vectors = np.zeros((m, embedding.DIMENSIONS), dtype=np.float16)
        for local, (pk, kind, language, token_fields, vector_bytes, object_id) in enumerate(rows):
            self.doc_ids.append(pk)
            self.object_ids.append(object_id)
            self.kinds.append(self.kind_codes.setdefault(kind, len(self.kind_codes)))
            if isinstance(token_fields, str):
                token_fields = json.loads(token_fields)
            getitem = self.vocabularies["en" if language == "en" else "de"].__getitem__
            for name in FIELDS:
                text = token_fields.get(name) if token_fields else None
                words = list(map(getitem, text.split())) if text else []
                ids.extend(words)
                segment_lengths.append(len(words))
            vector = embedding.from_bytes(vector_bytes)
            if vector is not None:
                vectors[local] = vector
                self.has_vectors = True
        self.vectors.append(vectors)
        surface = np.array(ids, dtype=np.int64)
        per_slot = np.array(segment_lengths, dtype=np.int64)
        slot = np.repeat(np.arange(m * len(FIELDS), dtype=np.int64), per_slot)  # local_doc * F + field
        content = surface >= 0
        surface, slot = surface[content], slot[content]
        self.lengths.append(np.bincount(slot, minlength=m * len(FIELDS)).reshape(m, len(FIELDS)).T.astype(np.float32))
        # One entry per (surface, document, field) with its count.
        keys = surface * (m * len(FIELDS)) + slot
        keys.sort()
        if len(keys):
            boundary = np.flatnonzero(np.diff(keys)) + 1
            starts = np.concatenate([[0], boundary])
            counts = np.diff(np.concatenate([starts, [len(keys)]])).astype(np.float32)
            unique = keys[starts]
        else:
            unique, counts = keys, np.zeros(0, dtype=np.float32)
        e_surface = (unique // (m * len(FIELDS))).astype(np.int32)
        e_slot = unique % (m * len(FIELDS))
        e_row = (e_slot // len(FIELDS)).astype(np.int32)
        e_field = (e_slot % len(FIELDS)).astype(np.int8)
        # Documents per surface (each (surface, document) pair once).
        pair = e_surface.astype(np.int64) * m + e_row
        first = np.ones(len(pair), dtype=bool)
        first[1:] = pair[1:] != pair[:-1]  # sorted by surface, then document
        docs = np.bincount(e_surface[first], minlength=len(self.surfaces))
        if len(self.surface_docs) < len(docs):
            self.surface_docs = np.concatenate(
                [self.surface_docs, np.zeros(len(docs) - len(self.surface_docs), dtype=np.int64)]
            )
        self.surface_docs[: len(docs)] += docs
        self.chunks.append((start, e_surface, e_row, e_field, counts))

    def finish(self) -> Segment:
        self._flush()
        n = len(self.doc_ids)
        surfaces = self.surfaces
        lengths = np.concatenate(self.lengths, axis=1) if self.lengths else np.zeros((len(FIELDS), 0), np.float32)
        folded = [fold(word) for word, _lang in surfaces]
        surface_df: dict[str, int] = {}
        display: dict[str, str] = {}
        docs = self.surface_docs.tolist() + [0] * (len(surfaces) - len(self.surface_docs))
        for (word, _lang), folded_word, count in zip(surfaces, folded, docs):
            surface_df[folded_word] = surface_df.get(folded_word, 0) + count
            display.setdefault(folded_word, word)

        # Stems, and compound parts of German words, as term ids.
        terms: dict[str, int] = {}
        surface_term = np.fromiter(
            (terms.setdefault(stem(word, lang), len(terms)) for word, lang in surfaces),
            dtype=np.int32,
            count=len(surfaces),
        )
        known = set(surface_df) | (self.lexicon or set())
        splitter = Splitter(known.__contains__)
        part_offsets = np.zeros(len(surfaces) + 1, dtype=np.int64)
        part_terms: list[int] = []
        for i, (_word, lang) in enumerate(surfaces):
            if lang == "de":
                for part in splitter.parts(folded[i]):
                    part_term = terms.setdefault(stem(part, "de"), len(terms))
                    if part_term != surface_term[i]:
                        part_terms.append(part_term)
            part_offsets[i + 1] = len(part_terms)
        parts = np.array(part_terms, dtype=np.int32)
        part_counts = np.diff(part_offsets)

        field_length_sum = {name: float(lengths[f].sum()) for f, name in enumerate(FIELDS)}
        averages = self.averages
        if averages is None:
            averages = {name: (field_length_sum[name] / n if n else 1.0) for name in FIELDS}
        weights = np.asarray([FIELD_WEIGHTS[name] for name in FIELDS], dtype=np.float32)
        b = np.asarray([FIELD_B[name] for name in FIELDS], dtype=np.float32)
        avg = np.asarray([max(averages.get(name, 1.0), 1e-6) for name in FIELDS], dtype=np.float32)
        norm = (1 - b[:, None] + b[:, None] * lengths / avg[:, None]).astype(np.float32)  # (fields, n)

        # Term postings per chunk: (term, row, tf') sorted by term, then row.
        term_chunks = []
        term_count = np.zeros(len(terms), dtype=np.int64)
        while self.chunks:
            start, e_surface, e_row, e_field, counts = self.chunks.pop(0)
            rows = e_row.astype(np.int64) + start
            # float32 per occurrence and float64 sums, as a token-by-token sum would give.
            e_norm = norm[e_field, rows]
            value = (weights[e_field] / e_norm).astype(np.float64) * counts
            e_terms = surface_term[e_surface]
            has = np.flatnonzero(part_counts[e_surface])
            if len(has):
                reps = part_counts[e_surface[has]]
                rep = np.repeat(has, reps)
                first = np.repeat(part_offsets[e_surface[has]], reps)
                within = np.arange(len(rep)) - np.repeat(np.cumsum(reps) - reps, reps)
                part_value = (weights[e_field[rep]] * np.float32(COMPOUND_PART_WEIGHT) / e_norm[rep]).astype(np.float64)
                e_terms = np.concatenate([e_terms, parts[first + within]])
                rows = np.concatenate([rows, rows[rep]])
                value = np.concatenate([value, part_value * counts[rep]])
            local = rows - start
            width = int(local.max()) + 1 if len(local) else 1
            keys = e_terms.astype(np.int64) * width + local
            order = np.argsort(keys, kind="stable")
            keys, value = keys[order], value[order]
            if len(keys):
                starts = np.concatenate([[0], np.flatnonzero(np.diff(keys)) + 1])
                tf = np.add.reduceat(value, starts).astype(np.float32)
                unique = keys[starts]
            else:
                tf, unique = np.zeros(0, np.float32), keys
            chunk_terms = (unique // width).astype(np.int32)
            chunk_rows = (unique % width + start).astype(np.int32)
            term_count += np.bincount(chunk_terms, minlength=len(terms))
            term_chunks.append((chunk_terms, chunk_rows, tf / (tf + K1)))
        offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(term_count, out=offsets[1:])
        post_rows = np.empty(int(offsets[-1]), dtype=np.int32)
        post_sat = np.empty(int(offsets[-1]), dtype=np.float32)
        filled = offsets[:-1].copy()
        while term_chunks:
            chunk_terms, chunk_rows, sat = term_chunks.pop(0)
            if not len(chunk_terms):
                continue
            per_term = np.bincount(chunk_terms, minlength=len(terms))
            group_start = np.cumsum(per_term) - per_term
            position = filled[chunk_terms] + (np.arange(len(chunk_terms)) - group_start[chunk_terms])
            post_rows[position] = chunk_rows
            post_sat[position] = sat
            filled += per_term

        embeddings = None
        if self.has_vectors and n:
            embeddings = np.concatenate(self.vectors) if len(self.vectors) > 1 else self.vectors[0]
        self.vectors = []
        projection = projected = None
        if embeddings is not None and n >= PROJECTION_MIN_DOCS:
            projection, projected = project(embeddings)
        return Segment(
            doc_ids=np.asarray(self.doc_ids, dtype=np.int64),
            object_ids=np.asarray(self.object_ids, dtype=np.int64),
            kinds=np.asarray(self.kinds, dtype=np.int16),
            terms=terms,
            offsets=offsets,
            post_rows=post_rows,
            post_sat=post_sat,
            surfaces=surface_df,
            display=display,
            embeddings=embeddings,
            field_length_sum=field_length_sum,
            projection=projection,
            projected=projected,
        )


def project(embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The best rank-128 approximation of the dot products (principal axes of a sample, uncentred).

    ``projected @ (q @ projection)`` approximates ``embeddings @ q``; the search rescores the best
    few hundred candidates with the full vectors, so the approximation only has to keep the true
    best ones in that candidate set.
    """
    n = len(embeddings)
    rng = np.random.default_rng(0)
    sample_rows = np.sort(rng.choice(n, size=min(n, PROJECTION_SAMPLE), replace=False))
    sample = np.asarray(embeddings[sample_rows], dtype=np.float32)
    _values, vectors = np.linalg.eigh(sample.T @ sample)
    projection = np.ascontiguousarray(vectors[:, ::-1][:, :PROJECTION_DIMENSIONS], dtype=np.float32)
    projected = np.empty((n, PROJECTION_DIMENSIONS), dtype=np.float32)
    for start in range(0, n, 10_000):
        projected[start : start + 10_000] = np.asarray(embeddings[start : start + 10_000], np.float32) @ projection
    return projection, projected
