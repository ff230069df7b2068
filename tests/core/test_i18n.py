"""The English catalogue is complete, the shipped .mo matches it, and /en/ pages speak English."""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from django.conf import settings
from django.utils.translation import ngettext, override

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = CATALOGUE / "django.po"
MO_FILE = CATALOGUE / "django.mo"

# Python-format placeholders and str.format fields; a translation that drops or renames one
# makes the formatting code raise KeyError on the English page.
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifrx]|\{(\w*)\}")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return f"{self.msgctxt}|{self.msgid}" if self.msgctxt else self.msgid


def unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """A minimal reader for the PO format written by msgmerge (obsolete ``#~`` entries are skipped)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int | None] | None = None
    started = False

    def finish():
        nonlocal entry, started, target
        if started:
            entries.append(entry)
        entry, started, target = Entry(), False, None

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            finish()
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += unquote(line)
            else:
                setattr(entry, name, (getattr(entry, name) or "") + unquote(line))
        else:
            keyword, _, value = line.partition(" ")
            started = True
            plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if plural:
                target = ("msgstr", int(plural.group(1)))
                entry.msgstr[target[1]] = unquote(value)
            elif keyword == "msgstr":
                target = ("msgstr", 0)
                entry.msgstr[0] = unquote(value)
            else:
                assert keyword in {"msgid", "msgid_plural", "msgctxt"}, line
                target = (keyword, None)
                setattr(entry, keyword, unquote(value))
    finish()
    return entries


def messages() -> list[Entry]:
    return [entry for entry in parse_po(PO_FILE) if entry.msgid]


def placeholders(text: str) -> set[str]:
    return {"".join(match) for match in PLACEHOLDER.findall(text)}


def test_catalogue_has_a_few_hundred_messages():
    # Guards the reader itself: an empty parse would make the checks below pass vacuously.
    entries = messages()
    assert len(entries) > 100
    assert any(entry.msgid == "Praxisbeispiele" for entry in entries)
    assert any(entry.msgid_plural for entry in entries)


def test_every_message_is_translated_and_none_is_fuzzy():
    untranslated = [e.label for e in messages() if not e.msgstr or not all(e.msgstr.values())]
    fuzzy = [e.label for e in messages() if "fuzzy" in e.flags]
    assert untranslated == [], "untranslated: run `make messages` and translate these"
    assert fuzzy == [], "fuzzy: check the translation and remove the fuzzy flag"


def test_plural_messages_have_both_english_forms():
    incomplete = [e.label for e in messages() if e.msgid_plural and sorted(e.msgstr) != [0, 1]]
    assert incomplete == []


def test_translations_keep_the_placeholders_of_the_german_text():
    broken = []
    for entry in messages():
        for index, translation in entry.msgstr.items():
            source = entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural
            # English singulars may omit the count ("one error") the way German ones do, never add one.
            expected = placeholders(source)
            found = placeholders(translation)
            if found != expected and not (entry.msgid_plural and found <= placeholders(entry.msgid_plural)):
                broken.append((entry.label, index, sorted(expected), sorted(found)))
    assert broken == []


def test_compiled_catalogue_matches_the_po_file():
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    # The raw catalogue, not gettext(): a lookup falls back to the msgid, which would hide
    # a missing entry whenever the English text equals the German one ("Status", "Demo").
    catalog = compiled._catalog
    stale = []
    for entry in messages():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural is None:
            if catalog.get(key) != entry.msgstr[0]:
                stale.append(entry.label)
        elif any(catalog.get((key, index)) != text for index, text in entry.msgstr.items()):
            stale.append(entry.label)
    assert stale == [], "django.mo is out of date: run `make messages` (compilemessages) and commit the .mo"


def test_english_plural_rule_is_compiled_in():
    singular, plural = "%(counter)s Praxisbeispiel", "%(counter)s Praxisbeispiele"
    with override("en"):
        one, many = ngettext(singular, plural, 1), ngettext(singular, plural, 3)
    with override("de"):
        german = ngettext(singular, plural, 3)

    assert one % {"counter": 1} == "1 practice example"
    assert many % {"counter": 3} == "3 practice examples"
    assert german % {"counter": 3} == "3 Praxisbeispiele"


def html_lang(html: str) -> str:
    match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html)
    return match.group(1) if match else ""


def title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    return match.group(1).strip() if match else ""


PAGES = [
    pytest.param("praxisbeispiele/", "Praxisbeispiele", "Practice examples", id="practice-list"),
    pytest.param("ueber-die-daten/", "Über die Daten", "About the data", id="about-data"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "german", "english"), PAGES)
def test_english_pages_are_in_english(client, path, german, english):
    response = client.get(f"/en/{path}")
    html = response.content.decode()

    assert response.status_code == 200
    assert html_lang(html) == "en"
    assert response["Content-Language"] == "en"
    assert title(html).startswith(english)
    assert "Skip to content" in html
    assert "Zum Inhalt springen" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "german", "english"), PAGES)
def test_german_pages_stay_german_without_prefix(client, path, german, english):
    response = client.get(f"/{path}")
    html = response.content.decode()

    assert response.status_code == 200
    assert html_lang(html) == "de"
    assert title(html).startswith(german)
    assert "Zum Inhalt springen" in html
    assert english not in html


@pytest.mark.django_db
def test_language_follows_the_url_not_a_cookie_or_the_browser(client):
    english = client.get("/en/ueber-die-daten/")
    german = client.get("/ueber-die-daten/", HTTP_ACCEPT_LANGUAGE="en")

    assert english.status_code == german.status_code == 200
    assert settings.LANGUAGE_COOKIE_NAME not in english.cookies
    assert html_lang(german.content.decode()) == "de"


@pytest.mark.django_db
def test_missing_english_page_says_so_in_english(client):
    response = client.get("/en/gibt-es-nicht/")

    assert response.status_code == 404
    assert html_lang(response.content.decode()) == "en"
    assert "Page not found" in response.content.decode()
