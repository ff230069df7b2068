"""CSL-JSON: the internal representation, so reading means validating and normalising."""

from __future__ import annotations

import json
import re
from bisect import bisect_right

from django.utils.translation import gettext as _

from .common import (
    MAX_CREATORS,
    MAX_JSON_DEPTH,
    MAX_RECORDS,
    Deadline,
    LiteratureImportError,
    ParsedRecord,
    ParseResult,
    clean_text,
    date_parts,
    parse_date,
)
from .types import csl_type

TEXT_FIELDS = (
    "title",
    "title-short",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "volume",
    "issue",
    "page",
    "edition",
    "number",
    "DOI",
    "ISBN",
    "ISSN",
    "URL",
    "language",
    "keyword",
    "id",
)
MULTILINE_FIELDS = ("abstract", "note")
NAME_FIELDS = ("author", "editor", "translator")
DATE_FIELDS = ("issued", "accessed")


def _depth(value, limit: int) -> int:
    """Nesting depth of a JSON value, stopping as soon as it exceeds ``limit``."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(current, dict):
            stack.extend((v, depth + 1) for v in current.values())
        elif isinstance(current, list):
            stack.extend((v, depth + 1) for v in current)
    return deepest


def _name(value) -> dict | None:
    if isinstance(value, str):
        text = clean_text(value)
        return {"literal": text} if text else None
    if not isinstance(value, dict):
        return None
    literal = clean_text(value.get("literal"))
    if literal:
        return {"literal": literal}
    family = clean_text(value.get("family"))
    given = clean_text(value.get("given"))
    particle = clean_text(value.get("non-dropping-particle"))
    if particle:
        family = f"{particle} {family}".strip()
    if not family and given:
        return {"literal": given}
    if not family:
        return None
    return {"family": family, "given": given} if given else {"family": family}


def normalise_item(raw: dict) -> tuple[dict | None, str]:
    """A CSL-JSON object from anywhere → our cleaned item, or ``(None, reason)``."""
    if not isinstance(raw, dict):
        return None, _("Der Eintrag ist kein JSON-Objekt.")
    if _depth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        return None, _("Der Eintrag ist zu tief verschachtelt (höchstens %(n)s Ebenen).") % {"n": MAX_JSON_DEPTH}
    item: dict = {"type": csl_type(raw.get("type"))}
    for key in TEXT_FIELDS:
        value = raw.get(key)
        if isinstance(value, list):  # some exporters write lists (ISBN, keyword)
            value = ", ".join(str(v) for v in value if isinstance(v, str | int | float))
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            text = clean_text(value)
            if text:
                item[key] = text
    for key in MULTILINE_FIELDS:
        value = raw.get(key)
        if isinstance(value, str):
            text = clean_text(value, multiline=True)
            if text:
                item[key] = text
    for key in NAME_FIELDS:
        names = raw.get(key)
        if isinstance(names, list):
            cleaned = [n for n in (_name(v) for v in names[:MAX_CREATORS]) if n]
            if cleaned:
                item[key] = cleaned
    for key in DATE_FIELDS:
        value = raw.get(key)
        if isinstance(value, str | int):
            value = parse_date(str(value))
        parts = date_parts(value) if value else []
        if parts and 1000 <= parts[0] <= 2100:
            item[key] = {"date-parts": [parts]}
    if not item.get("title"):
        return None, _("Der Eintrag hat keinen Titel.")
    return item, ""


def parse(text: str, deadline: Deadline | None = None) -> ParseResult:
    """Read a CSL-JSON array (or one object); each item is checked on its own."""
    deadline = deadline or Deadline()
    result = ParseResult(format="csl-json")
    stripped = text.lstrip()
    if not stripped.startswith(("[", "{")):
        raise LiteratureImportError(_("Die Datei ist kein CSL-JSON: sie beginnt nicht mit [ oder {."))
    newlines = [match.start() for match in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect_right(newlines, offset) + 1

    decoder = json.JSONDecoder()
    try:
        if stripped.startswith("{"):
            start = text.index("{")
            value, _end = decoder.raw_decode(text, start)
            elements = [(start, value)]
        else:
            elements = _array_elements(text, decoder, deadline)
    except RecursionError as error:
        raise LiteratureImportError(
            _("Die Datei ist zu tief verschachtelt (höchstens %(n)s Ebenen).") % {"n": MAX_JSON_DEPTH}
        ) from error
    except ValueError as error:
        position = getattr(error, "pos", None)
        line = line_of(position) if isinstance(position, int) else None
        raise LiteratureImportError(
            _("Die Datei ist kein gültiges JSON (Zeile %(line)s): Sie ist abgeschnitten oder beschädigt.")
            % {"line": line or "?"},
            line=line,
        ) from error
    if len(elements) > MAX_RECORDS:
        raise LiteratureImportError(
            _("Die Datei enthält mehr als %(n)s Einträge.") % {"n": f"{MAX_RECORDS:,}".replace(",", ".")}
        )
    for offset, raw in elements:
        deadline.check()
        line = line_of(offset)
        item, reason = normalise_item(raw)
        if item is None:
            result.invalid.append((line, reason))
        else:
            result.records.append(ParsedRecord(line=line, item=item))
    return result


def _array_elements(text: str, decoder: json.JSONDecoder, deadline: Deadline) -> list[tuple[int, object]]:
    """The elements of a top-level JSON array with their offsets (for line numbers)."""
    position = text.index("[") + 1
    length = len(text)
    elements = []
    whitespace = " \t\r\n"
    expect_value = True
    while True:
        while position < length and text[position] in whitespace:
            position += 1
        if position >= length:
            raise json.JSONDecodeError("unterminated array", text, position)
        char = text[position]
        if char == "]":
            rest = text[position + 1 :].strip()
            if rest:
                raise json.JSONDecodeError("extra data", text, position + 1)
            return elements
        if char == "," and not expect_value:
            position += 1
            expect_value = True
            continue
        if not expect_value:
            raise json.JSONDecodeError("expected , or ]", text, position)
        value, end = decoder.raw_decode(text, position)
        elements.append((position, value))
        if len(elements) > MAX_RECORDS:
            return elements
        position = end
        expect_value = False
        if len(elements) % 1000 == 0:
            deadline.check()


def dumps(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2)
