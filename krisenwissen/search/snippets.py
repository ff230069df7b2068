"""Highlighted text snippets: the passage with the most query words, HTML-escaped, matches in ``<mark>``."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold, is_stop_word, stem, token_spans

SNIPPET_WORDS = 32


def highlight(
    text: str,
    is_match: Callable[[str, str], bool],
    language: str,
    *,
    words: int = SNIPPET_WORDS,
) -> SafeString:
    """The best window of ``words`` tokens of ``text``, with matching tokens marked.

    ``is_match(token, stem)`` decides per token. Without any match the text's beginning is shown.
    """
    text = text or ""
    spans = token_spans(text)
    if not spans:
        return mark_safe(escape(text[:240]))  # noqa: S308 - escaped just now
    memo: dict[str, bool] = {}
    stem_language = "en" if language == "en" else "de"
    hits = []
    for _start, _end, token in spans:
        hit = memo.get(token)
        if hit is None:
            hit = not is_stop_word(token) and is_match(token, stem(token, stem_language))
            memo[token] = hit
        hits.append(hit)
    best_start = 0
    if len(spans) > words:
        # The window with the most matches (prefix sums), starting a little before its first match.
        counts = [0]
        for hit in hits:
            counts.append(counts[-1] + hit)
        best_start = max(range(len(spans) - words + 1), key=lambda i: (counts[i + words] - counts[i], -i))
        first = next((j for j in range(best_start, best_start + words) if hits[j]), best_start)
        best_start = max(0, min(first - 4, len(spans) - words))
    window = range(best_start, min(len(spans), best_start + words))
    char_start = spans[window[0]][0]
    char_end = spans[window[-1]][1]
    if window[-1] + 1 < len(spans):
        following = text[char_end : spans[window[-1] + 1][0]]
        char_end += len(following) - len(following.lstrip('.,;:!?)»“"'))
    else:
        char_end = len(text.rstrip())
    out = ["… " if char_start > 0 else ""]
    cursor = char_start
    for j in window:
        start, end, _token = spans[j]
        if hits[j]:
            out.append(escape(text[cursor:start]))
            out.append(f"<mark>{escape(text[start:end])}</mark>")
            cursor = end
    out.append(escape(text[cursor:char_end]))
    if char_end < len(text.rstrip()):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text was escaped above


def matcher(stems: set[str], folded_words: set[str], split: Callable[[str], tuple[str, ...]]):
    """A token matches when its stem, its folded form or one of its compound parts was searched for."""

    memo: dict[tuple[str, str], bool] = {}

    def is_match(token: str, token_stem: str) -> bool:
        key = (token, token_stem)
        if key not in memo:
            folded = fold(token)
            memo[key] = (
                token_stem in stems
                or folded in folded_words
                or any(stem(part, "de") in stems for part in split(folded))
            )
        return memo[key]

    return is_match
