"""CSV in Zotero's and Citavi's column layouts (the layout is recognised from the header row).

Formula cells are dangerous in spreadsheets: a cell starting with ``=`` (or ``+``, ``-``, ``@``
followed by a function call, or a DDE ``cmd|`` pattern) marks its row invalid on import, and the
exporter prefixes such values with an apostrophe, which the importer removes again.
"""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _

from .common import (
    MAX_FIELD_CHARS,
    MAX_RECORDS,
    Deadline,
    LiteratureImportError,
    ParsedRecord,
    ParseResult,
    clean_text,
    date_parts,
    name_to_text,
    parse_date,
    split_name,
)
from .csljson import normalise_item
from .types import CITAVI_TO_CSL, CSL_TO_ZOTERO, ZOTERO_TO_CSL, csl_type

ZOTERO_COLUMNS = (
    "Key",
    "Item Type",
    "Publication Year",
    "Author",
    "Title",
    "Publication Title",
    "ISBN",
    "ISSN",
    "DOI",
    "Url",
    "Abstract Note",
    "Date",
    "Access Date",
    "Pages",
    "Issue",
    "Volume",
    "Short Title",
    "Series",
    "Publisher",
    "Place",
    "Language",
    "Extra",
    "Notes",
    "Manual Tags",
    "Editor",
    "Translator",
    "Number",
    "Edition",
)
#: Citavi's export columns, German and English UI → our logical names.
CITAVI_COLUMNS = {
    "autor, herausgeber oder institution": "author",
    "autoren, herausgeber oder institution": "author",
    "author, editor, or organization": "author",
    "autor": "author",
    "autoren": "author",
    "authors": "author",
    "herausgeber": "editor",
    "editors": "editor",
    "titel": "title",
    "title": "title",
    "untertitel": "subtitle",
    "subtitle": "subtitle",
    "jahr": "year",
    "year": "year",
    "jahr ermittelt": "year",
    "datum": "date",
    "date": "date",
    "dokumententyp": "type",
    "document type": "type",
    "zeitschrift": "container",
    "periodical": "container",
    "titel des sammelwerks": "container",
    "sammelwerk": "container",
    "parent title": "container",
    "reihe": "series",
    "series title": "series",
    "verlag": "publisher",
    "publishers": "publisher",
    "publisher": "publisher",
    "institution": "publisher",
    "ort": "place",
    "ort(e)": "place",
    "place of publication": "place",
    "band": "volume",
    "volume": "volume",
    "heft": "issue",
    "nummer": "issue",
    "number": "issue",
    "seiten": "page",
    "seitenbereich": "page",
    "page range": "page",
    "pages": "page",
    "auflage": "edition",
    "edition": "edition",
    "doi": "DOI",
    "doi name": "DOI",
    "isbn": "ISBN",
    "issn": "ISSN",
    "online-adresse": "URL",
    "online address": "URL",
    "url": "URL",
    "zugriffsdatum": "accessed",
    "last accessed": "accessed",
    "abstract": "abstract",
    "abstract (text)": "abstract",
    "zusammenfassung": "abstract",
    "schlagwörter": "keyword",
    "keywords": "keyword",
    "sprache": "language",
    "language": "language",
    "kurztitel": "title-short",
    "short title": "title-short",
    "notizen": "note",
    "notes": "note",
    "bibtex-schlüssel": "id",
    "bibtex key": "id",
    "citavi-id": "id",
}

_FORMULA_RE = re.compile(r"^[\t\r]*(=|[+\-@]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(|[+\-@=].*\|)", re.DOTALL)
_NEUTRALISED_RE = re.compile(r"^'(?=[=+\-@\t\r])")
_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula(value: str) -> bool:
    return bool(value) and bool(_FORMULA_RE.match(value))


def _sniff_dialect(sample: str) -> str:
    first = sample.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get)


def _layout(header: list[str]) -> str | None:
    names = {h.strip().lower() for h in header}
    if {"item type", "title"} <= names:
        return "zotero"
    citavi = {CITAVI_COLUMNS[n] for n in names if n in CITAVI_COLUMNS}
    if "title" in citavi and ({"author", "year", "type"} & citavi):
        return "citavi"
    return None


def _names(value: str) -> list[dict]:
    return [n for n in (split_name(part) for part in value.split(";")) if n]


def _zotero_item(row: dict) -> dict:
    def get(name: str) -> str:
        return row.get(name) or ""

    item: dict = {"type": ZOTERO_TO_CSL.get(get("Item Type").strip(), csl_type(get("Item Type")))}
    simple = {
        "title": "Title",
        "title-short": "Short Title",
        "container-title": "Publication Title",
        "collection-title": "Series",
        "publisher": "Publisher",
        "publisher-place": "Place",
        "volume": "Volume",
        "issue": "Issue",
        "page": "Pages",
        "edition": "Edition",
        "number": "Number",
        "DOI": "DOI",
        "ISBN": "ISBN",
        "ISSN": "ISSN",
        "URL": "Url",
        "language": "Language",
        "id": "Key",
    }
    for key, column in simple.items():
        text = clean_text(get(column))
        if text:
            item[key] = text
    for key, column in (("abstract", "Abstract Note"), ("note", "Extra")):
        text = clean_text(get(column), multiline=True)
        if text:
            item[key] = text
    tags = [clean_text(t) for t in get("Manual Tags").split(";")]
    if tags := [t for t in tags if t]:
        item["keyword"] = ", ".join(tags)
    for role, column in (("author", "Author"), ("editor", "Editor"), ("translator", "Translator")):
        names = _names(get(column))
        if names:
            item[role] = names
    date = parse_date(get("Date")) if get("Date") else None
    if not (date and "date-parts" in date) and get("Publication Year"):
        date = parse_date(get("Publication Year"))
    if date and "date-parts" in date:
        item["issued"] = date
    accessed = parse_date(get("Access Date")) if get("Access Date") else None
    if accessed and "date-parts" in accessed:
        item["accessed"] = accessed
    return item


def _citavi_item(row: dict) -> dict:
    values: dict[str, str] = {}
    for column, value in row.items():
        key = CITAVI_COLUMNS.get((column or "").strip().lower())
        if key and value and not values.get(key):
            values[key] = value
    kind = values.get("type", "").strip().lower()
    item: dict = {"type": CITAVI_TO_CSL.get(kind, csl_type(kind))}
    title = clean_text(values.get("title"))
    subtitle = clean_text(values.get("subtitle"))
    if title:
        item["title"] = f"{title}. {subtitle}" if subtitle else title
    simple = {
        "title-short": "title-short",
        "container-title": "container",
        "collection-title": "series",
        "publisher": "publisher",
        "publisher-place": "place",
        "volume": "volume",
        "issue": "issue",
        "page": "page",
        "edition": "edition",
        "DOI": "DOI",
        "ISBN": "ISBN",
        "ISSN": "ISSN",
        "URL": "URL",
        "language": "language",
        "id": "id",
    }
    for key, source in simple.items():
        text = clean_text(values.get(source))
        if text:
            item[key] = text
    for key in ("abstract", "note"):
        text = clean_text(values.get(key), multiline=True)
        if text:
            item[key] = text
    if values.get("keyword"):
        keywords = [clean_text(k) for k in re.split(r"[;,]", values["keyword"])]
        if keywords := [k for k in keywords if k]:
            item["keyword"] = ", ".join(keywords)
    for role in ("author", "editor"):
        names = _names(values.get(role, ""))
        if names:
            item[role] = names
    date = parse_date(values.get("date")) if values.get("date") else None
    if not (date and "date-parts" in date) and values.get("year"):
        date = parse_date(values["year"])
    if date and "date-parts" in date:
        item["issued"] = date
    accessed = parse_date(values.get("accessed")) if values.get("accessed") else None
    if accessed and "date-parts" in accessed:
        item["accessed"] = accessed
    return item


def parse(text: str, deadline: Deadline | None = None) -> ParseResult:
    deadline = deadline or Deadline()
    result = ParseResult(format="csv")
    delimiter = _sniff_dialect(text[:10000])
    csv.field_size_limit(MAX_FIELD_CHARS * 10)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration as error:
        raise LiteratureImportError(_("Die CSV-Datei ist leer.")) from error
    except csv.Error as error:
        raise LiteratureImportError(_("Die Kopfzeile der CSV-Datei ist fehlerhaft: %(e)s") % {"e": error}) from error
    layout = _layout(header)
    if layout is None:
        raise LiteratureImportError(
            _(
                "Die CSV-Datei hat weder das Spaltenlayout von Zotero (Spalten „Item Type“, „Title“, …) noch das "
                "von Citavi (Spalten „Titel“, „Autor, Herausgeber oder Institution“, „Jahr“, …)."
            )
        )
    columns = [h.strip() for h in header]
    build = _zotero_item if layout == "zotero" else _citavi_item
    count = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise LiteratureImportError(
                _("Zeile %(line)s: Die CSV-Datei ist beschädigt oder abgeschnitten (%(e)s).")
                % {"line": line, "e": error},
                line=line,
            ) from error
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        if count > MAX_RECORDS:
            raise LiteratureImportError(
                _("Die Datei enthält mehr als %(n)s Einträge.") % {"n": f"{MAX_RECORDS:,}".replace(",", ".")}
            )
        if count % 1000 == 0:
            deadline.check()
        formula = next((c for c in cells if is_formula(c)), None)
        if formula is not None:
            column = columns[cells.index(formula)] if cells.index(formula) < len(columns) else "?"
            result.invalid.append(
                (
                    line,
                    _(
                        "Die Zelle in Spalte „%(column)s“ beginnt mit einer Tabellenformel (%(cell)s); sie wird aus "
                        "Sicherheitsgründen nicht importiert."
                    )
                    % {"column": column, "cell": clean_text(formula)[:40]},
                )
            )
            continue
        row = {columns[i]: _NEUTRALISED_RE.sub("", cell) for i, cell in enumerate(cells) if i < len(columns)}
        item, reason = normalise_item(build(row))
        if item is None:
            result.invalid.append((line, reason))
        else:
            result.records.append(ParsedRecord(line=line, item=item))
    return result


def neutralise(value: str) -> str:
    """Make a cell safe for spreadsheets (OWASP CSV injection): a leading apostrophe."""
    return "'" + value if value.startswith(_DANGEROUS_START) else value


def dumps(items: list[dict]) -> str:
    """CSL items → CSV in Zotero's column layout (UTF-8 with BOM, so spreadsheets read umlauts)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(ZOTERO_COLUMNS)
    for item in items:
        parts = date_parts(item.get("issued"))
        accessed = date_parts(item.get("accessed"))
        row = {
            "Key": item.get("id", ""),
            "Item Type": CSL_TO_ZOTERO.get(item.get("type", "document"), "document"),
            "Publication Year": str(parts[0]) if parts else "",
            "Author": "; ".join(name_to_text(n) for n in item.get("author", [])),
            "Editor": "; ".join(name_to_text(n) for n in item.get("editor", [])),
            "Translator": "; ".join(name_to_text(n) for n in item.get("translator", [])),
            "Title": item.get("title", ""),
            "Short Title": item.get("title-short", ""),
            "Publication Title": item.get("container-title", ""),
            "Series": item.get("collection-title", ""),
            "Publisher": item.get("publisher", ""),
            "Place": item.get("publisher-place", ""),
            "Volume": item.get("volume", ""),
            "Issue": item.get("issue", ""),
            "Number": item.get("number", ""),
            "Pages": item.get("page", ""),
            "Edition": item.get("edition", ""),
            "DOI": item.get("DOI", ""),
            "ISBN": item.get("ISBN", ""),
            "ISSN": item.get("ISSN", ""),
            "Url": item.get("URL", ""),
            "Abstract Note": item.get("abstract", ""),
            "Date": "-".join([str(parts[0]), *(f"{p:02d}" for p in parts[1:])]) if parts else "",
            "Access Date": "-".join([str(accessed[0]), *(f"{p:02d}" for p in accessed[1:])]) if accessed else "",
            "Language": item.get("language", ""),
            "Extra": item.get("note", ""),
            "Notes": "",
            "Manual Tags": "; ".join(k.strip() for k in item.get("keyword", "").split(",") if k.strip()),
        }
        writer.writerow([neutralise(str(row.get(column, ""))) for column in ZOTERO_COLUMNS])
    return "\ufeff" + buffer.getvalue()
