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

from django.utils.translation import gettext as _

from . import embedding
from .analysis import fold, query_stems, stem, tokens
from .engine import Alternative, SearchIndex, Slot, current_index, rows_with_any, score_segment, semantic_scores
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


@dataclass
class Hit:
    document_id: int
    kind: str
    object_id: int
    score: float


@dataclass
class RankedHits:
    """Every hit in rank order, as parallel arrays (a broad query on a big index has many)."""

    doc_ids: np.ndarray
    kinds: np.ndarray
    object_ids: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.doc_ids)

    def select(self, mask: np.ndarray) -> RankedHits:
        return RankedHits(self.doc_ids[mask], self.kinds[mask], self.object_ids[mask], self.scores[mask])

    def hits(self, start: int = 0, stop: int | None = None) -> list[Hit]:
        window = slice(start, stop)
        return [
            Hit(document_id=int(d), kind=str(k), object_id=int(o), score=float(s))
            for d, k, o, s in zip(
                self.doc_ids[window], self.kinds[window], self.object_ids[window], self.scores[window]
            )
        ]


EMPTY = RankedHits(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64), np.zeros(0))


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
    response.index = index
    thesaurus = current_thesaurus()
    slots, corrections = expand(query, index, thesaurus)
    if corrections:
        response.suggestion = _suggestion(query.raw, corrections, index)
    terms = {t for slot in slots for alt in slot.alternatives for t in alt.terms}
    response.match_stems = terms
    response.match_words = {fold(w) for w in query.words} | set(corrections.values())
    idf = {t: index.idf(t) for t in terms}
    excluded_terms = [s for w in query.excluded for s in query_stems(w)]
    phrase_terms = [[s for w in phrase for s in query_stems(w)] for phrase in query.phrases]
    query_vector = embedding.encode_query(query.semantic_text) if not query.phrases else None
    kind_code = index.kind_codes.get(kind) if kind else None
    allowed_codes = None
    if restrict is not None:
        allowed_codes = {index.kind_codes[k] for k in restrict if k in index.kind_codes}

    parts: list[tuple[np.ndarray, ...]] = []  # per segment: doc ids, kind codes, object ids, lexical, semantic
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
            keep &= np.isin(segment.kinds, list(allowed_codes))
            for name, ids in restrict.items():
                code = index.kind_codes.get(name)
                if code is not None:
                    allowed_ids = np.fromiter(ids, dtype=np.int64, count=len(ids))
                    keep &= (segment.kinds != code) | np.isin(segment.object_ids, allowed_ids)
        if excluded_terms:
            keep &= ~rows_with_any(segment, excluded_terms)
        for terms_of_phrase in phrase_terms:
            keep &= rows_with_any(segment, terms_of_phrase)
        found = (lexical > 0) & (matched >= min_should_match(len(slots))) & keep
        semantic = semantic_scores(segment, query_vector) if query_vector is not None else None
        if semantic is not None:
            eligible = np.flatnonzero(keep & (semantic >= SEMANTIC_ONLY_MIN))
            if len(eligible) > SEMANTIC_TOP:
                eligible = eligible[np.argpartition(-semantic[eligible], SEMANTIC_TOP)[:SEMANTIC_TOP]]
            found[eligible] = True
        rows = np.flatnonzero(found)
        parts.append(
            (
                segment.doc_ids[rows],
                segment.kinds[rows],
                segment.object_ids[rows],
                lexical[rows],
                semantic[rows] if semantic is not None else np.zeros(len(rows), dtype=np.float32),
            )
        )
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
    lexical_order = np.flatnonzero(lexical > 0)
    lexical_order = lexical_order[np.argsort(-lexical[lexical_order], kind="stable")]
    fused = LEXICAL_WEIGHT / (RRF_K + _rank_positions(lexical_order, size))
    if query_vector is not None:
        semantic_order = np.flatnonzero(semantic >= SEMANTIC_MIN)
        if len(semantic_order) > SEMANTIC_TOP:
            semantic_order = semantic_order[np.argpartition(-semantic[semantic_order], SEMANTIC_TOP)[:SEMANTIC_TOP]]
        semantic_order = semantic_order[np.argsort(-semantic[semantic_order], kind="stable")]
        fused = fused + SEMANTIC_WEIGHT / (RRF_K + _rank_positions(semantic_order, size))
    order = np.lexsort((doc_ids, -lexical, -fused))
    order = order[fused[order] > 0]
    names = np.empty(max(index.kind_codes.values(), default=0) + 1, dtype=object)
    for name, code in index.kind_codes.items():
        names[code] = name
    response.ranked = RankedHits(
        doc_ids=doc_ids[order],
        kinds=names[kind_codes[order]],
        object_ids=object_ids[order],
        scores=fused[order],
    )
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
    kinds_found, counts = np.unique(ranked.kinds.astype(str), return_counts=True) if len(ranked) else ([], [])
    type_counts = {str(k): int(c) for k, c in zip(kinds_found, counts)}
    facet_result = None
    practice_filters = {k: v for k, v in (practice_filters or {}).items() if v}
    if len(ranked) and kind in (None, "practice"):
        is_practice = ranked.kinds == "practice"
        practice_ids = frozenset(ranked.object_ids[is_practice].tolist())
        browser = browser or PracticeBrowser.current()
        facet_result = browser.search(
            FacetQuery(filters=practice_filters, restrict_to=practice_ids, offset=0, limit=len(practice_ids) + 1)
        )
        if practice_filters:
            allowed = np.asarray(facet_result.ids_page, dtype=np.int64)
            ranked = ranked.select(is_practice & np.isin(ranked.object_ids, allowed))
    if kind:
        ranked = ranked.select(ranked.kinds == kind)
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
