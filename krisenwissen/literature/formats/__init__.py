"""Reading and writing bibliographies: RIS, BibTeX/BibLaTeX, CSL-JSON and CSV (Zotero, Citavi).

``parse(text, fmt)`` returns a :class:`~.common.ParseResult` of CSL-JSON items or raises
:class:`~.common.LiteratureImportError`; ``dumps(items, fmt)`` writes CSL-JSON items.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from . import bibtex, csljson, csvfmt, ris
from .common import MAX_FILE_BYTES, Deadline, LiteratureImportError, ParsedRecord, ParseResult, decode

FORMATS = {"ris": ris, "bibtex": bibtex, "csl-json": csljson, "csv": csvfmt}
FORMAT_LABELS = {"ris": "RIS", "bibtex": "BibTeX/BibLaTeX", "csl-json": "CSL-JSON", "csv": "CSV"}
EXTENSIONS = {
    ".ris": "ris",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".json": "csl-json",
    ".csljson": "csl-json",
    ".csv": "csv",
    ".txt": None,
}
MEDIA_TYPES = {
    "ris": "application/x-research-info-systems",
    "bibtex": "application/x-bibtex",
    "csl-json": "application/vnd.citationstyles.csl+json",
    "csv": "text/csv",
}
FILE_SUFFIXES = {"ris": "ris", "bibtex": "bib", "csl-json": "json", "csv": "csv"}
ALIASES = {"bib": "bibtex", "biblatex": "bibtex", "json": "csl-json", "csljson": "csl-json", "csl": "csl-json"}

__all__ = [
    "FORMATS",
    "Deadline",
    "LiteratureImportError",
    "MAX_FILE_BYTES",
    "ParseResult",
    "ParsedRecord",
    "decode",
    "detect_format",
    "dumps",
    "parse",
    "parse_bytes",
]


def normalise_format(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = ALIASES.get(name, name)
    if name not in FORMATS:
        raise LiteratureImportError(
            _("Unbekanntes Format „%(name)s“; möglich sind: ris, bibtex, csl-json, csv.") % {"name": name[:30]}
        )
    return name


def detect_format(text: str, filename: str = "") -> str:
    """The format from the content (first meaningful characters), the file name as a tie-breaker."""
    head = text.lstrip()[:4096]
    if head.startswith(("[", "{")):
        return "csl-json"
    if re.search(r"^\s*TY  - ", head, re.MULTILINE):
        return "ris"
    if re.search(r"@[ \t]*[A-Za-z]+[ \t\r\n]*[{(]", head):
        first_line = head.split("\n", 1)[0]
        if not (first_line.count(",") >= 3 and first_line.lstrip().startswith('"')):
            return "bibtex"
    first_line = head.split("\n", 1)[0]
    if first_line.count(",") + first_line.count(";") + first_line.count("\t") >= 2:
        return "csv"
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if EXTENSIONS.get(suffix):
        return EXTENSIONS[suffix]
    raise LiteratureImportError(
        _("Das Format der Datei ist nicht zu erkennen; erwartet wird RIS, BibTeX, CSL-JSON oder CSV.")
    )


def parse(text: str, fmt: str | None = None, *, filename: str = "", deadline: Deadline | None = None) -> ParseResult:
    if not text.strip():
        raise LiteratureImportError(_("Die Datei ist leer."))
    fmt = normalise_format(fmt) or detect_format(text, filename)
    return FORMATS[fmt].parse(text, deadline or Deadline())


def parse_bytes(data: bytes, fmt: str | None = None, *, filename: str = "") -> ParseResult:
    """Decode (UTF-8 ± BOM, cp1252, UTF-16 with BOM) and parse; only the import error type escapes."""
    text = decode(data)
    return parse(text, fmt, filename=filename)


def dumps(items: list[dict], fmt: str) -> str:
    return FORMATS[normalise_format(fmt)].dumps(items)
