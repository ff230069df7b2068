"""Import practice examples (Praxisbeispiele) from JSON Lines, one practice per line.

The import is built around three promises, explained in ``docs/practices-import.md``:

* **Every problem at once.** The whole file is validated before anything is written, and every
  message names the line, the field and the problem in German.
* **All or nothing.** By default one invalid line aborts the import and nothing is written, not
  even a municipality created on demand; the run is a single database transaction.
  ``skip_invalid=True`` imports the valid lines and reports each skipped one.
* **Idempotent.** Practices are matched by their external id. A hash of each imported line is
  stored on the practice, so re-importing an unchanged file writes nothing and takes about a
  second; a changed line updates the practice and publishes a new revision.
"""

import codecs
import dataclasses
import hashlib
import io
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taggit.models import Tag
from wagtail.log_actions import log
from wagtail.models import Revision
from wagtail.signals import published

from krisenwissen.places.matching import PlaceMatchError, resolve_place
from krisenwissen.taxonomy.models import VOCABULARIES

from .models import MAX_YEAR, MIN_YEAR, Practice, PracticeKeyword

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo-practices.jsonl"

#: At most this many problems are listed in an error; the rest are counted.
MAX_REPORTED_PROBLEMS = 50

#: Bump when the mapping from a line to a practice changes, so the next import rewrites every row.
HASH_VERSION = 1

SYNTHETIC_BASIS = "synthetic"
EXTERNAL_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
EXTERNAL_ID_MAX_LENGTH = Practice._meta.get_field("external_id").max_length
KEYWORD_MAX_LENGTH = 100  # taggit's Tag.name

#: Text fields: (maximum length or None, required).
TEXT_FIELDS = {
    "title": (Practice._meta.get_field("title").max_length, True),
    "summary": (Practice._meta.get_field("summary").max_length, True),
    "description": (None, True),
    "lessons_learned": (None, False),
}
#: Vocabularies holding several terms per practice, with whether at least one is required.
MULTI_VOCABULARIES = {
    "themes": True,
    "crisis_types": True,
    "phases": True,
    "actors": False,
    "target_groups": False,
}
SINGLE_VOCABULARIES = ("innovation_type", "origin", "maturity")
REQUIRED_FIELDS = ("id", "language", "municipality", "start_year", *SINGLE_VOCABULARIES) + tuple(
    name for name, (_max, required) in TEXT_FIELDS.items() if required
)
ALLOWED_FIELDS = frozenset(
    {
        "id",
        "language",
        "municipality",
        "start_year",
        "end_year",
        "stellschrauben",
        "keywords",
        "basis",
        *TEXT_FIELDS,
        *MULTI_VOCABULARIES,
        *SINGLE_VOCABULARIES,
    }
)
MUNICIPALITY_FIELDS = frozenset({"name", "state", "country"})
LANGUAGES = tuple(Practice.Language.values)


# --- Results and errors -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with one line of the file."""

    line: int
    field: str
    message: str

    def without_line(self) -> str:
        """The message for a list already headed by the line number."""
        if self.field:
            return _("Feld „%(field)s“: %(message)s") % {"field": self.field, "message": self.message}
        return self.message

    def __str__(self) -> str:
        if self.line and self.field:
            return _("Zeile %(line)s, Feld „%(field)s“: %(message)s") % {
                "line": self.line,
                "field": self.field,
                "message": self.message,
            }
        if self.line:
            return _("Zeile %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


class PracticeImportError(Exception):
    """The file cannot be imported; ``messages`` lists what is wrong (at most 50 entries)."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        self.total = len(problems)
        super().__init__(self.text())

    @property
    def messages(self) -> list[str]:
        messages = [str(problem) for problem in self.problems[:MAX_REPORTED_PROBLEMS]]
        hidden = self.total - len(messages)
        if hidden > 0:
            messages.append(
                ngettext("… und %(count)s weiterer Fehler.", "… und %(count)s weitere Fehler.", hidden)
                % {"count": hidden}
            )
        return messages

    def text(self) -> str:
        header = ngettext(
            "Der Import wurde abgebrochen, nichts wurde gespeichert. %(count)s Fehler:",
            "Der Import wurde abgebrochen, nichts wurde gespeichert. %(count)s Fehler:",
            self.total,
        ) % {"count": self.total}
        return "\n".join([header, *self.messages])


@dataclasses.dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    notes: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.skipped)

    def summary(self) -> str:
        """A German one-liner, e.g. ``180 neu, 0 aktualisiert, 0 unverändert, 0 übersprungen``."""
        text = _("%(created)s neu, %(updated)s aktualisiert, %(unchanged)s unverändert, %(skipped)s übersprungen") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
        }
        if self.dry_run:
            text += " " + _("(Probelauf, nichts gespeichert)")
        return text

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        fields = {f.name for f in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in fields}
        for key in ("skipped", "notes"):
            values[key] = [tuple(item) for item in values.get(key, [])]
        return cls(**values)


@dataclasses.dataclass
class PracticeRecord:
    """A validated line, ready to be written."""

    line: int
    external_id: str
    values: dict[str, Any]
    relations: dict[str, list]
    keywords: list[str]
    content_hash: str


# --- Reading ------------------------------------------------------------------------------


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("Wahrheitswert")
    if isinstance(value, int | float):
        return _("Zahl")
    if isinstance(value, str):
        return _("Text")
    if isinstance(value, list):
        return _("Liste")
    if isinstance(value, dict):
        return _("Objekt")
    return type(value).__name__


def _raw_lines(source) -> Iterator[str | bytes]:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            yield from handle
    else:
        yield from source


def read_lines(source) -> Iterator[tuple[int, str | ImportProblem]]:
    """Yield ``(line number, text)`` for each non-blank line, or a problem if it cannot be read.

    ``source`` is a path, a binary or a text stream. A UTF-8 byte order mark at the start of the
    file is ignored (Windows editors add one); any other encoding is reported per line.
    """
    for number, raw in enumerate(_raw_lines(source), start=1):
        if isinstance(raw, bytes):
            if number == 1:
                if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    yield (
                        number,
                        ImportProblem(
                            number, "", _("Die Datei ist UTF-16-kodiert; bitte als UTF-8 (JSON Lines) speichern.")
                        ),
                    )
                    return
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                yield (
                    number,
                    ImportProblem(
                        number,
                        "",
                        _("Die Zeile ist nicht UTF-8-kodiert (ungültiges Byte 0x%(byte)02x an Stelle %(position)s).")
                        % {"byte": raw[error.start], "position": error.start + 1},
                    ),
                )
                continue
        else:
            text = raw.removeprefix("\ufeff") if number == 1 else raw
        if "\x00" in text:
            yield number, ImportProblem(number, "", _("Die Zeile enthält Binärdaten; erwartet wird Text (JSON Lines)."))
            continue
        if text.strip():
            yield number, text


# --- Validation ---------------------------------------------------------------------------


class _Validator:
    """Checks lines against the format and the vocabularies; caches everything it looks up."""

    def __init__(self, *, is_demo: bool):
        self.is_demo = is_demo
        self.terms = {
            name: {term.slug: term for term in model.objects.all()}
            for name, model in VOCABULARIES.items()
            if name != "stellschrauben"
        }
        self.levers = {lever.number: lever for lever in VOCABULARIES["stellschrauben"].objects.all()}
        self.places: dict[tuple[str, str, str], Any] = {}
        self.seen_ids: dict[str, int] = {}
        self.notes: list[tuple[int, str]] = []
        self._noted: set[tuple[str, str, str]] = set()

    def check_vocabularies(self) -> list[ImportProblem]:
        empty = [name for name, terms in self.terms.items() if not terms]
        if not self.levers:
            empty.append("stellschrauben")
        if not empty:
            return []
        return [
            ImportProblem(
                0,
                "",
                _("Die Taxonomie ist nicht geladen (leer: %(names)s); bitte zuerst „manage.py bootstrap“ ausführen.")
                % {"names": ", ".join(empty)},
            )
        ]

    def validate(self, line: int, text: str) -> tuple[PracticeRecord | None, list[ImportProblem]]:
        problems: list[ImportProblem] = []

        def problem(field: str, message: str) -> None:
            problems.append(ImportProblem(line, field, message))

        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            message = _("kein gültiges JSON (%(error)s, Spalte %(column)s).")
            problem("", message % {"error": error.msg, "column": error.colno})
            return None, problems
        if not isinstance(data, dict):
            problem("", _("erwartet wird ein JSON-Objekt {…}, gefunden: %(type)s.") % {"type": _type_name(data)})
            return None, problems

        for name in sorted(set(data) - ALLOWED_FIELDS):
            problem(name, _("unbekanntes Feld (erlaubt: %(fields)s).") % {"fields": ", ".join(sorted(ALLOWED_FIELDS))})
        for name in REQUIRED_FIELDS:
            if name not in data:
                problem(name, _("Pflichtfeld fehlt."))

        values: dict[str, Any] = {}
        relations: dict[str, list] = {}

        external_id = data.get("id")
        if "id" in data:
            if not isinstance(external_id, str) or not external_id.strip():
                message = _("erwartet wird ein nicht leerer Text, gefunden: %(type)s.")
                problem("id", message % {"type": _type_name(external_id)})
            else:
                external_id = external_id.strip()
                if len(external_id) > EXTERNAL_ID_MAX_LENGTH:
                    problem("id", _("höchstens %(max)s Zeichen erlaubt.") % {"max": EXTERNAL_ID_MAX_LENGTH})
                elif not EXTERNAL_ID_PATTERN.match(external_id):
                    problem(
                        "id",
                        _("„%(value)s“ enthält unzulässige Zeichen (erlaubt: Buchstaben, Ziffern, . _ : -).")
                        % {"value": external_id},
                    )
                elif external_id in self.seen_ids:
                    problem(
                        "id",
                        _("„%(value)s“ kommt bereits in Zeile %(line)s vor.")
                        % {"value": external_id, "line": self.seen_ids[external_id]},
                    )
                else:
                    self.seen_ids[external_id] = line

        if "language" in data:
            if data["language"] in LANGUAGES:
                values["language"] = data["language"]
            else:
                problem(
                    "language",
                    _("„%(value)s“ ist keine erlaubte Sprache (erlaubt: %(allowed)s).")
                    % {"value": data["language"], "allowed": ", ".join(LANGUAGES)},
                )

        for name, (max_length, required) in TEXT_FIELDS.items():
            if name not in data:
                values[name] = ""
                continue
            value = data[name]
            if not isinstance(value, str):
                problem(name, _("erwartet wird Text, gefunden: %(type)s.") % {"type": _type_name(value)})
                continue
            value = value.strip()
            if required and not value:
                problem(name, _("darf nicht leer sein."))
            elif max_length and len(value) > max_length:
                problem(
                    name,
                    _("höchstens %(max)s Zeichen erlaubt, hat %(length)s.") % {"max": max_length, "length": len(value)},
                )
            values[name] = value

        for name, required in MULTI_VOCABULARIES.items():
            terms = self._terms(data, name, required, problem)
            if terms is not None:
                relations[name] = terms
        for name in SINGLE_VOCABULARIES:
            if name not in data:
                continue
            slug = data[name]
            if not isinstance(slug, str):
                problem(name, _("erwartet wird ein Kürzel (Text), gefunden: %(type)s.") % {"type": _type_name(slug)})
            elif slug not in self.terms[name]:
                problem(name, self._unknown_term(name, slug))
            else:
                values[f"{name}_id"] = self.terms[name][slug].pk

        levers = self._levers(data, problem)
        if levers is not None:
            relations["levers"] = levers

        self._years(data, values, problem)
        keywords = self._keywords(data, problem)

        basis = data.get("basis", "")
        if not isinstance(basis, str):
            problem("basis", _("erwartet wird Text, gefunden: %(type)s.") % {"type": _type_name(basis)})

        if "municipality" in data:
            self._municipality(line, data["municipality"], values, problem)

        if problems:
            return None, problems

        values["is_demo"] = self.is_demo or basis == SYNTHETIC_BASIS
        fingerprint = {
            "version": HASH_VERSION,
            "values": values,
            "relations": {name: sorted(term.pk for term in terms) for name, terms in relations.items()},
            "keywords": keywords,
        }
        content_hash = hashlib.sha256(
            json.dumps(fingerprint, sort_keys=True, ensure_ascii=False).encode("utf-8")
        ).hexdigest()
        return PracticeRecord(line, external_id, values, relations, keywords, content_hash), []

    def _unknown_term(self, name: str, slug: str) -> str:
        allowed = ", ".join(sorted(self.terms[name])) or "–"
        return _("unbekannter Begriff „%(slug)s“ (erlaubt: %(allowed)s).") % {"slug": slug, "allowed": allowed}

    def _terms(self, data, name, required, problem) -> list | None:
        if name not in data:
            if required:
                problem(name, _("Pflichtfeld fehlt."))
            return [] if not required else None
        slugs = data[name]
        if not isinstance(slugs, list):
            problem(name, _("erwartet wird eine Liste von Kürzeln, gefunden: %(type)s.") % {"type": _type_name(slugs)})
            return None
        if required and not slugs:
            problem(name, _("mindestens ein Begriff ist nötig."))
            return None
        terms, ok = [], True
        for slug in slugs:
            if not isinstance(slug, str):
                problem(name, _("erwartet wird ein Kürzel (Text), gefunden: %(type)s.") % {"type": _type_name(slug)})
                ok = False
            elif slug not in self.terms[name]:
                problem(name, self._unknown_term(name, slug))
                ok = False
            elif self.terms[name][slug] not in terms:
                terms.append(self.terms[name][slug])
        return terms if ok else None

    def _levers(self, data, problem) -> list | None:
        numbers = data.get("stellschrauben", [])
        if not isinstance(numbers, list):
            problem(
                "stellschrauben",
                _("erwartet wird eine Liste von Zahlen 1–7, gefunden: %(type)s.") % {"type": _type_name(numbers)},
            )
            return None
        levers, ok = [], True
        for number in numbers:
            if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 7:
                problem(
                    "stellschrauben",
                    _("„%(value)s“ ist keine Stellschraube (erlaubt: ganze Zahlen von 1 bis 7).")
                    % {"value": json.dumps(number, ensure_ascii=False)},
                )
                ok = False
            elif number not in self.levers:
                problem("stellschrauben", _("Stellschraube %(number)s ist nicht angelegt.") % {"number": number})
                ok = False
            elif self.levers[number] not in levers:
                levers.append(self.levers[number])
        return levers if ok else None

    def _years(self, data, values, problem) -> None:
        for name, nullable in (("start_year", False), ("end_year", True)):
            if name not in data:
                continue
            year = data[name]
            if year is None and nullable:
                values[name] = None
            elif not isinstance(year, int) or isinstance(year, bool):
                expected = _("eine Jahreszahl oder null") if nullable else _("eine Jahreszahl")
                problem(
                    name,
                    _("erwartet wird %(expected)s, gefunden: %(type)s.")
                    % {"expected": expected, "type": _type_name(year)},
                )
            elif not MIN_YEAR <= year <= MAX_YEAR:
                problem(
                    name,
                    _("%(year)s liegt außerhalb des erlaubten Bereichs %(min)s–%(max)s.")
                    % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR},
                )
            else:
                values[name] = year
        values.setdefault("end_year", None)
        start, end = values.get("start_year"), values.get("end_year")
        if start is not None and end is not None and end < start:
            problem(
                "end_year",
                _("das Ende (%(end)s) liegt vor dem Beginn (%(start)s).") % {"end": end, "start": start},
            )

    def _keywords(self, data, problem) -> list[str]:
        keywords = data.get("keywords", [])
        if not isinstance(keywords, list):
            message = _("erwartet wird eine Liste von Texten, gefunden: %(type)s.")
            problem("keywords", message % {"type": _type_name(keywords)})
            return []
        result = []
        for keyword in keywords:
            if not isinstance(keyword, str) or not keyword.strip():
                problem(
                    "keywords",
                    _("erwartet wird ein nicht leerer Text, gefunden: %(value)s.")
                    % {"value": json.dumps(keyword, ensure_ascii=False)},
                )
            elif len(keyword.strip()) > KEYWORD_MAX_LENGTH:
                problem(
                    "keywords",
                    _("„%(value)s…“ ist zu lang (höchstens %(max)s Zeichen).")
                    % {"value": keyword[:30], "max": KEYWORD_MAX_LENGTH},
                )
            elif keyword.strip() not in result:
                result.append(keyword.strip())
        return result

    def _municipality(self, line, value, values, problem) -> None:
        if not isinstance(value, dict):
            problem(
                "municipality",
                _("erwartet wird ein Objekt mit „name“, „state“ und „country“, gefunden: %(type)s.")
                % {"type": _type_name(value)},
            )
            return
        ok = True
        for key in sorted(set(value) - MUNICIPALITY_FIELDS):
            problem(f"municipality.{key}", _("unbekanntes Feld (erlaubt: name, state, country)."))
            ok = False
        name, state, country = value.get("name"), value.get("state", ""), value.get("country", "DE")
        if not isinstance(name, str) or not name.strip():
            problem("municipality.name", _("Pflichtfeld fehlt oder ist leer."))
            ok = False
        if not isinstance(state, str):
            problem("municipality.state", _("erwartet wird Text, gefunden: %(type)s.") % {"type": _type_name(state)})
            ok = False
        if not isinstance(country, str) or not re.fullmatch(r"[A-Za-z]{2}", country):
            problem(
                "municipality.country",
                _("erwartet wird ein Ländercode nach ISO 3166-1 (zwei Buchstaben, z. B. DE), gefunden: %(value)s.")
                % {"value": json.dumps(country, ensure_ascii=False)},
            )
            ok = False
        if not ok:
            return
        key = (name.strip(), state.strip(), country.upper())
        if key not in self.places:
            try:
                self.places[key] = resolve_place(*key)
            except PlaceMatchError as error:
                self.places[key] = error
        match = self.places[key]
        if isinstance(match, PlaceMatchError):
            problem("municipality", match.message)
            return
        values["municipality_id"] = match.place.pk
        values["municipality_label"] = match.label if match.label and match.label != match.place.name else ""
        if match.note and key not in self._noted:
            self._noted.add(key)
            self.notes.append((line, _("Kommune „%(name)s“: %(note)s") % {"name": key[0], "note": match.note}))


# --- Writing ------------------------------------------------------------------------------


class _Writer:
    """Creates or updates practices and publishes each one as a new revision."""

    #: Relations the import does not fill; a new practice starts with them empty.
    UNTOUCHED_RELATIONS = ("images", "attachments", "links", "related_links")

    def __init__(self, *, publish: bool, user=None):
        self.publish = publish
        self.user = user
        self.content_type = ContentType.objects.get_for_model(Practice)
        self.tags: dict[str, Tag] = {}

    def prepare(self, records: list[PracticeRecord]) -> None:
        """Look up every keyword once and create the missing ones in bulk, instead of once per practice."""
        names = {keyword for record in records for keyword in record.keywords}
        self.tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        missing = sorted(names - set(self.tags))
        if not missing:
            return
        # The same unique slugs Tag.save() would find ("corona", then "corona_1"), without a
        # savepoint and a retry per tag.
        taken = set(Tag.objects.values_list("slug", flat=True))
        new_tags = []
        for name in missing:
            tag = Tag(name=name)
            slug, suffix = tag.slugify(name) or "schlagwort", 0
            candidate = slug
            while candidate in taken:
                suffix += 1
                candidate = f"{slug}_{suffix}"
            taken.add(candidate)
            tag.slug = candidate
            new_tags.append(tag)
        for tag in Tag.objects.bulk_create(new_tags, batch_size=500):
            self.tags[tag.name] = tag

    def write(self, record: PracticeRecord, practice: Practice | None) -> None:
        created = practice is None
        if created:
            practice = Practice(external_id=record.external_id)
        for name, value in record.values.items():
            setattr(practice, name, value)
        for name, terms in record.relations.items():
            getattr(practice, name).set(terms)
        practice.import_hash = record.content_hash
        if self.publish:
            self._save_published(practice, record, created)
        else:
            practice.keywords.set([self.tags[name] for name in record.keywords])
            self._save_draft(practice, created)

    def _save_published(self, practice: Practice, record: PracticeRecord, created: bool) -> None:
        # The result equals save_revision() followed by revision.publish(), with a third of the
        # queries: the row is saved once with its live values, and the revision records exactly
        # that state. docs/practices-import.md has the measurements behind this choice.
        now = timezone.now()
        practice.live = True
        practice.has_unpublished_changes = False
        practice.expired = False
        practice.last_published_at = now
        if practice.first_published_at is None:
            practice.first_published_at = now
        practice.save()
        keyword_items = self._save_keywords(practice, record, created)
        # save() committed the in-memory relations and forgot them; put the saved state back so
        # the revision is serialised without reading it all from the database again.
        for name, terms in record.relations.items():
            getattr(practice, name).set(terms)
        practice.tagged_keywords.set(keyword_items)
        if created:
            for name in self.UNTOUCHED_RELATIONS:
                getattr(practice, name).set([])
        revision = self._create_revision(practice)
        practice.latest_revision = practice.live_revision = revision
        Practice.objects.filter(pk=practice.pk).update(latest_revision=revision, live_revision=revision)
        if created:
            log(instance=practice, action="wagtail.create", user=self.user, revision=revision, content_changed=True)
        log(instance=practice, action="wagtail.publish", user=self.user, revision=revision, content_changed=True)
        published.send(sender=Practice, instance=practice, revision=revision)

    def _save_keywords(self, practice: Practice, record: PracticeRecord, created: bool) -> list[PracticeKeyword]:
        """Write the keyword links in bulk (modelcluster would insert them one by one)."""
        wanted = [self.tags[name] for name in record.keywords]
        existing = (
            {} if created else {item.tag_id: item for item in PracticeKeyword.objects.filter(content_object=practice)}
        )
        wanted_ids = {tag.pk for tag in wanted}
        stale = [item.pk for tag_id, item in existing.items() if tag_id not in wanted_ids]
        if stale:
            PracticeKeyword.objects.filter(pk__in=stale).delete()
        new_items = PracticeKeyword.objects.bulk_create(
            [PracticeKeyword(content_object=practice, tag=tag) for tag in wanted if tag.pk not in existing]
        )
        new_by_tag = {item.tag_id: item for item in new_items}
        return [existing.get(tag.pk) or new_by_tag[tag.pk] for tag in wanted]

    def _save_draft(self, practice: Practice, created: bool) -> None:
        if created:
            # A new practice exists only as a draft: saved, but not public.
            practice.live = False
            practice.has_unpublished_changes = True
            practice.save()
            revision = self._create_revision(practice)
            Practice.objects.filter(pk=practice.pk).update(latest_revision=revision)
            log(instance=practice, action="wagtail.create", user=self.user, revision=revision, content_changed=True)
            return
        # An existing practice keeps its live version; the import becomes its newest draft
        # revision, serialised from the unsaved instance, exactly as the editor's "Save draft".
        revision = self._create_revision(practice)
        Practice.objects.filter(pk=practice.pk).update(
            latest_revision=revision, has_unpublished_changes=True, import_hash=practice.import_hash
        )
        log(instance=practice, action="wagtail.edit", user=self.user, revision=revision, content_changed=True)

    def _create_revision(self, practice: Practice) -> Revision:
        return Revision.objects.create(
            content_type=self.content_type,
            base_content_type=self.content_type,
            object_id=str(practice.pk),
            user=self.user,
            content=practice.serializable_data(),
            object_str=str(practice),
        )


# --- Entry point --------------------------------------------------------------------------


def _progress(iterable: Iterable, *, enabled: bool, stream, description: str, total: int | None = None):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=description, unit=_("Zeilen"), file=stream or sys.stderr, leave=False)


def import_practices(
    source,
    *,
    is_demo: bool = False,
    skip_invalid: bool = False,
    progress: bool = False,
    publish: bool = True,
    dry_run: bool = False,
    user=None,
    stdout=None,
) -> ImportReport:
    """Import practices from JSON Lines (``source``: a path, a text or a binary stream).

    Validates the whole file first. Invalid lines abort the import with
    :class:`PracticeImportError` listing every problem, and nothing is written, unless
    ``skip_invalid`` is set, in which case they are skipped and listed in the report.
    Practices are matched by external id; a line identical to the last import of that id is
    left alone. ``is_demo`` marks every practice as demo content (lines with
    ``"basis": "synthetic"`` are marked anyway). ``publish=False`` saves drafts instead of
    publishing. ``dry_run`` validates and counts, then rolls everything back. ``progress``
    shows progress bars on ``stdout`` (default: standard error).
    """
    started = time.monotonic()
    report = ImportReport(dry_run=dry_run)
    if isinstance(source, str | os.PathLike) and progress:
        with open(source, "rb") as handle:
            total_lines = sum(1 for _line in handle)
    else:
        total_lines = None

    with transaction.atomic():
        validator = _Validator(is_demo=is_demo)
        if problems := validator.check_vocabularies():
            raise PracticeImportError(problems)

        records: list[PracticeRecord] = []
        problems: list[ImportProblem] = []
        lines = _progress(
            read_lines(source), enabled=progress, stream=stdout, description=_("Prüfen"), total=total_lines
        )
        for number, text in lines:
            if isinstance(text, ImportProblem):
                line_problems = [text]
            else:
                record, line_problems = validator.validate(number, text)
                if record:
                    records.append(record)
            if line_problems:
                problems.extend(line_problems)
                if skip_invalid:
                    first, *rest = line_problems
                    report.skipped.append((number, " ".join([str(first), *(p.without_line() for p in rest)])))
        report.notes.extend(validator.notes)
        if problems and not skip_invalid:
            raise PracticeImportError(problems)

        existing = {
            external_id: (pk, import_hash)
            for pk, external_id, import_hash in Practice.objects.filter(
                external_id__in=[record.external_id for record in records]
            ).values_list("pk", "external_id", "import_hash")
        }
        writer = _Writer(publish=publish, user=user)
        if not dry_run:
            writer.prepare([r for r in records if existing.get(r.external_id, (None, None))[1] != r.content_hash])
        for record in _progress(records, enabled=progress, stream=stdout, description=_("Importieren")):
            pk, import_hash = existing.get(record.external_id, (None, None))
            if pk is not None and import_hash == record.content_hash:
                report.unchanged += 1
                continue
            if pk is None:
                report.created += 1
            else:
                report.updated += 1
            if not dry_run:
                writer.write(record, Practice.objects.get(pk=pk) if pk else None)

        if dry_run:
            # Resolving municipalities may have created places; a dry run leaves no trace.
            transaction.set_rollback(True)

    report.seconds = round(time.monotonic() - started, 2)
    return report


def import_practices_from_text(text: str, **options) -> ImportReport:
    """Import from JSON Lines already held in memory (an upload stored by the admin)."""
    return import_practices(io.StringIO(text), **options)
