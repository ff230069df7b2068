"""What a theme hub shows besides practices: recommendations, literature, projects, interviews, events, …

Each section is a few queries (the newest records and a count); sections whose content type does
not exist yet (see :mod:`.related`) or that have nothing for the theme are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from . import related

PER_SECTION = 4


@dataclass
class HubSection:
    key: str
    heading: object
    items: list = field(default_factory=list)
    count: int = 0
    list_url: str = ""
    list_label: object = ""

    @property
    def has_demo(self) -> bool:
        return any(getattr(item, "is_demo", False) for item in self.items)


def _url(name: str, query: str = "") -> str:
    try:
        base = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{base}?{query}" if query else base


def _section(key, heading, queryset, *, list_url="", list_label="", limit=PER_SECTION) -> HubSection | None:
    if queryset is None:
        return None
    count = queryset.count()
    if not count:
        return None
    items = list(queryset[:limit])
    return HubSection(key, heading, items, count, list_url, list_label)


def theme_sections(theme) -> list[HubSection]:
    """The sections of a theme hub in the order shown: from guidance to evidence to dates."""
    from krisenwissen.news.models import Event
    from krisenwissen.publications.models import Publication
    from krisenwissen.research.models import ResearchProject

    from .models import RecommendationPage

    theme_query = f"themes={theme.slug}"
    sections = [
        _section(
            "recommendations",
            _("Handlungsempfehlungen"),
            RecommendationPage.objects.live()
            .public()
            .filter(themes=theme)
            .select_related("lever")
            .order_by("lever__number"),
            limit=7,
        ),
        _section(
            "literature",
            _("Literatur"),
            related.ordered_newest(related.filter_by_term(related.literature_queryset(), "themes", theme))
            if related.literature_queryset() is not None
            else None,
            list_url=_url("literature:list", theme_query),
            list_label=_("Alle Titel zu diesem Thema"),
        ),
        _section(
            "research",
            _("Forschungsprojekte"),
            ResearchProject.objects.public().filter(themes=theme).order_by("-start_date", "title"),
            list_url=_url("research:list", theme_query),
            list_label=_("Alle Forschungsprojekte zu diesem Thema"),
        ),
        _section(
            "interviews",
            _("Interviews"),
            related.ordered_newest(related.filter_by_term(related.interview_queryset(), "themes", theme))
            if related.interview_queryset() is not None
            else None,
            list_url=_url("interviews:list", theme_query),
            list_label=_("Alle Interviews zu diesem Thema"),
        ),
        _section(
            "events",
            _("Nächste Termine"),
            Event.objects.public().upcoming().filter(themes=theme).order_by("start_date", "start_time"),
            list_url=_url("news:events", theme_query),
            list_label=_("Alle Termine zu diesem Thema"),
        ),
        _section(
            "publications",
            _("Publikationen des Plattform-Teams"),
            Publication.objects.public().filter(themes=theme).order_by("-year", "title"),
            list_url=_url("publications:list", theme_query),
            list_label=_("Alle Publikationen zu diesem Thema"),
        ),
    ]
    return [section for section in sections if section is not None]
