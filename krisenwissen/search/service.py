"""The search service: one call from a query string to ranked, highlighted results with facets.

The HTML page (:mod:`krisenwissen.search.views`) and the API (:mod:`krisenwissen.api.search`) both
call :func:`search`, so they always agree.

Ranking, in short (``docs/search.md`` explains the choices):

1. The query is parsed (:mod:`.query`) into words, phrases and excluded words.
2. Each word becomes a *slot* with alternatives: its German and English stems, its compound parts
   (all required), a spelling correction if the word is unknown, and the other variants of a
   thesaurus group it belongs to (multi-word variants need all their words).
3. Lexical score: BM25F over the fields, summed over slots (each slot scores with its best
   alternative), times a mild coordination factor for matching more slots.
4. Semantic score: cosine similarity of multilingual sentence embeddings.
5. The two rankings are fused by reciprocal rank fusion (RRF); phrases and exclusions filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from django.db.models import Q
from django.utils.translation import gettext as _

from . import embedding
from .analysis import fold, query_stems, stem, tokens
from .engine import (
    Alternative,
    SearchIndex,
    Slot,
    current_index,
    rows_with_any,
    score_segment,
    semantic_candidates,
)
from .models import SearchDocument
from .query import MAX_QUERY_CHARS, ParsedQuery, parse
from .registry import kinds
from .snippets import highlight, matcher
from .thesaurus import Thesaurus, current_thesaurus

#: Reciprocal rank fusion: score = Σ weight / (RRF_K + rank).
RRF_K = 60
LEXICAL_WEIGHT = 1.0
SEMANTIC_WEIGHT = 1.0
#: Semantic candidates: the best SEMANTIC_TOP documents above SEMANTIC_MIN cosine similarity. A
#: document found only semantically must clear SEMANTIC_ONLY_MIN to be a result at all.
SEMANTIC_TOP = 50
SEMANTIC_MIN = 0.2
SEMANTIC_ONLY_MIN = 0.35
COMPOUND_WEIGHT = 0.8
#: The head of a compound query word alone ("Abhängige" for "Drogenabhängige").
HEAD_WEIGHT = 0.4
SYNONYM_WEIGHT = 0.9
TYPO_WEIGHT = 0.9
#: score × ((1 + matched slots) / (1 + slots)) ** COORDINATION
COORDINATION = 1.0
MAX_TYPO_CANDIDATES = 5
#: Expanded queries kept per index (analysis, thesaurus, typo look-ups are the same every time).
QUERY_CACHE_SIZE = 512
#: Most hits the database fallback returns while the index is being built.
FALLBACK_LIMIT = 1000


@dataclass
class Hit:
    document_id: int
    kind: str
    object_id: int
    score: float


@dataclass
class RankedHits:
    """Every hit in rank order, as parallel arrays (a broad query on a big index has many).

    Content types are kept as small integer codes (``kind_codes``, names in ``kind_names``):
    counting and filtering them is then a pass over integers, not strings.
    """

    doc_ids: np.ndarray
    kind_codes: np.ndarray
    object_ids: np.ndarray
    scores: np.ndarray
    kind_names: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.doc_ids)

    @property
    def kinds(self) -> np.ndarray:
        """The kind name of every hit (an object array; prefer ``kind_codes`` for big result sets)."""
        names = np.array(list(self.kind_names) or [""], dtype=object)
        return names[self.kind_codes] if len(self.kind_codes) else np.zeros(0, dtype=object)

    def code(self, kind: str) -> int:
        return self.kind_names.index(kind) if kind in self.kind_names else -1

    def of_kind(self, kind: str) -> np.ndarray:
        return self.kind_codes == self.code(kind)

    def counts(self) -> dict[str, int]:
        if not len(self):
            return {}
        totals = np.bincount(self.kind_codes, minlength=len(self.kind_names))
        return {name: int(totals[i]) for i, name in enumerate(self.kind_names) if totals[i]}

    def select(self, mask: np.ndarray) -> RankedHits:
        return RankedHits(
            self.doc_ids[mask], self.kind_codes[mask], self.object_ids[mask], self.scores[mask], self.kind_names
        )

    def hits(self, start: int = 0, stop: int | None = None) -> list[Hit]:
        window = slice(start, stop)
        return [
            Hit(document_id=int(d), kind=self.kind_names[int(k)], object_id=int(o), score=float(s))
            for d, k, o, s in zip(
                self.doc_ids[window], self.kind_codes[window], self.object_ids[window], self.scores[window]
            )
        ]


EMPTY = RankedHits(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int16), np.zeros(0, dtype=np.int64), np.zeros(0))


@dataclass
class SearchResponse:
    query: ParsedQuery
    ranked: RankedHits = field(default_factory=lambda: EMPTY)
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)
    match_stems: set[str] = field(default_factory=set)
    match_words: set[str] = field(default_factory=set)
    index: SearchIndex | None = None

    @property
    def count(self) -> int:
        return len(self.ranked)

    @property
    def hits(self) -> list[Hit]:
        """Every hit as objects (convenient for small result sets; pages use ``ranked.hits(a, b)``)."""
        return self.ranked.hits()


# --- Query expansion --------------------------------------------------------------------------


def _word_alternatives(word: str, index: SearchIndex, weight: float = 1.0) -> list[Alternative]:
    alternatives = [Alternative((s,), weight) for s in query_stems(word)]
    folded = fold(word)
    parts = index.splitter.parts(folded)
    leaves = [p for p in parts if not index.splitter.parts(p)]
    if len(leaves) > 1:
        alternatives.append(Alternative(tuple(dict.fromkeys(stem(p, "de") for p in leaves)), weight * COMPOUND_WEIGHT))
        # German compounds are right-headed: a "Drogenabhängige" is a kind of "Abhängige", so the
        # head alone is a weaker fallback ("Opioidabhängige" still matches).
        head = parts[-1] if parts[-1] in leaves else leaves[-1]
        alternatives.append(Alternative((stem(head, "de"),), weight * HEAD_WEIGHT))
    return alternatives


def _known(alternatives: list[Alternative], index: SearchIndex) -> bool:
    return any(all(index.df(t) > 0 for t in alt.terms) for alt in alternatives)


def correct(word: str, index: SearchIndex) -> str | None:
    """The most frequent indexed word within a small edit distance of ``word``, if any."""
    folded = fold(word)
    if len(folded) < 4 or not folded.isalpha():
        return None
    max_distance = 1 if len(folded) < 8 else 2
    vocabulary = index.vocabulary()
    candidates = process.extract(
        folded,
        vocabulary.keys(),
        scorer=Levenshtein.distance,
        score_cutoff=max_distance,
        limit=MAX_TYPO_CANDIDATES * 4,
    )
    candidates = [(c, d) for c, d, _k in candidates if c != folded]
    if not candidates:
        return None
    best = min(candidates, key=lambda cd: (cd[1], -vocabulary.get(cd[0], 0), cd[0]))
    return best[0]


def _variant_alternatives(variant, index: SearchIndex, weight: float) -> list[Alternative]:
    if len(variant.stems) == 1:
        alts = [Alternative((s,), weight) for s in variant.alternatives[0]]
        word = tokens(variant.text)
        if word:
            alts.extend(a for a in _word_alternatives(word[-1], index, weight) if len(a.terms) > 1)
        return alts
    german = Alternative(variant.stems, weight)
    english = Alternative(tuple(stems[-1] for stems in variant.alternatives), weight)
    return [german] if german.terms == english.terms else [german, english]


def expand(query: ParsedQuery, index: SearchIndex, thesaurus: Thesaurus) -> tuple[list[Slot], dict[str, str]]:
    """Slots for the query's words, plus the spelling corrections made (original → corrected)."""
    words = list(query.words)
    corrections: dict[str, str] = {}
    per_word: list[list[Alternative]] = []
    for i, word in enumerate(words):
        alternatives = _word_alternatives(word, index)
        if not _known(alternatives, index):
            corrected = correct(word, index)
            if corrected:
                corrections[word] = corrected
                words[i] = index.display(corrected)
                alternatives = _word_alternatives(words[i], index, TYPO_WEIGHT)
        per_word.append(alternatives)

    german_stems = [stem(w, "de") for w in words]
    slots: list[Slot] = []
    i = 0
    while i < len(words):
        matched = None
        for group_index, variant in thesaurus.by_first_stem.get(german_stems[i], ()):
            length = len(variant.stems)
            if tuple(german_stems[i : i + length]) == variant.stems:
                matched = (group_index, variant, length)
                break
        if matched is None:
            slots.append(Slot(per_word[i], label=words[i]))
            i += 1
            continue
        group_index, variant, length = matched
        whole = Alternative(tuple(german_stems[i : i + length]), 1.0)
        alternatives = list(per_word[i]) if length == 1 else [whole]
        for other in thesaurus.groups[group_index]:
            if other.stems != variant.stems:
                alternatives.extend(_variant_alternatives(other, index, SYNONYM_WEIGHT))
        slots.append(Slot(alternatives, label=" ".join(words[i : i + length])))
        i += length
    return slots, corrections


# --- Search -----------------------------------------------------------------------------------


def _rank_positions(order: np.ndarray, size: int) -> np.ndarray:
    ranks = np.full(size, np.inf)
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def _phrase_ok(document_ids: list[int], phrases: list[list[str]]) -> set[int]:
    """Documents containing every phrase as consecutive content words in one field."""
    from .analysis import is_stop_word

    ok = set()
    for start in range(0, len(document_ids), 500):
        chunk = document_ids[start : start + 500]
        for pk, language, token_fields in SearchDocument.objects.filter(pk__in=chunk).values_list(
            "pk", "language", "tokens"
        ):
            lang = "en" if language == "en" else "de"
            streams = [
                [stem(t, lang) for t in text.split() if not is_stop_word(t)] for text in (token_fields or {}).values()
            ]
            if all(_contains_phrase(streams, phrase) for phrase in phrases):
                ok.add(pk)
    return ok


def _contains_phrase(streams: list[list[str]], phrase: list[str]) -> bool:
    options = [set(query_stems(w)) for w in phrase]
    length = len(options)
    for stream in streams:
        for i in range(len(stream) - length + 1):
            if all(stream[i + j] in options[j] for j in range(length)):
                return True
    return False


def search(
    q: str | None,
    *,
    kind: str | None = None,
    restrict: Mapping[str, set[int]] | None = None,
) -> SearchResponse:
    """Every public document matching ``q``, best first.

    ``kind`` keeps one content type; ``restrict`` maps a kind to the object ids allowed for it
    (facet filters), and drops all other kinds.
    """
    query = parse(q)
    response = SearchResponse(query=query)
    if query.truncated:
        response.notices.append(
            _("Ihre Suchanfrage war sehr lang und wurde nach %(max)d Zeichen gekürzt.") % {"max": MAX_QUERY_CHARS}
        )
    if query.is_empty:
        return response
    index = current_index()
    if index is None:
        return _database_fallback(query, response, kind=kind, restrict=restrict)
    response.index = index
    slots, corrections, terms, idf = _analysed(query, index)
    if corrections:
        response.suggestion = _suggestion(query.raw, corrections, index)
    response.match_stems = terms
    response.match_words = {fold(w) for w in query.words} | set(corrections.values())
    excluded_terms = [s for w in query.excluded for s in query_stems(w)]
    phrase_terms = [[s for w in phrase for s in query_stems(w)] for phrase in query.phrases]
    query_vector = embedding.encode_query(query.semantic_text) if not query.phrases else None
    kind_code = index.kind_codes.get(kind) if kind else None
    allowed_codes = None
    if restrict is not None:
        allowed_codes = [index.kind_codes[k] for k in restrict if k in index.kind_codes]
    msm = min_should_match(len(slots))

    # per segment: doc ids, kind codes, object ids, lexical score, semantic score (-inf: not a candidate)
    parts: list[tuple[np.ndarray, ...]] = []
    for segment, alive in index.segments:
        if not segment.n:
            continue
        lexical, matched = score_segment(index, segment, alive, slots, idf)
        if len(slots) > 1 and COORDINATION:
            lexical = lexical * ((1 + matched) / (1 + len(slots))) ** COORDINATION
        keep = np.ones(segment.n, dtype=bool) if alive is None else alive.copy()
        if kind:
            keep &= segment.kinds == (kind_code if kind_code is not None else -1)
        if allowed_codes is not None:
            keep &= np.isin(segment.kinds, allowed_codes)
            for name, ids in restrict.items():
                code = index.kind_codes.get(name)
                if code is not None:
                    allowed_ids = np.fromiter(ids, dtype=np.int64, count=len(ids))
                    keep &= (segment.kinds != code) | np.isin(segment.object_ids, allowed_ids)
        if excluded_terms:
            keep &= ~rows_with_any(segment, excluded_terms)
        for terms_of_phrase in phrase_terms:
            keep &= rows_with_any(segment, terms_of_phrase)
        found = (lexical > 0) & (matched >= msm) & keep
        semantic_rows = semantic_values = None
        if query_vector is not None:
            candidates = semantic_candidates(segment, query_vector, keep, found)
            if candidates is not None:
                semantic_rows, semantic_values = candidates
                eligible = semantic_rows[semantic_values >= SEMANTIC_ONLY_MIN]
                if len(eligible) > SEMANTIC_TOP:
                    scores = semantic_values[semantic_values >= SEMANTIC_ONLY_MIN]
                    eligible = eligible[np.argpartition(-scores, SEMANTIC_TOP)[:SEMANTIC_TOP]]
                found[eligible] = True
        rows = np.flatnonzero(found)
        semantic = np.full(len(rows), -np.inf, dtype=np.float32)
        if semantic_rows is not None and len(rows):
            position = np.searchsorted(rows, semantic_rows)
            position[position == len(rows)] = 0
            hit = rows[position] == semantic_rows
            semantic[position[hit]] = semantic_values[hit]
        parts.append((segment.doc_ids[rows], segment.kinds[rows], segment.object_ids[rows], lexical[rows], semantic))
    if not parts:
        return response
    doc_ids, kind_codes, object_ids, lexical, semantic = (np.concatenate(column) for column in zip(*parts))
    if phrase_terms and len(doc_ids):
        ok = _phrase_ok(doc_ids.tolist(), query.phrases)
        mask = np.isin(doc_ids, np.fromiter(ok, dtype=np.int64, count=len(ok)))
        doc_ids, kind_codes, object_ids, lexical, semantic = (
            a[mask] for a in (doc_ids, kind_codes, object_ids, lexical, semantic)
        )
    if not len(doc_ids):
        return response

    size = len(doc_ids)
    fused = LEXICAL_WEIGHT / (RRF_K + _rank_positions(_lexical_order(lexical), size))
    if query_vector is not None:
        semantic_order = np.flatnonzero(semantic >= SEMANTIC_MIN)
        if len(semantic_order) > SEMANTIC_TOP:
            semantic_order = semantic_order[np.argpartition(-semantic[semantic_order], SEMANTIC_TOP)[:SEMANTIC_TOP]]
        semantic_order = semantic_order[np.argsort(-semantic[semantic_order], kind="stable")]
        fused = fused + SEMANTIC_WEIGHT / (RRF_K + _rank_positions(semantic_order, size))
    order = _final_order(fused, lexical, doc_ids)
    names = [""] * (max(index.kind_codes.values(), default=0) + 1)
    for name, code in index.kind_codes.items():
        names[code] = name
    response.ranked = RankedHits(
        doc_ids=doc_ids[order],
        kind_codes=kind_codes[order],
        object_ids=object_ids[order],
        scores=fused[order],
        kind_names=tuple(names),
    )
    return response


def _analysed(query: ParsedQuery, index: SearchIndex):
    """Slots, corrections, terms and idf of a query, cached per index and thesaurus version."""
    thesaurus = current_thesaurus()
    key = (tuple(query.words), thesaurus.fingerprint)
    cached = index.query_cache.get(key)
    if cached is None:
        slots, corrections = expand(query, index, thesaurus)
        terms = {t for slot in slots for alt in slot.alternatives for t in alt.terms}
        cached = (slots, corrections, terms, {t: index.idf(t) for t in terms})
        if len(index.query_cache) >= QUERY_CACHE_SIZE:
            index.query_cache.clear()
        index.query_cache[key] = cached
    return cached


def _lexical_order(lexical: np.ndarray) -> np.ndarray:
    """Hits with a lexical score, best first, ties in hit order (as a stable sort would give).

    Sorting one 64-bit key (score bits, position) with the fast unstable sort gives the same order
    as a stable sort of the scores, at a fraction of the cost on big result sets.
    """
    positive = np.flatnonzero(lexical > 0)
    bits = lexical[positive].astype(np.float32).view(np.uint32).astype(np.uint64)  # positive floats: monotone
    key = ((np.uint64(0xFFFFFFFF) - bits) << np.uint64(32)) | positive.astype(np.uint64)
    return positive[np.argsort(key)]


def _final_order(fused: np.ndarray, lexical: np.ndarray, doc_ids: np.ndarray) -> np.ndarray:
    """Hits by fused score, then lexical score, then document id; hits without any score dropped."""
    candidates = np.flatnonzero(fused > 0)
    order = candidates[np.argsort(-fused[candidates])]
    values = fused[order]
    if len(values) > 1 and np.any(values[1:] == values[:-1]):  # ties: settle them exactly
        order = candidates[np.lexsort((doc_ids[candidates], -lexical[candidates], -fused[candidates]))]
    return order


def _database_fallback(
    query: ParsedQuery, response: SearchResponse, *, kind: str | None, restrict: Mapping[str, set[int]] | None
) -> SearchResponse:
    """While a big index is being built: documents containing every query word in title or summary.

    No stemming, no ranking beyond newest first; the page says so. Never wrong, only less good.
    """
    response.notices.append(
        _("Die Suche wird gerade vorbereitet. Bis dahin zeigen wir eine einfache Textsuche ohne Rangfolge.")
    )
    documents = SearchDocument.objects.all()
    if kind:
        documents = documents.filter(kind=kind)
    if restrict is not None:
        allowed = Q(pk__in=[])
        for name, ids in restrict.items():
            allowed |= Q(kind=name, object_id__in=list(ids))
        documents = documents.filter(allowed)
    for word in query.words[:8]:
        documents = documents.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    for word in query.excluded[:8]:
        documents = documents.exclude(Q(title__icontains=word) | Q(summary__icontains=word))
    rows = list(documents.order_by("-pk").values_list("pk", "kind", "object_id")[:FALLBACK_LIMIT])
    names = tuple(dict.fromkeys(kind_name for _pk, kind_name, _object in rows))
    response.ranked = RankedHits(
        doc_ids=np.array([r[0] for r in rows], dtype=np.int64),
        kind_codes=np.array([names.index(r[1]) for r in rows], dtype=np.int16),
        object_ids=np.array([r[2] for r in rows], dtype=np.int64),
        scores=np.zeros(len(rows)),
        kind_names=names,
    )
    response.match_words = {fold(w) for w in query.words}
    return response


def min_should_match(slots: int) -> int:
    """How many of the query's concepts a lexical hit needs: one of up to three, a quarter of more.

    Ranking already prefers documents matching more concepts; this only keeps documents that share
    a single common word with a long question out of the result count.
    """
    return 1 if slots <= 3 else -(-slots // 4)


def _suggestion(raw: str, corrections: dict[str, str], index: SearchIndex) -> str:
    words = raw.split()
    out = []
    for word in words:
        key = word.casefold().strip(".,;:!?\"'()")
        if key in corrections:
            corrected = index.display(corrections[key])
            if word[:1].isupper():
                corrected = corrected[:1].upper() + corrected[1:]
            out.append(corrected)
        else:
            out.append(word)
    return " ".join(out)


# --- Presenting results -----------------------------------------------------------------------


@dataclass
class ResultItem:
    kind: str
    kind_label: str
    external_id: str
    title: str
    url: str
    snippet: str
    title_html: str
    object_id: int
    language: str


def present(response: SearchResponse, hits: list[Hit]) -> list[ResultItem]:
    """Titles, addresses and highlighted snippets for the given hits (one page)."""
    documents = SearchDocument.objects.in_bulk([h.document_id for h in hits])
    index = response.index
    split = index.splitter.parts if index is not None else (lambda word: ())
    is_match = matcher(response.match_stems, response.match_words, split)
    labels = {name: adapter.label for name, adapter in kinds().items()}
    items = []
    for hit in hits:
        document = documents.get(hit.document_id)
        if document is None:
            continue
        text = f"{document.summary}\n{document.body}" if document.summary else document.body
        items.append(
            ResultItem(
                kind=document.kind,
                kind_label=str(labels.get(document.kind, document.kind)),
                external_id=document.external_id,
                title=document.title,
                url=document.url,
                snippet=str(highlight(text, is_match, document.language)),
                title_html=str(highlight(document.title, is_match, document.language, words=60)),
                object_id=document.object_id,
                language=document.language,
            )
        )
    return items


def autocomplete(prefix: str, *, limit: int = 8) -> list[str]:
    """Completions of the last word of ``prefix`` from the indexed vocabulary, most frequent first."""
    import bisect

    text = " ".join((prefix or "").split())[:MAX_QUERY_CHARS]
    words = tokens(text)
    if not words or text[-1:].isspace():
        return []
    last = fold(words[-1])
    if len(last) < 2:
        return []
    index = current_index()
    if index is None:
        return []
    vocabulary = index.vocabulary()
    ordered = index.sorted_vocabulary()
    start = bisect.bisect_left(ordered, last)
    matches = []
    for word in ordered[start : start + 5000]:
        if not word.startswith(last):
            break
        if word != last and word.isalpha():
            matches.append(word)
    matches.sort(key=lambda w: (-vocabulary.get(w, 0), w))
    typed = text.split()[-1]
    head = text[: len(text) - len(typed)]
    capitalise = typed[:1].isupper()
    completions = []
    for word in matches[:limit]:
        shown = index.display(word)
        completions.append(f"{head}{shown[:1].upper() + shown[1:] if capitalise else shown}")
    return completions


# --- One page of results with type counts and practice facets ------------------------------------


@dataclass
class SearchPage:
    response: SearchResponse
    total: int
    items: list[ResultItem]
    offset: int
    limit: int
    type_counts: dict[str, int]
    facet_result: object | None  #: practices.facets.FacetResult for the practice hits, or None


PRACTICE_KIND = "practice"


def search_page(
    q: str | None,
    *,
    kind: str | None = None,
    practice_filters: Mapping[str, tuple[str, ...]] | None = None,
    browser=None,
    offset: int = 0,
    limit: int = 10,
) -> SearchPage:
    """What the results page and the API show: one page of hits, counts per type, practice facets.

    ``practice_filters`` must already be cleaned by ``browser.clean_filters``; any selected
    practice filter restricts the results to practices matching it. Facet counts are computed
    over the practices the query found, under the other selected filters.
    """
    from krisenwissen.practices.facets import FacetQuery, PracticeBrowser

    response = search(q)
    ranked = response.ranked
    type_counts = ranked.counts()
    facet_result = None
    practice_filters = {k: v for k, v in (practice_filters or {}).items() if v}
    is_practice = ranked.of_kind(PRACTICE_KIND)
    # The practice facets belong on the page when practices are among the hits (or are asked for).
    if (kind in (None, PRACTICE_KIND) and is_practice.any()) or (kind == PRACTICE_KIND and practice_filters):
        practice_ids = ranked.object_ids[is_practice]
        browser = browser or PracticeBrowser.current()
        facet_result = browser.search(
            FacetQuery(filters=practice_filters, restrict_to=practice_ids, offset=0, limit=len(practice_ids) + 1)
        )
        if practice_filters:
            allowed = np.asarray(facet_result.ids_page, dtype=np.int64)
            ranked = ranked.select(is_practice & np.isin(ranked.object_ids, allowed))
    elif practice_filters:  # practice filters, but no practice among the hits: nothing matches them
        ranked = ranked.select(np.zeros(len(ranked), dtype=bool))
    if kind:
        ranked = ranked.select(ranked.of_kind(kind))
    total = len(ranked)
    page = ranked.hits(offset, offset + limit)
    return SearchPage(
        response=response,
        total=total,
        items=present(response, page),
        offset=offset,
        limit=limit,
        type_counts=type_counts,
        facet_result=facet_result,
    )
