"""The result table of one survey question: parsing, validation and the CSV download.

Editors paste a question's results as a small table (copied from a spreadsheet: columns separated
by semicolons or tabs). The first line names the answers, every further line is one group::

    Gruppe;n;Ja;Eher ja;Eher nein;Nein
    Gesamt;101;40;31;19;10
    Größenklasse: Großstadt;60;45;30;15;10
    Land: Bayern;12;50;25;17;8

``Gesamt`` is required; ``Größenklasse: …`` (a size class of the places registry, by key or label)
and ``Land: …`` (one of the 16 Länder, by name or abbreviation) are optional breakdowns. The
second column is the base (respondents who answered); the values are percentages or counts,
as the question says. Every problem is reported with its line number in German.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from krisenwissen.places.models import SizeClass
from krisenwissen.places.names import land_name, name_key

TOTAL = "total"
SIZE_CLASS = "size_class"
LAND = "land"
GROUP_KINDS = (TOTAL, SIZE_CLASS, LAND)
MAX_ANSWERS = 30
MAX_ROWS = 60
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class TableError(ValueError):
    """The table cannot be read; ``messages`` lists every problem found."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Row:
    kind: str  #: total, size_class or land
    value: str  #: "" for the total, the size class key or the Land's name
    base: int | None  #: respondents in this group (n)
    values: tuple[float, ...]  #: one per answer

    @property
    def label(self) -> str:
        if self.kind == TOTAL:
            return _("Gesamt")
        if self.kind == SIZE_CLASS:
            return str(dict(SizeClass.choices).get(self.value, self.value))
        return self.value

    @property
    def short_label(self) -> str:
        """For the chart: the size class without its population range."""
        return self.label.split(" (")[0]


@dataclass
class ResultTable:
    answers: list[str]
    rows: list[Row] = field(default_factory=list)

    @property
    def total(self) -> Row:
        return next(row for row in self.rows if row.kind == TOTAL)

    def row(self, kind: str, value: str = "") -> Row | None:
        return next((row for row in self.rows if row.kind == kind and row.value == value), None)

    def values_of(self, kind: str) -> list[str]:
        return [row.value for row in self.rows if row.kind == kind]


_SIZE_CLASS_KEYS = {name_key(key): key for key in SizeClass.values} | {
    name_key(str(label).split(" (")[0]): key for key, label in SizeClass.choices
}


def _size_class(text: str) -> str | None:
    return _SIZE_CLASS_KEYS.get(name_key(text.split("(")[0]))


def _number(text: str) -> float | None:
    cleaned = text.strip().replace("%", "").replace("\u202f", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):  # 1.234 as a German thousands separator
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value >= 0 else None


def _split(line: str) -> list[str]:
    delimiter = "\t" if "\t" in line else ";"
    return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))]


def _group(text: str) -> tuple[str, str] | None:
    label = text.strip()
    if name_key(label) in {"gesamt", "alle", "insgesamt", "total"}:
        return TOTAL, ""
    prefix, _sep, rest = label.partition(":")
    key = name_key(prefix)
    if key in {"grossenklasse", "groessenklasse", "size class", "sizeclass"} and rest.strip():
        size = _size_class(rest)
        return (SIZE_CLASS, size) if size else None
    if key in {"land", "bundesland"} and rest.strip():
        name = land_name(rest.strip())
        return (LAND, name) if name else None
    return None


def parse_table(text: str, *, percent: bool = True) -> ResultTable:
    """Read a result table; raise :class:`TableError` listing every problem (with line numbers)."""
    lines = [line for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]
    if len(lines) < 2:
        raise TableError([_("Die Tabelle braucht eine Kopfzeile mit den Antworten und mindestens die Zeile „Gesamt“.")])
    header = _split(lines[0])
    answers = list(header[2:])
    errors = []
    if len(header) < 3 or not all(answers):
        errors.append(_("Zeile 1: Nach „Gruppe“ und „n“ muss jede Spalte eine Antwort nennen."))
    if len(answers) > MAX_ANSWERS:
        errors.append(_("Zeile 1: Höchstens %(max)s Antworten je Frage.") % {"max": MAX_ANSWERS})
    if len(lines) - 1 > MAX_ROWS:
        errors.append(_("Höchstens %(max)s Gruppenzeilen je Frage.") % {"max": MAX_ROWS})
    table = ResultTable(answers=answers)
    seen = set()
    for number, line in enumerate(lines[1:], start=2):
        cells = _split(line)
        group = _group(cells[0]) if cells else None
        if group is None:
            errors.append(
                _(
                    "Zeile %(line)s: „%(group)s“ ist keine bekannte Gruppe. Erlaubt sind „Gesamt“, "
                    "„Größenklasse: …“ (z. B. Großstadt) und „Land: …“ (z. B. Bayern)."
                )
                % {"line": number, "group": (cells[0] if cells else "")[:60]}
            )
            continue
        if group in seen:
            errors.append(
                _("Zeile %(line)s: Die Gruppe „%(group)s“ steht doppelt in der Tabelle.")
                % {"line": number, "group": cells[0][:60]}
            )
            continue
        seen.add(group)
        if len(cells) != len(answers) + 2:
            errors.append(
                _("Zeile %(line)s: %(found)s Spalten statt %(expected)s (Gruppe, n und je Antwort ein Wert).")
                % {"line": number, "found": len(cells), "expected": len(answers) + 2}
            )
            continue
        base = None
        if cells[1]:
            base_value = _number(cells[1])
            if base_value is None or base_value != int(base_value):
                errors.append(_("Zeile %(line)s: „n“ muss eine ganze Zahl sein.") % {"line": number})
                continue
            base = int(base_value)
        values = [_number(cell) for cell in cells[2:]]
        if any(value is None for value in values):
            errors.append(
                _("Zeile %(line)s: Jeder Wert muss eine Zahl ab 0 sein (Komma oder Punkt).") % {"line": number}
            )
            continue
        if percent and any(value > 100 for value in values):
            errors.append(_("Zeile %(line)s: Ein Prozentwert ist größer als 100.") % {"line": number})
            continue
        if not percent and base is not None and any(value > base for value in values):
            errors.append(_("Zeile %(line)s: Eine Anzahl ist größer als n.") % {"line": number})
            continue
        table.rows.append(Row(kind=group[0], value=group[1], base=base, values=tuple(values)))
    if not errors and not any(row.kind == TOTAL for row in table.rows):
        errors.append(_("Die Zeile „Gesamt“ fehlt."))
    if errors:
        raise TableError(errors)
    order = {kind: i for i, kind in enumerate(GROUP_KINDS)}
    size_order = {key: i for i, key in enumerate(SizeClass.values)}
    table.rows.sort(key=lambda row: (order[row.kind], size_order.get(row.value, 0), row.value))
    return table


def neutralise(value):
    """A CSV cell that a spreadsheet will not run as a formula: text starting with =, +, -, @ gets a '."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


CSV_HEADER = [
    "befragung",
    "welle",
    "frage_nr",
    "frage",
    "gruppe_typ",
    "gruppe",
    "n",
    "antwort",
    "wert",
    "einheit",
    "demo",
]


def write_csv(rows: list[list]) -> str:
    """CSV text (semicolon-separated, as German spreadsheets expect) with every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()
