"""Comparison records in the platform search (every compared field is indexed)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from krisenwissen.search.registry import SearchAdapter, register

from .registry import KINDS


def _url(record) -> str:
    with translation.override("de"):
        return record.get_absolute_url()


for _kind in KINDS.values():
    register(
        _kind.model,
        SearchAdapter(
            kind="comparison",
            label=_("Vergleichseintrag"),
            label_plural=_("Vergleichseinträge"),
            fields={
                "title": lambda r: r.title,
                "summary": lambda r: r.summary,
                "body": lambda r: "\n\n".join(f"{label}: {value}" for label, value in r.comparison_values()),
                "place": lambda r: getattr(r, "land", ""),
            },
            public_queryset=_kind.model.objects.public,
            is_public=lambda r: bool(r.live),
            url=_url,
            external_id=lambda r: r.slug,
            title=lambda r: r.title,
            summary=lambda r: r.summary,
            embedding_text=lambda r: f"{r.title}. {r.summary}",
        ),
    )
