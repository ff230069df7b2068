"""The team's publications in the platform search (``type=publication``)."""

from django.utils.translation import gettext_lazy as _

from krisenwissen.research.search_text import german_url, taxonomy_text
from krisenwissen.search.registry import SearchAdapter, register

from .models import Publication

register(
    Publication,
    SearchAdapter(
        kind="publication",
        label=_("Publikation"),
        label_plural=_("Publikationen"),
        fields={
            "title": lambda p: f"{p.title}\n{p.subtitle}".strip(),
            "summary": lambda p: p.abstract[:600],
            "body": lambda p: p.abstract,
            "keywords": lambda p: "\n".join(filter(None, [p.authors, p.citation, p.get_kind_display()])),
            "taxonomy": taxonomy_text,
        },
        public_queryset=lambda: Publication.objects.public(),
        is_public=lambda p: bool(p.live),
        url=german_url,
        title=lambda p: p.title,
        summary=lambda p: f"{p.authors} ({p.year})",
        prefetch=("themes", "levers"),
    ),
)
