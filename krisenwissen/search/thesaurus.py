"""The editors' thesaurus, analysed for query expansion.

Each variant of a :class:`SynonymGroup` becomes a sequence of German stems ("Menschen ohne festen
Wohnsitz" → ``mensch fest wohnsitz``). A query is matched against these sequences; a match adds
the group's other variants as alternatives for that part of the query. Synonyms apply at query
time, so an editor's change takes effect with the next search, without reindexing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from .analysis import content_tokens, query_stems, stem
from .models import SynonymGroup


@dataclass(frozen=True)
class Variant:
    text: str
    stems: tuple[str, ...]  #: German stems of the content words
    alternatives: tuple[tuple[str, ...], ...]  #: per word: German and English stems


@dataclass
class Thesaurus:
    fingerprint: tuple
    groups: list[list[Variant]]
    #: first stem → (group index, variant) for matching
    by_first_stem: dict[str, list[tuple[int, Variant]]]


def analyse_variant(text: str) -> Variant | None:
    words = content_tokens(text)
    if not words:
        return None
    return Variant(
        text=text,
        stems=tuple(stem(w, "de") for w in words),
        alternatives=tuple(query_stems(w) for w in words),
    )


def _fingerprint() -> tuple:
    stats = SynonymGroup.objects.aggregate(
        count=Count("id"), active=Count("id", filter=Q(active=True)), latest=Max("updated_at")
    )
    return (stats["count"], stats["active"], str(stats["latest"]))


def _build(fingerprint: tuple) -> Thesaurus:
    groups: list[list[Variant]] = []
    by_first: dict[str, list[tuple[int, Variant]]] = {}
    for group in SynonymGroup.objects.filter(active=True).order_by("pk"):
        variants = [v for v in (analyse_variant(text) for text in group.variant_list) if v is not None]
        if len(variants) < 2:
            continue
        index = len(groups)
        groups.append(variants)
        for variant in variants:
            by_first.setdefault(variant.stems[0], []).append((index, variant))
    for entries in by_first.values():
        entries.sort(key=lambda entry: -len(entry[1].stems))  # longest match first
    return Thesaurus(fingerprint=fingerprint, groups=groups, by_first_stem=by_first)


_thesaurus: Thesaurus | None = None
_lock = threading.Lock()


def current_thesaurus() -> Thesaurus:
    global _thesaurus
    fingerprint = _fingerprint()
    thesaurus = _thesaurus
    if thesaurus is not None and thesaurus.fingerprint == fingerprint:
        return thesaurus
    with _lock:
        thesaurus = _build(fingerprint)
        _thesaurus = thesaurus
    return thesaurus


def reset_thesaurus() -> None:
    global _thesaurus
    _thesaurus = None
