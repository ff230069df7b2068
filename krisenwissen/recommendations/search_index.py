"""The recommendation pages in the platform search (``type=recommendation``).

They are Wagtail pages: publishing saves the page row (the live version), which the search's
``post_save`` signal indexes; a draft lives in a revision and does not touch the index.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from krisenwissen.research.search_text import plain
from krisenwissen.search.registry import SearchAdapter, register

from .models import RecommendationIndexPage, RecommendationPage


def _page_url(page) -> str:
    with translation.override("de"):
        return page.get_url() or ""


def _is_public(page) -> bool:
    return bool(page.live and not page.expired)


register(
    RecommendationPage,
    SearchAdapter(
        kind="recommendation",
        label=_("Handlungsempfehlung"),
        label_plural=_("Handlungsempfehlungen"),
        fields={
            "title": lambda p: f"{p.title}\nStellschraube {p.lever.number}: {p.lever.short_name_de}",
            "summary": lambda p: p.summary,
            "body": lambda p: "\n\n".join(
                plain(getattr(p, name))
                for name in ("meaning", "rationale", "steps_small", "steps_large", "pitfalls", "progress_indicators")
            ),
            "keywords": lambda p: p.lever.name_de,
            "taxonomy": lambda p: "\n".join(sorted(str(t) for t in p.themes.all())),
        },
        public_queryset=lambda: RecommendationPage.objects.live().select_related("lever"),
        is_public=_is_public,
        url=_page_url,
        title=lambda p: p.title,
        summary=lambda p: p.summary,
        prefetch=("themes",),
        select=("lever",),
    ),
)

register(
    RecommendationIndexPage,
    SearchAdapter(
        kind="recommendation",
        label=_("Handlungsempfehlung"),
        label_plural=_("Handlungsempfehlungen"),
        fields={
            "title": lambda p: p.title,
            "summary": lambda p: p.intro,
            "body": lambda p: "\n\n".join(
                [plain(p.body), p.cycle_intro, *(f"{s.title}: {s.text}" for s in p.cycle_steps.all())]
            ),
        },
        public_queryset=lambda: RecommendationIndexPage.objects.live(),
        is_public=_is_public,
        url=_page_url,
        title=lambda p: p.title,
        summary=lambda p: p.intro,
    ),
)
