"""Duplicate detection across formats and repeated imports.

A record duplicates another when (in this order):

1. both have a DOI and the normalised DOIs are equal;
2. both have an ISBN and the ISBN-13 forms are equal;
3. the normalised titles are equal or nearly so (rapidfuzz ratio ≥ :data:`TITLE_SIMILARITY`),
   with the same year and the same first author (family name or organisation) – unless both
   carry a URL and the URLs differ: web pages are told apart by their address, and a corpus of
   web pages has many generic titles ("Coronavirus", "FAQ").

Candidates for step 3 are looked up in blocks of (year, first author), so the cost stays linear
in the number of records.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

TITLE_SIMILARITY = 92
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_URL_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(_NON_WORD.sub(" ", text).split())


def doi_key(doi: str) -> str:
    doi = _DOI_PREFIX.sub("", (doi or "").strip()).strip().lower()
    return doi[:200] if doi.startswith("10.") else ""


def isbn_key(isbn: str) -> str:
    """The first ISBN in the text as ISBN-13 digits (ISBN-10 converted), or ''."""
    for candidate in re.split(r"[\s,;]+", isbn or ""):
        digits = re.sub(r"[^0-9Xx]", "", candidate).upper()
        if len(digits) == 13 and digits.isdigit():
            return digits
        if len(digits) == 10:
            core = "978" + digits[:9]
            check = (10 - sum((1 if i % 2 == 0 else 3) * int(d) for i, d in enumerate(core)) % 10) % 10
            return core + str(check)
    return ""


def title_key(title: str) -> str:
    return fold(title)[:300]


def author_key(name: dict | None) -> str:
    if not name:
        return ""
    return fold(name.get("literal") or name.get("family") or "")[:100]


def url_key(url: str) -> str:
    return _URL_PREFIX.sub("", (url or "").strip()).rstrip("/").lower()


def keys_for_instance(literature) -> tuple[str, str, str]:
    return doi_key(literature.doi), isbn_key(literature.isbn), title_key(literature.title)


@dataclass(frozen=True)
class Match:
    ref: object  #: the database id (int) or ("line", n) of an earlier record of the same file
    reason: str  #: "doi", "isbn" or "title"


class _Block:
    """Titles of one (year, first author) block, split by URL: a record with a URL can only
    duplicate records with the same URL or without one, so it never scans the whole block."""

    __slots__ = ("by_url", "all_titles", "all_entries")

    def __init__(self):
        self.by_url: dict[str, tuple[list[str], list]] = {}
        self.all_titles: list[str] = []
        self.all_entries: list = []

    def add(self, title: str, url: str, ref) -> None:
        titles, refs = self.by_url.setdefault(url, ([], []))
        titles.append(title)
        refs.append(ref)
        self.all_titles.append(title)
        self.all_entries.append(ref)

    def candidates(self, url: str):
        if not url:
            yield self.all_titles, self.all_entries
            return
        for key in (url, ""):
            if key in self.by_url:
                yield self.by_url[key]


class DuplicateIndex:
    """Known records, searchable by DOI, ISBN and (year, first author) → titles."""

    def __init__(self):
        self.by_doi: dict[str, object] = {}
        self.by_isbn: dict[str, object] = {}
        self.blocks: dict[tuple, _Block] = {}

    def add(self, ref, *, doi: str, isbn: str, title: str, author: str, year, url: str) -> None:
        if doi:
            self.by_doi.setdefault(doi, ref)
        if isbn:
            self.by_isbn.setdefault(isbn, ref)
        if title:
            block = self.blocks.get((year, author))
            if block is None:
                block = self.blocks[(year, author)] = _Block()
            block.add(title, url, ref)

    def match(self, *, doi: str, isbn: str, title: str, author: str, year, url: str) -> Match | None:
        if doi and doi in self.by_doi:
            return Match(self.by_doi[doi], "doi")
        if isbn and isbn in self.by_isbn:
            return Match(self.by_isbn[isbn], "isbn")
        if not title:
            return None
        block = self.blocks.get((year, author))
        if block is None:
            return None
        for titles, refs in block.candidates(url):
            try:
                return Match(refs[titles.index(title)], "title")
            except ValueError:
                pass
            best = process.extractOne(title, titles, scorer=fuzz.ratio, score_cutoff=TITLE_SIMILARITY)
            if best is not None:
                return Match(refs[best[2]], "title")
        return None
