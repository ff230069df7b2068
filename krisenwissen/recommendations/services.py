"""The evidence shown on a lever page, gathered from the collections by the page's lever."""

from __future__ import annotations

from krisenwissen.practices.models import Practice

from . import related

PRACTICES_ON_LEVER_PAGE = 6
LITERATURE_ON_LEVER_PAGE = 10
PROJECTS_ON_LEVER_PAGE = 5


def lever_practices(page, limit: int = PRACTICES_ON_LEVER_PAGE) -> tuple[list[Practice], int]:
    """The editors' choice first, then the newest other published practices with the lever; and the total."""
    public = Practice.objects.public()
    featured = [
        item.practice
        for item in page.featured_practices.select_related("practice__municipality").all()
        if item.practice.live
    ]
    seen = {p.pk for p in featured}
    with_lever = public.filter(levers=page.lever_id)
    total = with_lever.count()
    rest = []
    if len(featured) < limit:
        rest = list(
            with_lever.exclude(pk__in=seen)
            .select_related("municipality")
            .prefetch_related("themes")
            .order_by("-created_at", "-pk")[: limit - len(featured)]
        )
    return [*featured, *rest], max(total, len(featured))


def lever_literature(lever, limit: int = LITERATURE_ON_LEVER_PAGE) -> tuple[list, int]:
    queryset = related.filter_by_term(related.literature_queryset(), "levers", lever)
    if queryset is None:
        return [], 0
    return list(related.ordered_newest(queryset)[:limit]), queryset.count()


def lever_indicators(lever) -> list:
    queryset = related.indicator_queryset()
    if queryset is None or not related.has_field(queryset, "lever"):
        return []
    order = [name for name in ("sort_order", "code") if related.has_field(queryset, name)]
    return list(queryset.filter(lever=lever).order_by(*order, "pk"))


def lever_projects(lever, limit: int = PROJECTS_ON_LEVER_PAGE) -> list:
    from krisenwissen.research.models import ResearchProject

    return list(ResearchProject.objects.public().filter(levers=lever).order_by("-start_date", "title")[:limit])


def lever_evidence(page) -> dict:
    """Everything a lever page shows besides its own text."""
    practices, practice_count = lever_practices(page)
    literature, literature_count = lever_literature(page.lever)
    return {
        "lever": page.lever,
        "practices": practices,
        "practice_count": practice_count,
        "has_demo_practices": any(p.is_demo for p in practices),
        "literature": literature,
        "literature_count": literature_count,
        "literature_available": related.literature_queryset() is not None,
        "indicators": lever_indicators(page.lever),
        "projects": lever_projects(page.lever),
        "siblings": list(
            type(page)
            .objects.sibling_of(page, inclusive=False)
            .live()
            .select_related("lever")
            .order_by("lever__number")
        ),
    }
