"""What every format shares: the error type, limits, decoding, text fix-ups and name handling.

Every parser turns text into CSL-JSON items (plain dicts, CSL 1.0.2 variable names), the one
internal representation; the importer maps those onto the model and the exporters start from
them. A parser returns :class:`ParseResult` (records with the line they start on, and invalid
records with line and reason) or raises :class:`LiteratureImportError` for input that is not a
file of that format at all. Nothing else may come out of a parser: the fuzz targets check that.
"""

from __future__ import annotations

import html
import re
import time
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# --- Limits (docs/literature.md explains each) ---------------------------------------------------
#: Largest file accepted anywhere (admin upload, command, API); checked before reading it whole.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: More records than this in one file are refused (the 50k benchmark fits).
MAX_RECORDS = 100_000
#: Longest single field value kept; longer values are cut (abstracts of whole books happen).
MAX_FIELD_CHARS = 20_000
#: Most creators kept per record.
MAX_CREATORS = 200
#: Deepest JSON nesting accepted in CSL-JSON (real items need 5).
MAX_JSON_DEPTH = 20
#: Total characters all BibTeX @string macro uses may expand to (a "macro bomb" exceeds it).
MAX_MACRO_EXPANSION = 2_000_000
#: CPU-time budget for parsing one file.
MAX_PARSE_SECONDS = 300.0


class LiteratureImportError(Exception):
    """The file cannot be imported at all; ``str(error)`` is one German sentence for the user."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(message)


@dataclass
class ParsedRecord:
    line: int
    item: dict


@dataclass
class ParseResult:
    format: str
    records: list[ParsedRecord] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)


class Deadline:
    """Raises once the parse budget is spent, so hostile input costs bounded time.

    Counted in CPU time of the process, so a busy machine slows an import down but does not
    make a sound file fail.
    """

    def __init__(self, seconds: float = MAX_PARSE_SECONDS):
        self.end = time.process_time() + seconds

    def check(self) -> None:
        if time.process_time() > self.end:
            raise LiteratureImportError(
                _("Die Datei konnte nicht in der erlaubten Zeit gelesen werden (höchstens %(s)s Sekunden).")
                % {"s": int(MAX_PARSE_SECONDS)}
            )


# --- Decoding ------------------------------------------------------------------------------------

_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def decode(data: bytes) -> str:
    """Bytes → text: UTF-8 with or without BOM, else cp1252 (Windows exports), never binary."""
    if len(data) > MAX_FILE_BYTES:
        raise LiteratureImportError(
            _("Die Datei ist zu groß (%(mb)s MB); erlaubt sind höchstens %(max)s MB.")
            % {"mb": len(data) // (1024 * 1024), "max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise LiteratureImportError(_("Die Datei ist keine lesbare UTF-16-Textdatei.")) from error
        return text.removeprefix("\ufeff")
    head = data[:65536]
    if b"\x00" in head or _looks_binary(head):
        raise LiteratureImportError(_("Die Datei enthält Binärdaten; erwartet wird eine Textdatei."))
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    if _CP1252_UNDEFINED.isdisjoint(data):
        return data.decode("cp1252")
    return data.decode("latin-1")


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.02


# --- Text fix-ups --------------------------------------------------------------------------------

_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}
_SYMBOLS = {
    "ss": "ß",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "textendash": "–",
    "textemdash": "—",
    "textquoteright": "’",
    "textquoteleft": "‘",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "euro": "€",
    "texteuro": "€",
    "textsection": "§",
    "S": "§",
    "dots": "…",
    "ldots": "…",
    "textbackslash": "\x00B",
    "textbraceleft": "\x00L",
    "textbraceright": "\x00R",
    "textasciitilde": "~",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textasciicircum": "^",
    "textquotedbl": '"',
    "textdollar": "$",
    "textperiodcentered": "·",
    "textbullet": "•",
    "textdegree": "°",
    "textregistered": "®",
    "texttrademark": "™",
    "textcopyright": "©",
    "textellipsis": "…",
    "guillemotleft": "«",
    "guillemotright": "»",
    "textordfeminine": "ª",
    "textordmasculine": "º",
    "textunderscore": "_",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
}
_ACCENT_RE = re.compile(r"""\\(["'`^~=.]|[uvHckrdb](?![A-Za-z]))\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))""")
_BRACED_ACCENT_RE = re.compile(r"""\{(\\["'`^~=.uvHckrdb]\s*(?:\{\\?[A-Za-z]\}|\\?[A-Za-z]))\}""")
_SYMBOL_RE = re.compile(r"\\([A-Za-z]+)(?:\{\}|\s)?")
_ESCAPE_RE = re.compile(r"\\([&%$#_{}~^ ])")
_FORMAT_RE = re.compile(r"\\(?:emph|textit|textbf|textsc|textrm|texttt|mkbibquote|url|enquote|textsuperscript)\s*\{")


def latex_to_text(value: str) -> str:
    """LaTeX markup of BibTeX values → plain Unicode: ``{\\"u}`` → ü, ``\\&`` → &, ``{Covid}`` → Covid."""
    if "\\" not in value and "{" not in value and "}" not in value:
        return value
    value = _BRACED_ACCENT_RE.sub(r"\1", value)

    def accent(match: re.Match) -> str:
        base = (match.group(2) or match.group(3) or "").lstrip("\\")
        if base == "i":
            base = "i"
        return unicodedata.normalize("NFC", base + _ACCENTS[match.group(1)])

    value = _ACCENT_RE.sub(accent, value)
    value = _FORMAT_RE.sub("{", value)
    placeholder_l, placeholder_r = "\x00L", "\x00R"
    value = value.replace(r"\{", placeholder_l).replace(r"\}", placeholder_r)
    value = _ESCAPE_RE.sub(r"\1", value)

    def symbol(match: re.Match) -> str:
        name = match.group(1)
        return _SYMBOLS.get(name, match.group(0))

    value = _SYMBOL_RE.sub(symbol, value)
    # Dashes before the braces go, so that "-{}-" (how the exporter protects "--") stays "--".
    value = value.replace("\\\\", "\n").replace("---", "—").replace("--", "–")
    value = value.replace("{", "").replace("}", "")
    return value.replace(placeholder_l, "{").replace(placeholder_r, "}").replace("\x00B", "\\")


_TAG_RE = re.compile(r"</?(?:i|b|em|strong|sup|sub|span|p|br)\b[^>]*>", re.IGNORECASE)
_SPACES_RE = re.compile(r"[ \t\u00a0]+")


def clean_text(value, *, multiline: bool = False) -> str:
    """HTML entities decoded, stray inline tags removed, whitespace tidied, length capped."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    if "&" in value:
        value = html.unescape(value)
    if "<" in value:
        value = _TAG_RE.sub("", value)
    value = value.replace("\u00ad", "").replace("\x00", "")
    if multiline:
        lines = [_SPACES_RE.sub(" ", line).strip() for line in value.replace("\r\n", "\n").split("\n")]
        value = "\n".join(lines).strip()
    else:
        value = _SPACES_RE.sub(" ", " ".join(value.split())).strip()
    return value[:MAX_FIELD_CHARS]


# --- Names ---------------------------------------------------------------------------------------


def split_name(raw: str, *, comma_means_person: bool = True) -> dict | None:
    """One name as written in RIS, CSV or BibTeX → CSL name (``family``/``given`` or ``literal``).

    Zotero and Citavi write persons as "Family, Given" and organisations as one name without a
    comma, so a name without a comma is an organisation ("Ministerie van Algemene Zaken").
    """
    name = clean_text(raw)
    if not name:
        return None
    if "," in name and comma_means_person:
        family, _sep, given = name.partition(",")
        family, given = family.strip(), given.strip()
        if not family:
            return {"literal": given} if given else None
        return {"family": family, "given": given} if given else {"family": family}
    return {"literal": name}


def name_to_text(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    family, given = name.get("family", ""), name.get("given", "")
    return f"{family}, {given}" if given else family


# --- Dates ---------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"(?<!\d)(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?!\d)")
_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)")


def parse_date(value) -> dict | None:
    """A date as written in the wild ("2020", "2020-04-21", "2020/04/21/…", "21.04.2020") → CSL date."""
    text = clean_text(value)
    if not text:
        return None
    match = _DMY_RE.search(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        parts = [year, month, day]
    else:
        match = _DATE_RE.search(text)
        if not match:
            return {"raw": text[:100]}
        parts = [int(g) for g in match.groups() if g]
    if not 1000 <= parts[0] <= 2100:
        return {"raw": text[:100]}
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        parts = parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        parts = parts[:2]
    return {"date-parts": [parts]}


def date_to_text(date: dict | None) -> str:
    parts = date_parts(date)
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) if parts else ""


def date_parts(date) -> list[int]:
    """The ``[year, month, day]`` prefix of a CSL date (numbers as strings are accepted)."""
    if not isinstance(date, dict):
        return []
    parts = date.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        raw = date.get("raw") or date.get("literal")
        if isinstance(raw, str):
            parsed = parse_date(raw)
            return date_parts(parsed) if parsed and "date-parts" in parsed else []
        return []
    result = []
    for value in parts[0][:3]:
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            break
        result.append(number)
    return result


def pages_text(start, end) -> str:
    start, end = clean_text(start), clean_text(end)
    return f"{start}-{end}" if start and end else start or end


def set_if(item: dict, key: str, value, *, multiline: bool = False) -> None:
    text = clean_text(value, multiline=multiline)
    if text:
        item[key] = text
