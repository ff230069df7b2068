"""Importing bibliographies: parse → find duplicates → preview → write (atomically) → index.

:func:`analyse` reads a file into a :class:`Analysis` (new records, duplicates with the record
they duplicate, invalid records with line and reason) without writing anything; the admin shows
it as the preview and ``import_literature --dry-run`` prints it. :func:`commit` then writes the
analysis in one transaction: new records in bulk, duplicates merged into the record they
duplicate or skipped, as the editor chose. The search index is updated afterwards in batches.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .dedupe import DuplicateIndex, Match, author_key, doi_key, isbn_key, title_key, url_key
from .formats import FORMAT_LABELS, LiteratureImportError, ParseResult, decode, parse
from .formats.common import date_parts
from .models import DocumentCategory, Literature, LiteratureCreator

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
#: How many duplicates and invalid records a preview lists by name (all are counted).
MAX_LISTED = 200
INDEX_BATCH = 500

__all__ = ["Analysis", "ImportReport", "LiteratureImportError", "analyse", "commit", "import_text"]

#: Editorial category when the file does not say (editors can change it).
CATEGORY_BY_TYPE = {
    "legislation": DocumentCategory.LEGAL,
    "legal_case": DocumentCategory.LEGAL,
    "article-newspaper": DocumentCategory.NEWS,
    "article-magazine": DocumentCategory.NEWS,
    "post-weblog": DocumentCategory.NEWS,
    "article-journal": DocumentCategory.STUDY,
    "article": DocumentCategory.STUDY,
    "thesis": DocumentCategory.STUDY,
    "paper-conference": DocumentCategory.STUDY,
    "dataset": DocumentCategory.STUDY,
    "report": DocumentCategory.STUDY,
    "book": DocumentCategory.HANDBOOK,
    "chapter": DocumentCategory.HANDBOOK,
    "entry-encyclopedia": DocumentCategory.HANDBOOK,
}

LANGUAGE_NAMES = {
    "german": "de",
    "deutsch": "de",
    "ger": "de",
    "deu": "de",
    "english": "en",
    "englisch": "en",
    "eng": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "französisch": "fr",
    "fre": "fr",
    "fra": "fr",
    "dutch": "nl",
    "nederlands": "nl",
    "polish": "pl",
    "polski": "pl",
    "greek": "el",
    "swedish": "sv",
    "svenska": "sv",
    "italian": "it",
    "italiano": "it",
    "spanish": "es",
    "español": "es",
    "portuguese": "pt",
    "danish": "da",
    "norwegian": "no",
    "finnish": "fi",
    "czech": "cs",
    "hungarian": "hu",
    "russian": "ru",
    "chinese": "zh",
    "japanese": "ja",
}
_LANG_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$")


def normalise_language(value: str) -> str:
    """ "German", "de-DE", "DE" → "de"; unknown values are kept (cut to 20 characters)."""
    text = (value or "").strip().lower()
    if not text:
        return ""
    if text in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[text]
    match = _LANG_CODE.match(text)
    if match:
        return match.group(1)
    first = re.split(r"[;,/ ]+", text)[0]
    return LANGUAGE_NAMES.get(first, text[:20])


# --- From CSL item to model values --------------------------------------------------------------


def _date(parts: list[int]) -> datetime.date | None:
    if len(parts) < 3:
        return None
    try:
        return datetime.date(*parts[:3])
    except ValueError:
        return None


def _url(value: str) -> str:
    value = (value or "").strip()
    return value[:2000] if re.match(r"^https?://\S+$", value, re.IGNORECASE) else ""


def model_values(item: dict) -> dict:
    """The :class:`Literature` field values a CSL item carries."""
    parts = date_parts(item.get("issued"))
    year = parts[0] if parts and 1000 <= parts[0] <= 2100 else None
    month = parts[1] if year and len(parts) > 1 else None
    day = parts[2] if month and len(parts) > 2 else None
    keywords = [k.strip()[:100] for k in (item.get("keyword") or "").split(",") if k.strip()]
    csl = item.get("type") or "document"
    return {
        "csl_type": csl,
        "title": item.get("title", "")[:1000],
        "short_title": item.get("title-short", "")[:300],
        "year": year,
        "month": month,
        "day": day,
        "container_title": item.get("container-title", "")[:500],
        "collection_title": item.get("collection-title", "")[:500],
        "publisher": item.get("publisher", "")[:500],
        "publisher_place": item.get("publisher-place", "")[:200],
        "volume": item.get("volume", "")[:50],
        "issue": item.get("issue", "")[:50],
        "page": item.get("page", "")[:50],
        "edition": item.get("edition", "")[:50],
        "number": item.get("number", "")[:100],
        "doi": doi_key(item.get("DOI", "")) or item.get("DOI", "")[:200],
        "isbn": item.get("ISBN", "")[:100],
        "issn": item.get("ISSN", "")[:100],
        "url": _url(item.get("URL", "")),
        "accessed": _date(date_parts(item.get("accessed"))),
        "abstract": item.get("abstract", ""),
        "language": normalise_language(item.get("language", "")),
        "keywords": list(dict.fromkeys(keywords))[:100],
        "note": item.get("note", ""),
        "source_id": str(item.get("id", ""))[:300],
        "document_category": CATEGORY_BY_TYPE.get(csl, DocumentCategory.OTHER),
    }


def creator_rows(item: dict) -> list[dict]:
    rows = []
    for role in ("author", "editor", "translator"):
        for name in item.get(role, []):
            if "literal" in name:
                rows.append({"role": role, "kind": "organisation", "name": name["literal"][:500]})
            else:
                rows.append(
                    {
                        "role": role,
                        "kind": "person",
                        "family": name.get("family", "")[:200],
                        "given": name.get("given", "")[:200],
                    }
                )
    return rows


def item_keys(item: dict) -> dict:
    parts = date_parts(item.get("issued"))
    authors = item.get("author") or item.get("editor") or []
    return {
        "doi": doi_key(item.get("DOI", "")),
        "isbn": isbn_key(item.get("ISBN", "")),
        "title": title_key(item.get("title", "")),
        "author": author_key(authors[0] if authors else None),
        "year": parts[0] if parts else None,
        "url": url_key(item.get("URL", "")),
    }


def item_hash(item: dict) -> str:
    return hashlib.sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# --- Analysis -----------------------------------------------------------------------------------


@dataclass
class Candidate:
    line: int
    item: dict
    keys: dict
    match: Match | None = None


@dataclass
class Analysis:
    format: str
    filename: str
    new: list[Candidate] = field(default_factory=list)
    duplicates: list[Candidate] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return len(self.new) + len(self.duplicates) + len(self.invalid)


def database_index() -> DuplicateIndex:
    index = DuplicateIndex()
    rows = Literature.objects.values_list("id", "doi_key", "isbn_key", "title_key", "author_key", "year", "url")
    for pk, doi, isbn, title, author, year, url in rows.iterator(chunk_size=5000):
        index.add(pk, doi=doi, isbn=isbn, title=title, author=author, year=year, url=url_key(url))
    return index


def analyse(result: ParseResult, *, filename: str = "") -> Analysis:
    """Sort parsed records into new and duplicates (of the database or of an earlier line)."""
    started = time.monotonic()
    analysis = Analysis(format=result.format, filename=filename, invalid=list(result.invalid))
    index = database_index()
    for record in result.records:
        keys = item_keys(record.item)
        match = index.match(**keys)
        candidate = Candidate(line=record.line, item=record.item, keys=keys, match=match)
        if match is None:
            analysis.new.append(candidate)
            index.add(("line", record.line), **keys)
        else:
            analysis.duplicates.append(candidate)
    analysis.seconds = round(time.monotonic() - started, 2)
    return analysis


def analyse_text(text: str, fmt: str | None = None, *, filename: str = "") -> Analysis:
    return analyse(parse(text, fmt, filename=filename), filename=filename)


# --- Report -------------------------------------------------------------------------------------

REASON_LABELS = {"doi": "DOI", "isbn": "ISBN", "title": "Titel, Jahr und Erstautor:in"}


@dataclass
class ImportReport:
    format: str = ""
    filename: str = ""
    new: int = 0
    duplicates: int = 0
    invalid: int = 0
    created: int = 0
    merged: int = 0
    skipped: int = 0
    duplicate_list: list[dict] = field(default_factory=list)
    invalid_list: list[list] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False

    def summary(self) -> str:
        if self.dry_run or not (self.created or self.merged or self.skipped):
            return _("%(new)s neu, %(dup)s Dubletten, %(invalid)s ungültig") % {
                "new": self.new,
                "dup": self.duplicates,
                "invalid": self.invalid,
            }
        return ngettext(
            "%(created)s Datensatz angelegt, %(merged)s zusammengeführt, %(skipped)s übersprungen, "
            "%(invalid)s ungültig",
            "%(created)s Datensätze angelegt, %(merged)s zusammengeführt, %(skipped)s übersprungen, "
            "%(invalid)s ungültig",
            self.created,
        ) % {"created": self.created, "merged": self.merged, "skipped": self.skipped, "invalid": self.invalid}

    def as_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)


def preview_report(analysis: Analysis) -> ImportReport:
    """The preview: counts, and the first duplicates (with what they duplicate) and invalid lines."""
    db_ids = {c.match.ref for c in analysis.duplicates[:MAX_LISTED] if isinstance(c.match.ref, int)}
    known = {row["id"]: row for row in Literature.objects.filter(pk__in=db_ids).values("id", "title", "year")}
    lines = {c.line: c for c in analysis.new}
    duplicate_list = []
    for candidate in analysis.duplicates[:MAX_LISTED]:
        ref = candidate.match.ref
        if isinstance(ref, int):
            other = known.get(ref, {"id": ref, "title": "?", "year": None})
            target = {"id": ref, "title": other["title"], "year": other["year"]}
        else:
            first = lines.get(ref[1])
            target = {"line": ref[1], "title": first.item.get("title", "") if first else "", "year": None}
        duplicate_list.append(
            {
                "line": candidate.line,
                "title": candidate.item.get("title", "")[:300],
                "reason": REASON_LABELS[candidate.match.reason],
                "target": target,
            }
        )
    return ImportReport(
        format=analysis.format,
        filename=analysis.filename,
        new=len(analysis.new),
        duplicates=len(analysis.duplicates),
        invalid=len(analysis.invalid),
        duplicate_list=duplicate_list,
        invalid_list=[[line, reason] for line, reason in analysis.invalid[:MAX_LISTED]],
        seconds=analysis.seconds,
        dry_run=True,
    )


# --- Writing ------------------------------------------------------------------------------------

MERGE_FIELDS = (
    "short_title",
    "year",
    "month",
    "day",
    "container_title",
    "collection_title",
    "publisher",
    "publisher_place",
    "volume",
    "issue",
    "page",
    "edition",
    "number",
    "doi",
    "isbn",
    "issn",
    "url",
    "accessed",
    "abstract",
    "language",
    "note",
)


def _merge_items(first: dict, second: dict) -> dict:
    merged = dict(first)
    for key, value in second.items():
        if key not in merged or not merged[key]:
            merged[key] = value
    return merged


def commit(
    analysis: Analysis,
    *,
    duplicate_action: str = "skip",
    is_demo: bool = False,
    source: str = "",
    classification: dict | None = None,
    phase: Callable[[str, int, int], None] | None = None,
    index: bool = True,
) -> ImportReport:
    """Write an analysis in one transaction; duplicates are merged or skipped (``duplicate_action``).

    ``classification`` maps ``crisis_types``/``themes``/``target_groups``/``levers`` to term
    objects given to every new record. ``phase(name, done, total)`` reports progress; the search
    index is brought up to date after the transaction (``index=False`` leaves that to the caller).
    """
    started = time.monotonic()
    report = preview_report(analysis)
    report.dry_run = False
    merge = duplicate_action == "merge"
    new = list(analysis.new)
    # Duplicates inside the file: merge into the first record of the file, or drop.
    by_line = {c.line: c for c in new}
    db_duplicates = []
    for candidate in analysis.duplicates:
        ref = candidate.match.ref
        if isinstance(ref, int):
            db_duplicates.append(candidate)
        elif merge and ref[1] in by_line:
            by_line[ref[1]].item = _merge_items(by_line[ref[1]].item, candidate.item)
            report.merged += 1
        else:
            report.skipped += 1
    now = timezone.now()
    changed_ids: list[int] = []
    with transaction.atomic():
        if phase:
            phase("write", 0, len(new))
        for start in range(0, len(new), BATCH_SIZE):
            batch = new[start : start + BATCH_SIZE]
            objects = []
            for candidate in batch:
                values = model_values(candidate.item)
                keys = candidate.keys
                objects.append(
                    Literature(
                        **values,
                        is_demo=is_demo,
                        import_source=source[:300],
                        import_hash=item_hash(candidate.item),
                        doi_key=keys["doi"],
                        isbn_key=keys["isbn"],
                        title_key=keys["title"],
                        author_key=keys["author"],
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
            created = Literature.objects.bulk_create(objects)
            creators = [
                LiteratureCreator(literature_id=obj.pk, sort_order=position, **row)
                for obj, candidate in zip(created, batch)
                for position, row in enumerate(creator_rows(candidate.item))
            ]
            LiteratureCreator.objects.bulk_create(creators, batch_size=2000)
            for name, terms in (classification or {}).items():
                relation = Literature._meta.get_field(name)
                through = relation.remote_field.through
                source_col = f"{relation.m2m_field_name()}_id"
                target_col = f"{relation.m2m_reverse_field_name()}_id"
                through.objects.bulk_create(
                    [through(**{source_col: obj.pk, target_col: term.pk}) for obj in created for term in terms]
                )
            changed_ids.extend(obj.pk for obj in created)
            report.created += len(created)
            if phase:
                phase("write", report.created, len(new))
        if db_duplicates:
            if merge:
                report.merged += _merge_into_database(db_duplicates, now)
                changed_ids.extend({c.match.ref for c in db_duplicates})
            else:
                report.skipped += len(db_duplicates)
    _bump_page_cache()
    if index:
        index_records(changed_ids, phase=phase)
    report.seconds = round(time.monotonic() - started + analysis.seconds, 2)
    return report


def _bump_page_cache() -> None:
    # Bulk writes send no post_save signal, so the anonymous page cache is told directly.
    try:
        from krisenwissen.core import pagecache
    except ImportError:  # pragma: no cover
        return
    pagecache.bump()


def _merge_into_database(candidates: list[Candidate], now) -> int:
    """Fill empty fields of the existing records from their duplicates; add missing creators and keywords."""
    by_target: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        by_target.setdefault(candidate.match.ref, []).append(candidate)
    merged = 0
    ids = list(by_target)
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        existing = {obj.pk: obj for obj in Literature.objects.filter(pk__in=chunk)}
        with_creators = set(
            LiteratureCreator.objects.filter(literature_id__in=chunk).values_list("literature_id", flat=True)
        )
        updates, creators = [], []
        for pk in chunk:
            obj = existing.get(pk)
            if obj is None:
                continue
            for candidate in by_target[pk]:
                values = model_values(candidate.item)
                for name in MERGE_FIELDS:
                    if values.get(name) not in (None, "") and getattr(obj, name) in (None, ""):
                        setattr(obj, name, values[name])
                obj.keywords = list(dict.fromkeys([*obj.keywords, *values["keywords"]]))[:100]
                if pk not in with_creators:
                    rows = creator_rows(candidate.item)
                    creators.extend(
                        LiteratureCreator(literature_id=pk, sort_order=i, **row) for i, row in enumerate(rows)
                    )
                    if rows:
                        with_creators.add(pk)
                        obj.author_key = candidate.keys["author"]
                merged += 1
            obj.doi_key, obj.isbn_key = doi_key(obj.doi), isbn_key(obj.isbn)
            obj.updated_at = now
            updates.append(obj)
        Literature.objects.bulk_update(
            updates, [*MERGE_FIELDS, "keywords", "doi_key", "isbn_key", "author_key", "updated_at"], batch_size=200
        )
        LiteratureCreator.objects.bulk_create(creators, batch_size=2000)
    return merged


def index_records(ids: list[int], *, phase: Callable[[str, int, int], None] | None = None) -> None:
    """Bring the search documents of these records up to date, in batches (never fails the import).

    Creators and classification are read with one query each per batch and attached to the
    records, instead of the per-record prefetches of the generic indexer.
    """
    from krisenwissen.search import indexing
    from krisenwissen.search.registry import adapter_for

    adapter = adapter_for(Literature)
    if adapter is None or not ids:
        return
    ids = sorted(set(ids))
    try:
        for start in range(0, len(ids), INDEX_BATCH):
            chunk = ids[start : start + INDEX_BATCH]
            objs = list(Literature.objects.filter(pk__in=chunk))
            names: dict[int, list[str]] = {obj.pk: [] for obj in objs}
            for creator in LiteratureCreator.objects.filter(literature_id__in=chunk).order_by("sort_order", "pk"):
                names[creator.literature_id].append(creator.display_name)
            terms: dict[int, list[str]] = {obj.pk: [] for obj in objs}
            for field_name in ("themes", "crisis_types", "target_groups"):
                relation = Literature._meta.get_field(field_name)
                through = relation.remote_field.through
                source = f"{relation.m2m_field_name()}_id"
                target_model = relation.remote_field.model
                labels = {term.pk: str(term) for term in target_model.objects.all()}
                target = f"{relation.m2m_reverse_field_name()}_id"
                for lit_id, term_id in through.objects.filter(**{f"{source}__in": chunk}).values_list(source, target):
                    terms[lit_id].append(labels.get(term_id, ""))
            for obj in objs:
                obj._creator_names = names[obj.pk]
                obj._term_names = terms[obj.pk]
            indexing.index_objects(objs, adapter)
            if phase:
                phase("index", min(start + INDEX_BATCH, len(ids)), len(ids))
    except Exception:
        logger.exception("Updating the search index after a literature import failed; run rebuild_search_index.")


def source_label(filename: str, fmt: str) -> str:
    return f"{filename} ({FORMAT_LABELS.get(fmt, fmt)})" if filename else FORMAT_LABELS.get(fmt, fmt)


def import_text(
    text: str,
    fmt: str | None = None,
    *,
    filename: str = "",
    duplicate_action: str = "skip",
    is_demo: bool = False,
    dry_run: bool = False,
    classification: dict | None = None,
    source: str | None = None,
) -> ImportReport:
    """Parse, analyse and (unless ``dry_run``) write a bibliography held in memory."""
    analysis = analyse_text(text, fmt, filename=filename)
    if dry_run:
        return preview_report(analysis)
    return commit(
        analysis,
        duplicate_action=duplicate_action,
        is_demo=is_demo,
        source=source if source is not None else source_label(filename, analysis.format),
        classification=classification,
    )


def import_bytes(data: bytes, fmt: str | None = None, **options) -> ImportReport:
    return import_text(decode(data), fmt, **options)
