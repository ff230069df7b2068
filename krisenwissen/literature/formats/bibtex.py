"""BibTeX and BibLaTeX via bibtexparser 2, with a scanner in front of it.

The scanner walks the file once: it finds every ``@type{…}`` at brace depth 0, so it knows the
line each entry starts on, notices unbalanced braces (the file is refused) and stray field text
between entries (that entry is reported). bibtexparser's splitter then reads the scanned entries
in one call with an empty parse stack, so every field keeps its raw BibTeX value (``{…}``,
``"…"``, a number, a macro name or a ``#`` concatenation of those); :class:`MacroExpander` turns
those into text and expands ``@string`` macros under a budget, so a "macro bomb" (each macro
doubling the previous) is refused instead of filling memory.
"""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.model import Entry, ParsingFailedBlock
from bibtexparser.model import String as StringBlock

from django.utils.translation import gettext as _

from .common import (
    MAX_CREATORS,
    MAX_MACRO_EXPANSION,
    MAX_RECORDS,
    Deadline,
    LiteratureImportError,
    ParsedRecord,
    ParseResult,
    clean_text,
    date_parts,
    latex_to_text,
    parse_date,
)
from .csljson import normalise_item
from .types import BIB_TO_CSL, CSL_TO_BIB, CSL_TYPES

_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t\r\n]*([{(])")
_BRACES = re.compile(r"[{}]")
_BRACES_PARENS = re.compile(r"[{}()]")
_KEY_RE = re.compile(r"\s*([^,\s{}()]*)")
_STRAY_FIELD = re.compile(r"^\s*[A-Za-z][A-Za-z0-9_-]*\s*=\s*[{\"]", re.MULTILINE)
_AND_RE = re.compile(r"\s+and\s+", re.IGNORECASE)
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar"),
            ("feb", "february", "februar"),
            ("mar", "march", "märz"),
            ("apr", "april"),
            ("may", "mai"),
            ("jun", "june", "juni"),
            ("jul", "july", "juli"),
            ("aug", "august"),
            ("sep", "september", "sept"),
            ("oct", "october", "oktober"),
            ("nov", "november"),
            ("dec", "december", "dezember"),
        ),
        start=1,
    )
    for name in names
}


class ScannedEntry:
    __slots__ = ("line", "kind", "key", "start", "end")

    def __init__(self, line, kind, key, start, end):
        self.line, self.kind, self.key, self.start, self.end = line, kind, key, start, end


def scan(text: str, deadline: Deadline) -> tuple[list[ScannedEntry], list[tuple[int, str]]]:
    """Every entry with its line; problems between entries as (line, reason)."""
    entries: list[ScannedEntry] = []
    problems: list[tuple[int, str]] = []
    position, line, length = 0, 1, len(text)
    while True:
        match = _ENTRY_START.search(text, position)
        gap = text[position : match.start() if match else length]
        stray = _STRAY_FIELD.search(gap)
        if stray and entries:
            stray_line = line + gap.count("\n", 0, stray.start())
            problems.append(
                (
                    entries[-1].line,
                    _("Der Eintrag endet zu früh (überzählige schließende Klammer vor Zeile %(line)s).")
                    % {"line": stray_line},
                )
            )
        if not match:
            break
        line += text.count("\n", position, match.start())
        kind = match.group(1).lower()
        closer = "}" if match.group(2) == "{" else ")"
        pattern = _BRACES if closer == "}" else _BRACES_PARENS
        depth, end = 0, None
        for brace in pattern.finditer(text, match.end()):
            char = brace.group()
            if char == "{":
                depth += 1
            elif char == "}":
                if depth == 0 and closer == "}":
                    end = brace.end()
                    break
                depth -= 1
                if depth < 0:
                    depth = 0
            elif char == ")" and depth == 0 and closer == ")":
                end = brace.end()
                break
        if end is None:
            raise LiteratureImportError(
                _(
                    "Zeile %(line)s: Der Eintrag „@%(kind)s“ wird nie geschlossen (unausgeglichene geschweifte "
                    "Klammern); die Datei ist beschädigt oder abgeschnitten."
                )
                % {"line": line, "kind": kind},
                line=line,
            )
        key = _KEY_RE.match(text, match.end()).group(1) if kind not in ("string", "preamble", "comment") else ""
        entries.append(ScannedEntry(line, kind, key, match.start(), end))
        if len(entries) > MAX_RECORDS + 10_000:
            raise LiteratureImportError(
                _("Die Datei enthält mehr als %(n)s Einträge.") % {"n": f"{MAX_RECORDS:,}".replace(",", ".")}
            )
        line += text.count("\n", match.start(), end)
        position = end
        if len(entries) % 1000 == 0:
            deadline.check()
    return entries, problems


#: The month macros every BibTeX style defines (``month = jan``); a file's own ``@string`` wins.
COMMON_STRINGS = {
    month[:3].lower(): month
    for month in (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
}


def _enclosed(part: str) -> bool:
    """``{text}`` or ``"text"``: a literal piece of a value, not a macro name or number."""
    return len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"'))


def split_concatenation(raw: str) -> list[str]:
    """A raw BibTeX value split at ``#`` outside braces and quotes: ``"A " # foo # {B}``."""
    if "#" not in raw:
        return [raw.strip()]
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:index].strip())
            start = index + 1
    parts.append(raw[start:].strip())
    return parts


class MacroExpander:
    """Raw field values → text, with ``@string`` macros expanded under a budget.

    A raw value is one or more pieces joined by ``#``: ``{text}`` or ``"text"`` (the text
    inside), a number, or a macro name (its definition, expanded the same way; an undefined or
    circular name stays as it is, as BibTeX itself keeps going with the name). Every expansion
    is counted; once the total exceeds the budget the file is refused.
    """

    def __init__(self, definitions: dict[str, str], budget: int = MAX_MACRO_EXPANSION):
        self.definitions = {**COMMON_STRINGS, **{str(k).lower(): v for k, v in definitions.items()}}
        self.cache: dict[str, str] = {}
        self.resolving: set[str] = set()
        self.budget = budget
        self.used = 0

    def _spend(self, size: int) -> None:
        self.used += size
        if self.used > self.budget:
            raise LiteratureImportError(
                _(
                    "Die @string-Makros der Datei ergeben zusammen mehr als %(n)s Zeichen; "
                    "die Datei wird aus Sicherheitsgründen nicht gelesen."
                )
                % {"n": f"{self.budget:,}".replace(",", ".")}
            )

    def macro(self, name: str) -> str:
        name = name.lower()
        if name in self.cache:
            return self.cache[name]
        if name not in self.definitions or name in self.resolving:
            return name
        self.resolving.add(name)
        pieces = self._pieces(self.definitions[name])
        self._spend(sum(len(p) for p in pieces))
        self.resolving.discard(name)
        self.cache[name] = "".join(pieces)
        return self.cache[name]

    def _pieces(self, raw: str) -> list[str]:
        pieces, size = [], 0
        for part in split_concatenation(raw):
            if _enclosed(part):
                piece = part[1:-1]
            elif not part or part.isdigit():
                piece = part
            else:
                piece = self.macro(part)
            pieces.append(piece)
            size += len(piece)
            if size > self.budget:
                self._spend(self.budget + 1)
        return pieces

    def value(self, raw: str) -> str:
        if "#" not in raw and _enclosed(raw):
            return raw[1:-1]  # the common case: one braced or quoted value, no macro to expand
        pieces = self._pieces(raw)
        if len(pieces) > 1:
            self._spend(sum(len(p) for p in pieces))
        return "".join(pieces)


def split_names(value: str) -> list[dict]:
    """BibTeX name list → CSL names; a name wholly in braces is an organisation."""
    names, depth, current, index = [], 0, [], 0
    # Split on " and " at brace depth 0 only ("{Bill and Melinda Gates Foundation}" is one name).
    tokens = re.split(r"(\{|\}|\s+and\s+)", value, flags=re.IGNORECASE)
    for piece in tokens:
        if piece == "{":
            depth += 1
        elif piece == "}":
            depth = max(0, depth - 1)
        elif _AND_RE.fullmatch(piece) and depth == 0:
            names.append("".join(current))
            current = []
            continue
        current.append(piece)
        index += 1
    names.append("".join(current))
    result = []
    for raw in names[:MAX_CREATORS]:
        raw = raw.strip()
        if not raw:
            continue
        if raw.startswith("{") and raw.endswith("}") and _balanced_inner(raw):
            literal = clean_text(latex_to_text(raw[1:-1]))
            if literal:
                result.append({"literal": literal})
            continue
        parts = [p.strip() for p in _split_top_commas(raw)]
        if len(parts) >= 2:
            family = clean_text(latex_to_text(parts[0]))
            given = clean_text(latex_to_text(parts[-1]))
            if family:
                result.append({"family": family, "given": given} if given else {"family": family})
            elif given:
                result.append({"literal": given})
            continue
        text = clean_text(latex_to_text(raw))
        words = text.split(" ")
        if len(words) == 1:
            result.append({"family": text})
        else:
            result.append({"family": words[-1], "given": " ".join(words[:-1])})
    return result


def _balanced_inner(raw: str) -> bool:
    depth = 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and index != len(raw) - 1:
                return False
    return depth == 0


def _split_top_commas(raw: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in raw:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _to_item(entry: Entry, expand: MacroExpander) -> dict:
    fields: dict[str, str] = {}
    for field in entry.fields:
        # A field given twice keeps its first value (bibtexparser reports the entry as failed).
        fields.setdefault(field.key.lower(), expand.value(str(field.value)))

    def text(*keys, multiline=False) -> str:
        for key in keys:
            if fields.get(key):
                return clean_text(latex_to_text(fields[key]), multiline=multiline)
        return ""

    kind = (entry.entry_type or "misc").lower()
    declared = text("csltype").lower()
    subtype = text("entrysubtype").lower()
    if declared in CSL_TYPES:
        csl = declared
    elif kind == "article" and subtype in ("newspaper", "magazine"):
        csl = f"article-{subtype}"
    elif kind == "misc" and fields.get("url"):
        csl = "webpage"
    else:
        csl = BIB_TO_CSL.get(kind, "document")
    item: dict = {"type": csl, "id": entry.key or ""}
    pairs = {
        "title": ("title",),
        "title-short": ("shorttitle",),
        "container-title": ("journaltitle", "journal", "booktitle", "maintitle"),
        "collection-title": ("series",),
        "publisher": ("publisher", "institution", "organization", "school"),
        "publisher-place": ("location", "address"),
        "volume": ("volume",),
        "edition": ("edition",),
        "DOI": ("doi",),
        "ISBN": ("isbn",),
        "ISSN": ("issn",),
        "URL": ("url",),
        "language": ("langid", "language"),
        "keyword": ("keywords",),
    }
    for target, keys in pairs.items():
        value = text(*keys)
        if value:
            item[target] = value
    number = text("number", "issue")
    if number:
        item["number" if csl in ("report", "legislation", "legal_case") else "issue"] = number
    if fields.get("issue") and fields.get("number") and csl not in ("report", "legislation", "legal_case"):
        item["issue"] = text("issue")
        item["number"] = text("number")
    pages = text("pages")
    if pages:
        item["page"] = pages.replace("–", "-")
    abstract = text("abstract", multiline=True)
    if abstract:
        item["abstract"] = abstract
    note = text("note", "annote", multiline=True)
    if note:
        item["note"] = note
    for role in ("author", "editor", "translator"):
        if fields.get(role):
            names = split_names(fields[role])
            if names:
                item[role] = names
    date = parse_date(text("date")) if fields.get("date") else None
    if date and "date-parts" in date:
        item["issued"] = date
    elif fields.get("year"):
        year = parse_date(text("year"))
        if year and "date-parts" in year:
            parts = date_parts(year)[:1]
            month = MONTHS.get(text("month").lower().rstrip(".")) or (
                int(text("month")) if text("month").isdigit() and 1 <= int(text("month")) <= 12 else None
            )
            if month:
                parts.append(month)
                day = text("day")
                if day.isdigit() and 1 <= int(day) <= 31:
                    parts.append(int(day))
            item["issued"] = {"date-parts": [parts]}
    accessed = parse_date(text("urldate")) if fields.get("urldate") else None
    if accessed and "date-parts" in accessed:
        item["accessed"] = accessed
    return item


def parse(text: str, deadline: Deadline | None = None) -> ParseResult:
    deadline = deadline or Deadline()
    result = ParseResult(format="bibtex")
    scanned, problems = scan(text, deadline)
    records = [e for e in scanned if e.kind not in ("string", "preamble", "comment")]
    if not records:
        raise LiteratureImportError(_("Die Datei ist keine BibTeX-Datei: sie enthält keinen Eintrag wie @article{…}."))
    if len(records) > MAX_RECORDS:
        raise LiteratureImportError(
            _("Die Datei enthält mehr als %(n)s Einträge.") % {"n": f"{MAX_RECORDS:,}".replace(",", ".")}
        )
    # Only the scanned entries go to the parser (text between entries is a comment in BibTeX),
    # one per line block, so each block's line in this body leads back to its scanned entry's
    # line in the file.
    chunks, file_line, body_line = [], {}, 0
    for entry in scanned:
        if entry.kind == "comment":
            continue
        chunk = text[entry.start : entry.end]
        file_line[body_line] = entry.line
        chunks.append(chunk)
        body_line += chunk.count("\n") + 1
    try:
        library = bibtexparser.parse_string("\n".join(chunks), parse_stack=[])
    except Exception as error:  # noqa: BLE001 - the splitter's errors have no common base class
        raise LiteratureImportError(
            _("Die BibTeX-Datei konnte nicht gelesen werden: %(e)s") % {"e": str(error)[:150]}
        ) from error
    deadline.check()

    definitions: dict[str, str] = {}
    parsed: dict[int, Entry] = {}  #: by the line of the entry in the file
    for block in library.blocks:
        if isinstance(block, ParsingFailedBlock):
            block = block.ignore_error_block  # a repeated key or field: the entry is still there
        if isinstance(block, StringBlock):
            definitions[str(block.key)] = str(block.value)
        elif isinstance(block, Entry) and block.start_line in file_line:
            parsed[file_line[block.start_line]] = block
    expander = MacroExpander(definitions)
    invalid_lines = {line for line, _reason in problems}
    result.invalid.extend(problems)
    for index, scanned_entry in enumerate(records):
        if index % 500 == 0:
            deadline.check()
        if scanned_entry.line in invalid_lines:
            continue
        entry = parsed.get(scanned_entry.line)
        if entry is None:
            result.invalid.append(
                (
                    scanned_entry.line,
                    _("Der Eintrag „@%(kind)s“ ist fehlerhaft und wurde nicht gelesen.") % {"kind": scanned_entry.kind},
                )
            )
            continue
        item, reason = normalise_item(_to_item(entry, expander))
        if item is None:
            result.invalid.append((scanned_entry.line, reason))
        else:
            result.records.append(ParsedRecord(line=scanned_entry.line, item=item))
    result.invalid.sort()
    return result


# --- Writing ---------------------------------------------------------------------------------------

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\~{}",
    "^": r"\^{}",
}
_ESCAPE_RE = re.compile(r"[\\{}&%$#_~^]")


def escape(value: str) -> str:
    value = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], value)
    # Protect runs of hyphens (LaTeX would print "--" as an en dash) and blank lines.
    return re.sub(r"-(?=-)", "-{}", value)


def _name(name: dict) -> str:
    if "literal" in name:
        return "{" + escape(name["literal"]) + "}"
    family = escape(name.get("family", ""))
    if " " in family or "," in name.get("family", ""):
        family = "{" + family + "}"
    given = escape(name.get("given", ""))
    return f"{family}, {given}" if given else family


def _key(item: dict, index: int, used: set) -> str:
    base = re.sub(r"[^A-Za-z0-9_:-]", "", str(item.get("id") or ""))[:60] or f"item{index}"
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base}_{n}"
    used.add(key)
    return key


def dumps(items: list[dict]) -> str:
    """CSL items → BibLaTeX (UTF-8). ``csltype`` keeps the exact CSL type for the way back."""
    out, used = [], set()
    for index, item in enumerate(items, start=1):
        csl = item.get("type", "document")
        kind = CSL_TO_BIB.get(csl, "misc")
        fields: list[tuple[str, str]] = []

        def add(name, value, fields=fields):
            if value:
                fields.append((name, escape(str(value))))

        add("title", item.get("title"))
        add("shorttitle", item.get("title-short"))
        if item.get("author"):
            fields.append(("author", " and ".join(_name(n) for n in item["author"])))
        if item.get("editor"):
            fields.append(("editor", " and ".join(_name(n) for n in item["editor"])))
        if item.get("translator"):
            fields.append(("translator", " and ".join(_name(n) for n in item["translator"])))
        container_field = "booktitle" if kind in ("incollection", "inproceedings", "inreference") else "journaltitle"
        add(container_field, item.get("container-title"))
        add("series", item.get("collection-title"))
        add("publisher", item.get("publisher"))
        add("location", item.get("publisher-place"))
        add("volume", item.get("volume"))
        add("issue", item.get("issue"))
        add("number", item.get("number"))
        add("pages", item.get("page"))
        add("edition", item.get("edition"))
        add("doi", item.get("DOI"))
        add("isbn", item.get("ISBN"))
        add("issn", item.get("ISSN"))
        add("url", item.get("URL"))
        parts = date_parts(item.get("issued"))
        if parts:
            add("date", "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])]))
        accessed = date_parts(item.get("accessed"))
        if accessed:
            add("urldate", "-".join([f"{accessed[0]:04d}", *(f"{p:02d}" for p in accessed[1:])]))
        add("langid", item.get("language"))
        add("keywords", item.get("keyword"))
        add("abstract", item.get("abstract"))
        add("note", item.get("note"))
        if csl in ("article-newspaper", "article-magazine"):
            add("entrysubtype", csl.removeprefix("article-"))
        add("csltype", csl)
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        out.append(f"@{kind}{{{_key(item, index, used)},\n{body}\n}}\n")
    return "\n".join(out)
