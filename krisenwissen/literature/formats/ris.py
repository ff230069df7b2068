"""RIS (Zotero, Citavi, EndNote, databases) via rispy, mapped onto CSL-JSON."""

from __future__ import annotations

import re

import rispy

from django.utils.translation import gettext as _

from .common import (
    MAX_CREATORS,
    MAX_RECORDS,
    Deadline,
    LiteratureImportError,
    ParsedRecord,
    ParseResult,
    clean_text,
    date_parts,
    name_to_text,
    pages_text,
    parse_date,
    set_if,
    split_name,
)
from .csljson import normalise_item
from .types import CSL_TO_RIS, RIS_TO_CSL

_TY_RE = re.compile(r"^\s*TY  - ", re.MULTILINE)
_ER_RE = re.compile(r"^\s*ER  -", re.MULTILINE)
_TAG_LINE_RE = re.compile(r"^[A-Z][A-Z0-9]  -( |$)", re.MULTILINE)


def _first(value) -> str:
    if isinstance(value, list):
        return value[0] if value else ""
    return value or ""


def _to_item(entry: dict) -> dict:
    item: dict = {"type": RIS_TO_CSL.get(str(entry.get("type_of_reference", "")).upper(), "document")}
    set_if(item, "title", entry.get("title") or entry.get("primary_title") or entry.get("translated_title"))
    set_if(item, "title-short", entry.get("short_title"))
    container = (
        entry.get("secondary_title")
        or entry.get("journal_name")
        or entry.get("alternate_title3")
        or entry.get("alternate_title1")
    )
    set_if(item, "container-title", container)
    set_if(item, "collection-title", entry.get("tertiary_title"))
    set_if(item, "publisher", entry.get("publisher"))
    set_if(item, "publisher-place", entry.get("place_published"))
    set_if(item, "volume", entry.get("volume"))
    set_if(item, "issue", entry.get("number"))
    set_if(item, "edition", entry.get("edition"))
    set_if(item, "number", entry.get("accession_number") if item["type"] in ("report", "legislation") else None)
    set_if(item, "page", pages_text(entry.get("start_page"), entry.get("end_page")))
    set_if(item, "DOI", entry.get("doi"))
    serial = clean_text(entry.get("issn"))
    if serial:
        digits = re.sub(r"[^0-9Xx]", "", serial)
        item["ISBN" if len(digits) in (10, 13) and item["type"] in ("book", "chapter", "report") else "ISSN"] = serial
    set_if(item, "URL", _first(entry.get("urls")))
    set_if(item, "language", entry.get("language"))
    set_if(item, "id", entry.get("id"))
    set_if(item, "abstract", entry.get("abstract") or entry.get("notes_abstract"), multiline=True)
    notes = entry.get("notes") or []
    set_if(item, "note", "\n".join(n for n in notes if isinstance(n, str)), multiline=True)
    keywords = [clean_text(k) for k in entry.get("keywords") or [] if isinstance(k, str)]
    if keywords := [k for k in keywords if k]:
        item["keyword"] = ", ".join(keywords)
    authors = [*(entry.get("authors") or []), *(entry.get("first_authors") or [])]
    editors = [*(entry.get("secondary_authors") or []), *_as_list(entry.get("editor"))]
    if item["type"] != "chapter" and item["type"] != "paper-conference":
        # Outside chapters, A2 is often a series editor or the site; Zotero writes editors as A3/ED.
        editors = _as_list(entry.get("editor")) + list(entry.get("tertiary_authors") or [])
    for key, names in (("author", authors), ("editor", editors)):
        parsed = [n for n in (split_name(v) for v in names[:MAX_CREATORS] if isinstance(v, str)) if n]
        if parsed:
            item[key] = parsed
    for key, value in (("issued", entry.get("date") or entry.get("year") or entry.get("publication_year")),):
        date = parse_date(value) if value else None
        year = parse_date(entry.get("year")) if entry.get("year") else None
        if date and "date-parts" in date:
            item[key] = date
        elif year and "date-parts" in year:
            item[key] = year
    accessed = parse_date(entry.get("access_date")) if entry.get("access_date") else None
    if accessed and "date-parts" in accessed:
        item["accessed"] = accessed
    return item


def _as_list(value) -> list:
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) and value else []


def parse(text: str, deadline: Deadline | None = None) -> ParseResult:
    """Split at ``TY`` lines (for line numbers), check each record ends with ``ER``, parse with rispy."""
    deadline = deadline or Deadline()
    result = ParseResult(format="ris")
    starts = [m.start() for m in _TY_RE.finditer(text)]
    if not starts:
        raise LiteratureImportError(_("Die Datei ist keine RIS-Datei: keine Zeile beginnt mit „TY  - “."))
    if len(starts) > MAX_RECORDS:
        raise LiteratureImportError(
            _("Die Datei enthält mehr als %(n)s Einträge.") % {"n": f"{MAX_RECORDS:,}".replace(",", ".")}
        )
    line = text.count("\n", 0, starts[0]) + 1
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        chunk = text[start:end]
        if index % 500 == 0:
            deadline.check()
        if not _ER_RE.search(chunk):
            if index + 1 == len(starts):
                raise LiteratureImportError(
                    _("Die Datei ist abgeschnitten: Der letzte Eintrag (Zeile %(line)s) endet nicht mit „ER  -“.")
                    % {"line": line},
                    line=line,
                )
            result.invalid.append((line, _("Der Eintrag endet nicht mit „ER  -“.")))
        else:
            try:
                entries = rispy.loads(chunk)
            except Exception as error:  # noqa: BLE001 - rispy raises plain IOError/ValueError on bad tags
                result.invalid.append((line, _("Der Eintrag ist kein gültiges RIS: %(e)s") % {"e": str(error)[:120]}))
                entries = []
            for entry in entries[:1]:
                item, reason = normalise_item(_to_item(entry))
                if item is None:
                    result.invalid.append((line, reason))
                else:
                    result.records.append(ParsedRecord(line=line, item=item))
        line += chunk.count("\n")
    return result


def _entry(item: dict) -> dict:
    entry: dict = {"type_of_reference": CSL_TO_RIS.get(item.get("type", "document"), "GEN")}
    simple = {
        "title": "title",
        "title-short": "short_title",
        "container-title": "secondary_title",
        "collection-title": "tertiary_title",
        "publisher": "publisher",
        "publisher-place": "place_published",
        "volume": "volume",
        "issue": "number",
        "edition": "edition",
        "DOI": "doi",
        "language": "language",
        "id": "id",
        "abstract": "abstract",
    }
    for key, tag in simple.items():
        if item.get(key):
            entry[tag] = item[key]
    if item.get("number") and item.get("type") in ("report", "legislation"):
        entry["accession_number"] = item["number"]
    if item.get("ISBN") or item.get("ISSN"):
        entry["issn"] = item.get("ISBN") or item.get("ISSN")
    if item.get("page"):
        start, _sep, end = item["page"].partition("-")
        entry["start_page"] = start
        if end:
            entry["end_page"] = end
    if item.get("URL"):
        entry["urls"] = [item["URL"]]
    if item.get("note"):
        entry["notes"] = [item["note"]]
    if item.get("keyword"):
        entry["keywords"] = [k.strip() for k in item["keyword"].split(",") if k.strip()]
    if item.get("author"):
        entry["authors"] = [_ris_name(n) for n in item["author"]]
    if item.get("editor"):
        entry["tertiary_authors"] = [_ris_name(n) for n in item["editor"]]
    parts = date_parts(item.get("issued"))
    if parts:
        entry["year"] = str(parts[0])
        if len(parts) > 1:
            entry["date"] = "/".join([str(parts[0]), *(f"{p:02d}" for p in parts[1:])]) + ("/" * (4 - len(parts)))
    accessed = date_parts(item.get("accessed"))
    if accessed:
        entry["access_date"] = "/".join([str(accessed[0]), *(f"{p:02d}" for p in accessed[1:])])
    return entry


def _ris_name(name: dict) -> str:
    # RIS has no way to mark an organisation; Zotero writes it without a comma, so an
    # organisation whose name contains a comma comes back as a person (docs/literature.md).
    if "literal" in name:
        return name["literal"]
    return name_to_text(name)


class _Writer(rispy.RisWriter):
    """rispy's writer without the "1." counter line it puts before each record."""

    def set_header(self, count):
        return None


def dumps(items: list[dict]) -> str:
    return rispy.dumps([_entry(item) for item in items], implementation=_Writer)
