"""Name normalisation shared by the registry loader, the stored match key and name matching.

Municipality names reach the platform typed by people, copied from spreadsheets and exported
from other systems: with different case, umlauts written as "ae", typographic dashes, a missing
dot in "Stolberg (Rhld.)". ``name_key`` folds all of that into one comparable form, which is
stored on every ``Place`` so that a lookup is a single indexed equality query on any database
(SQLite's ``LIKE``/``iexact`` only fold ASCII letters, so ``Ö`` and ``ö`` would not match there).
"""

import re
import unicodedata

from django.utils.text import slugify

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"})
# Letters that Unicode does not decompose into a base letter plus accent, so slugify would drop them.
_OTHER_LETTERS = str.maketrans(
    {"ø": "oe", "Ø": "Oe", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "å": "aa", "Å": "Aa", "ł": "l", "Ł": "L"}
    | {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"}
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_PUNCTUATION = re.compile(r"[().,/;:'\"„“”‚‘’«»]")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_SPACES = re.compile(r"\s+")


def clean_name(text: str) -> str:
    """The name as a person wrote it, tidied: Unicode-composed (NFC), single spaces, ASCII hyphens."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def name_key(text: str) -> str:
    """Comparable form of a name: case-, umlaut-, punctuation- and whitespace-insensitive.

    ``name_key("Stolberg (Rhld.)") == name_key("stolberg rhld") == "stolberg rhld"`` and
    ``name_key("Köln") == name_key("Koeln") == "koeln"``. Hyphens are kept because they carry
    meaning ("Berlin-Neukölln" is a district, "Berlin Neukölln" is a typo of the same).
    """
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = text.translate(_UMLAUTS)
    text = _DASHES.sub("-", text)
    text = _PUNCTUATION.sub(" ", text)
    text = _SPACED_HYPHEN.sub("-", text)
    return _SPACES.sub(" ", text).strip(" -")


def german_slugify(text: str) -> str:
    """``slugify`` with German transliteration: "Köln" → "koeln", "Gießen" → "giessen", "København" → "koebenhavn"."""
    return slugify(unicodedata.normalize("NFC", text or "").translate(_UMLAUTS).translate(_OTHER_LETTERS))


# The 16 Länder by their two-digit state code (the first two digits of the AGS): official name,
# then every other spelling accepted as input (ISO 3166-2 suffix, common abbreviations, English).
LAENDER: dict[str, tuple[str, tuple[str, ...]]] = {
    "01": ("Schleswig-Holstein", ("SH", "DE-SH")),
    "02": ("Hamburg", ("HH", "DE-HH")),
    "03": ("Niedersachsen", ("NI", "NDS", "DE-NI", "Lower Saxony")),
    "04": ("Bremen", ("HB", "DE-HB")),
    "05": ("Nordrhein-Westfalen", ("NW", "NRW", "DE-NW", "North Rhine-Westphalia", "North Rhine Westphalia")),
    "06": ("Hessen", ("HE", "DE-HE", "Hesse")),
    "07": ("Rheinland-Pfalz", ("RP", "RLP", "DE-RP", "Rhineland-Palatinate")),
    "08": ("Baden-Württemberg", ("BW", "DE-BW", "BaWü")),
    "09": ("Bayern", ("BY", "DE-BY", "Bavaria", "Freistaat Bayern")),
    "10": ("Saarland", ("SL", "DE-SL")),
    "11": ("Berlin", ("BE", "DE-BE")),
    "12": ("Brandenburg", ("BB", "DE-BB")),
    "13": ("Mecklenburg-Vorpommern", ("MV", "DE-MV", "Mecklenburg-Western Pomerania")),
    "14": ("Sachsen", ("SN", "DE-SN", "Saxony", "Freistaat Sachsen")),
    "15": ("Sachsen-Anhalt", ("ST", "LSA", "DE-ST", "Saxony-Anhalt")),
    "16": ("Thüringen", ("TH", "DE-TH", "Thuringia", "Freistaat Thüringen")),
}


def _land_aliases() -> dict[str, str]:
    aliases = {}
    for code, (name, others) in LAENDER.items():
        for alias in (code, code.lstrip("0"), name, *others):
            aliases[name_key(alias)] = name
    return aliases


_LAND_ALIASES = _land_aliases()  # built from the constant above, never from the database


def land_name(text: str) -> str | None:
    """The official name of a Land given its name, abbreviation or state code; None if unknown."""
    return _LAND_ALIASES.get(name_key(text))
