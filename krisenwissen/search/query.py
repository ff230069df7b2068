"""Reading what a user typed: phrases in quotes, ``-word`` to exclude, everything else as words.

Nothing a user types is an error. Control characters and null bytes are removed, overlong input
is cut at a word boundary (and the caller tells the user), unbalanced quotes are ignored, and
operators of other search engines (``AND``, ``NEAR``, ``*``, parentheses) are just punctuation or
stop words here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import content_tokens, normalise_text

MAX_QUERY_CHARS = 300
MAX_WORDS = 24
_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‚": "'", "‘": "'", "’": "'"})
_PHRASE_RE = re.compile(r'"([^"]*)"')
_EXCLUDE_RE = re.compile(r"(?:(?<=\s)|^)-([^\W_][\w-]*)", re.UNICODE)
#: Operators other engines know; here they would only be noise words.
_OPERATOR_WORDS = frozenset({"and", "or", "not", "near", "und", "oder", "nicht"})


@dataclass
class ParsedQuery:
    raw: str  #: what was typed, cleaned and possibly shortened
    truncated: bool = False
    words: list[str] = field(default_factory=list)  #: content words, casefolded, in order
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.words

    @property
    def semantic_text(self) -> str:
        """The text for the embedding model: what was typed, without the operators."""
        text = _EXCLUDE_RE.sub(" ", self.raw.translate(_QUOTES)).replace('"', " ")
        return " ".join(text.split())


def clean(raw: str | None) -> tuple[str, bool]:
    text = " ".join(normalise_text(raw or "").split())
    if len(text) <= MAX_QUERY_CHARS:
        return text, False
    cut = text[:MAX_QUERY_CHARS]
    if " " in cut[MAX_QUERY_CHARS // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut, True


def parse(raw: str | None) -> ParsedQuery:
    text, truncated = clean(raw)
    query = ParsedQuery(raw=text, truncated=truncated)
    working = text.translate(_QUOTES)
    if working.count('"') % 2:
        working = working[::-1].replace('"', "", 1)[::-1]  # drop the unmatched last quote
    for phrase in _PHRASE_RE.findall(working):
        words = [w for w in content_tokens(phrase) if w not in _OPERATOR_WORDS]
        if len(words) > 1:
            query.phrases.append(words)
    working = working.replace('"', " ")
    for word in _EXCLUDE_RE.findall(working):
        query.excluded.extend(w for w in content_tokens(word) if w not in _OPERATOR_WORDS)
    working = _EXCLUDE_RE.sub(" ", working)
    query.words = [w for w in content_tokens(working) if w not in _OPERATOR_WORDS][:MAX_WORDS]
    return query
