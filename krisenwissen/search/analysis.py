"""Text analysis shared by indexing and querying: tokens, folding, stop words, stems.

The same functions run at index time and at query time, on SQLite and PostgreSQL alike, so a
word always ends up as the same term wherever it is analysed:

1. **Tokenise** on letters and digits after Unicode NFKC normalisation; hyphens split
   ("Corona-Pandemie" → "corona", "pandemie"), anything else is a separator.
2. **Fold** case (``casefold``), ``ß`` → ``ss`` and umlauts (``ä`` → ``a``). The German stemmer
   also reads the transliterations ``ae``/``oe``/``ue`` as umlauts, so "Gebaeude", "Gebäude" and
   "Gebaude" all become ``gebaud``.
3. **Drop stop words** (German and English function words).
4. **Stem** with the Snowball stemmer of the text's language (German or English). A query does not
   declare its language, so each query word is stemmed both ways and either stem may match.

Compound splitting needs to know which words exist, so it lives with the index
(:mod:`krisenwissen.search.compounds`), not here.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import Stemmer

TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
#: Longest token kept; longer runs of letters are noise (hashes, base64) and cost memory.
MAX_TOKEN_LENGTH = 40

LANGUAGES = ("de", "en")

_GERMAN_STOP_WORDS_TEXT = """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes anderm andern anders auch auf aus bei beim bin bis bist da dabei damit dann das dass
    dasselbe dazu dein deine deinem deinen deiner deines dem demselben den denn denselben der
    derer derselbe derselben des desselben dessen dich die dies diese dieselbe dieselben diesem
    diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige
    einigem einigen einiger einiges einmal er es etwas euch euer eure eurem euren eurer eures
    für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre
    ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen
    jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte machen man
    manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit
    muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner
    seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte sondern
    sonst über um und uns unsere unserem unseren unser unseres unter viel vom von vor während
    war waren warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden
    wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen wer
    wen wem wessen welch sowie bzw ca usw etc
"""
GERMAN_STOP_WORDS = frozenset(_GERMAN_STOP_WORDS_TEXT.split())

_ENGLISH_STOP_WORDS_TEXT = """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
"""
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_STOP_WORDS_TEXT.split())

#: A query does not say its language, so both lists apply everywhere. The few words that are
#: function words in one language and content words in the other ("hat", "die") are rare enough
#: in this domain to accept.
STOP_WORDS = GERMAN_STOP_WORDS | ENGLISH_STOP_WORDS

_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ẞ": "ss"})


def normalise_text(text: str) -> str:
    """NFKC, without control characters (null bytes included)."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)


def fold(word: str) -> str:
    """Casefold and replace umlauts and ß: "Straße" → "strasse", "Krisenstäbe" → "krisenstabe".

    Other diacritics (é, ç, ł) are removed too, so "Café" and "Cafe" meet.
    """
    word = word.casefold().translate(_UMLAUTS)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_stop_word(word: str) -> bool:
    """``word`` is a casefolded token (umlauts still present)."""
    return word in STOP_WORDS


def tokens(text: str) -> list[str]:
    """Casefolded tokens of ``text`` in order, umlauts still present, stop words still in."""
    return [t for t in TOKEN_RE.findall(normalise_text(text).casefold()) if len(t) <= MAX_TOKEN_LENGTH]


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, casefolded token) for every token, for highlighting in the original text."""
    return [
        (m.start(), m.end(), m.group().casefold())
        for m in TOKEN_RE.finditer(text)
        if len(m.group()) <= MAX_TOKEN_LENGTH
    ]


_STEMMERS = {"de": Stemmer.Stemmer("german"), "en": Stemmer.Stemmer("english")}


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The Snowball stem of a casefolded token in ``language`` ("de" or "en"), umlauts folded."""
    stemmer = _STEMMERS.get(language, _STEMMERS["de"])
    if word.isdigit():
        return word
    return fold(stemmer.stemWord(word))


def query_stems(word: str) -> tuple[str, ...]:
    """Every stem a query word may stand for: German and English, deduplicated, German first."""
    german = stem(word, "de")
    english = stem(word, "en")
    return (german,) if german == english else (german, english)


def content_tokens(text: str) -> list[str]:
    """Tokens without stop words (casefolded, umlauts still present)."""
    return [t for t in tokens(text) if not is_stop_word(t)]
