"""Search adapters for content types whose apps do not register themselves (yet): practices."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from krisenwissen.practices.models import Practice

from .registry import SearchAdapter, register

PRACTICE_TERM_FIELDS = ("themes", "crisis_types", "target_groups", "actors")
#: How much of the description goes into the sentence embedding (after title, summary, keywords).
EMBEDDING_DESCRIPTION_CHARS = 400


def _names(practice: Practice, relation: str) -> list[str]:
    # Sorted: related rows come back in a database-dependent order, and the text (embedding
    # included) must be the same on SQLite and PostgreSQL.
    return sorted(str(term) for term in getattr(practice, relation).all())


def _practice_taxonomy(practice: Practice) -> str:
    return "\n".join(name for relation in PRACTICE_TERM_FIELDS for name in _names(practice, relation))


def _practice_url(practice: Practice) -> str:
    with translation.override("de"):
        return practice.get_absolute_url()


def _practice_embedding_text(practice: Practice) -> str:
    keywords = ", ".join(_names(practice, "keywords"))
    return f"{practice.title}. {practice.summary} {keywords}. {practice.description[:EMBEDDING_DESCRIPTION_CHARS]}"


def register_builtin() -> None:
    register(
        Practice,
        SearchAdapter(
            kind="practice",
            label=_("Praxisbeispiel"),
            label_plural=_("Praxisbeispiele"),
            fields={
                "title": lambda p: p.title,
                "summary": lambda p: p.summary,
                "body": lambda p: f"{p.description}\n\n{p.lessons_learned}",
                "keywords": lambda p: "\n".join(_names(p, "keywords")),
                "taxonomy": _practice_taxonomy,
                "place": lambda p: f"{p.municipality_display}\n{p.municipality.name}",
            },
            public_queryset=lambda: Practice.objects.public(),
            is_public=lambda p: bool(p.live),
            url=_practice_url,
            language=lambda p: p.language or "de",
            external_id=lambda p: p.external_id or "",
            title=lambda p: p.title,
            summary=lambda p: p.summary,
            embedding_text=_practice_embedding_text,
            prefetch=("keywords", *PRACTICE_TERM_FIELDS),
            select=("municipality",),
        ),
    )
