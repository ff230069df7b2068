"""German compound splitting against the vocabulary of the index itself.

A compound is split where both sides are words the index has seen on their own (a *modifier*
that may carry a linking element: "Stab·s·rahmenübung", "Hilfe" in "Hilf·s·angebot"), and the
head may be split again: "Stabsrahmenübung" → "stab", "rahmenübung", "rahmen", "übung".

The parts are indexed next to the whole word (with a lower weight), and query words are split the
same way, which gives both directions: "Hitzeaktionsplan" finds "Aktionsplan gegen Hitze", and
"Schutz vor Hitze" finds "Hitzeschutz". Splitting against the index vocabulary needs no
dictionary download and adapts to the domain (Krisenstab, Lagezentrum, Warntag); the price is
that a part must occur as a word of its own somewhere in the indexed texts.
"""

from __future__ import annotations

from collections.abc import Callable

from .analysis import is_stop_word

MIN_WORD_LENGTH = 6
MIN_PART_LENGTH = 3
#: Linking elements (Fugenelemente) that may end a modifier, longest first.
LINKING = ("ens", "es", "en", "er", "ns", "s", "n", "e")
MAX_PARTS = 6


class Splitter:
    """Splits folded words (see :func:`krisenwissen.search.analysis.fold`) into known parts."""

    def __init__(self, is_word: Callable[[str], bool]):
        self.is_word = is_word
        self._memo: dict[str, tuple[str, ...] | None] = {}

    def _known(self, part: str) -> bool:
        return len(part) >= MIN_PART_LENGTH and not is_stop_word(part) and self.is_word(part)

    def _modifier_forms(self, modifier: str) -> list[str]:
        forms = [modifier]
        for link in LINKING:
            if modifier.endswith(link) and len(modifier) - len(link) >= MIN_PART_LENGTH:
                forms.append(modifier[: -len(link)])
        forms.append(modifier + "e")  # "Hilf" in "Hilfsangebot" → "Hilfe"
        return forms

    def parts(self, word: str) -> tuple[str, ...]:
        """All parts of ``word`` on every level of the split (empty if it is not a known compound)."""
        if len(word) < MIN_WORD_LENGTH or not word.isalpha():
            return ()
        if word in self._memo:
            return self._memo[word] or ()
        self._memo[word] = None  # guards against cycles
        best: tuple[str, ...] | None = None
        best_key = None
        # Try longer heads first: German compounds are right-headed, and a long known head is
        # the safest split ("Krisen|kommunikation", not "Krisenkommuni|kation").
        for cut in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1):
            head = word[cut:]
            head_parts: tuple[str, ...]
            if self._known(head):
                head_parts = (head, *self.parts(head))
            else:
                continue
            modifier = next((form for form in self._modifier_forms(word[:cut]) if self._known(form)), None)
            if modifier is None:
                continue
            candidate = (modifier, *self.parts(modifier), *head_parts)
            key = (len(head), len(modifier))
            if best_key is None or key > best_key:
                best, best_key = candidate, key
            break  # the longest known head wins
        if best is None:
            # The head itself may be an unknown compound of known words ("Stabsrahmenübung" when
            # only "Rahmen" and "Übung" occur alone).
            for cut in range(MIN_PART_LENGTH, len(word) - 2 * MIN_PART_LENGTH + 1):
                modifier = next((form for form in self._modifier_forms(word[:cut]) if self._known(form)), None)
                if modifier is None:
                    continue
                rest = self.parts(word[cut:])
                if rest:
                    best = (modifier, *self.parts(modifier), *rest)
                    break
        result = tuple(dict.fromkeys(best))[:MAX_PARTS] if best else None
        self._memo[word] = result
        return result or ()
