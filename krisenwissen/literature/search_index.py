"""Literature in the platform search (imported by the search app at start-up)."""

from __future__ import annotations

import functools

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from krisenwissen.search.registry import SearchAdapter, register

from .models import CslType, Literature

TERM_FIELDS = ("themes", "crisis_types", "target_groups")


def creator_names(literature: Literature) -> list[str]:
    # Bulk indexing (importers.index_records) attaches the names read in one query per batch.
    cached = getattr(literature, "_creator_names", None)
    if cached is not None:
        return cached
    return [c.display_name for c in literature.creators.all()]


def _creators(literature: Literature) -> str:
    return "\n".join(creator_names(literature))


def _taxonomy(literature: Literature) -> str:
    cached = getattr(literature, "_term_names", None)
    if cached is not None:
        return "\n".join(sorted(cached))
    return "\n".join(sorted(str(term) for name in TERM_FIELDS for term in getattr(literature, name).all()))


@functools.cache
def _detail_prefix() -> str:
    # One reverse() instead of one per record: bulk indexing calls this thousands of times.
    with translation.override("de"):
        return reverse("literature:list")


def _url(literature: Literature) -> str:
    return f"{_detail_prefix()}{literature.pk}/"


@functools.cache
def _type_label(csl_type: str, language: str) -> str:
    return str(dict(CslType.choices).get(csl_type, csl_type))


def _summary(literature: Literature) -> str:
    parts = [_type_label(literature.csl_type, translation.get_language() or "de")]
    if literature.year:
        parts.append(str(literature.year))
    names = creator_names(literature)[:3]
    if names:
        parts.append("; ".join(names))
    if literature.container_title:
        parts.append(literature.container_title)
    return " · ".join(str(p) for p in parts)


def _embedding_text(literature: Literature) -> str:
    # Title and keywords only: the sentence model's cost grows with the text, and thousands of
    # records arrive in one import (the abstract is still searchable through the lexical side).
    return f"{literature.title}. {', '.join(literature.keywords)}"


register(
    Literature,
    SearchAdapter(
        kind="literature",
        label=_("Literatur"),
        label_plural=_("Literatur"),
        fields={
            "title": lambda lit: f"{lit.title}\n{lit.short_title}",
            "summary": lambda lit: f"{_creators(lit)}\n{lit.container_title}",
            "body": lambda lit: lit.abstract,
            "keywords": lambda lit: "\n".join(lit.keywords),
            "taxonomy": _taxonomy,
        },
        public_queryset=lambda: Literature.objects.public(),
        is_public=lambda lit: bool(lit.live),
        url=_url,
        language=lambda lit: (lit.language or "de")[:2],
        external_id=lambda lit: f"literatur-{lit.pk}",
        title=lambda lit: lit.title,
        summary=_summary,
        embedding_text=_embedding_text,
        prefetch=("creators", *TERM_FIELDS),
    ),
)
