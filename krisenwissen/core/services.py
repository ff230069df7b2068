"""Entry points into the practice collection for the home page and the theme hubs.

Each function answers with a handful of aggregate queries, whatever the number of terms: one
query per vocabulary counts the published practices of every term, so a page never issues a
query per term.
"""

from django.db.models import Count, Q, QuerySet

from krisenwissen.practices.models import Practice
from krisenwissen.taxonomy.models import CrisisType, TargetGroup, Term, Theme

NEWEST_ON_HOME = 6
PRACTICES_ON_HUB = 9


def counted_terms(model: type[Term], practices: QuerySet, *, include_empty: bool = False) -> list[Term]:
    """The terms of one vocabulary, each with ``practice_count``: how many of ``practices`` carry it.

    Without ``include_empty`` only terms with at least one practice are returned, so an entry
    point never leads to an empty list.
    """
    # Django leaves out Meta.ordering in GROUP BY queries, so the vocabulary's order is repeated here.
    terms = model.objects.annotate(
        practice_count=Count("practices", filter=Q(practices__in=practices.values("pk")), distinct=True)
    ).order_by(*model._meta.ordering)
    if not include_empty:
        terms = terms.filter(practice_count__gt=0)
    return list(terms)


def practice_totals(practices: QuerySet) -> dict[str, int]:
    """How many practices there are and how many of them are demo content, in one query."""
    return practices.aggregate(total=Count("pk"), demo=Count("pk", filter=Q(is_demo=True)))


def newest_practices(practices: QuerySet, limit: int) -> list[Practice]:
    """The most recently added practices, ready for cards (place and themes without extra queries)."""
    return list(
        practices.select_related("municipality").prefetch_related("themes").order_by("-created_at", "-pk")[:limit]
    )


def home_entry_points() -> dict:
    """Everything the home page shows besides its editorial text.

    ``themes`` lists all focus themes (each has a hub, even while it is empty); ``crisis_types`` and
    ``target_groups`` only the terms with published practices.
    """
    practices = Practice.objects.public()
    totals = practice_totals(practices)
    return {
        "themes": counted_terms(Theme, practices, include_empty=True),
        "crisis_types": counted_terms(CrisisType, practices),
        "target_groups": counted_terms(TargetGroup, practices),
        "newest_practices": newest_practices(practices, NEWEST_ON_HOME) if totals["total"] else [],
        "practice_count": totals["total"],
        "has_demo_content": totals["demo"] > 0,
    }


def theme_hub_context(theme: Theme) -> dict:
    """The entry points and practices of one focus theme's hub page."""
    practices = Practice.objects.public().filter(themes=theme)
    totals = practice_totals(practices)
    return {
        "theme": theme,
        "crisis_types": counted_terms(CrisisType, practices),
        "target_groups": counted_terms(TargetGroup, practices),
        "practices": newest_practices(practices, PRACTICES_ON_HUB) if totals["total"] else [],
        "practice_count": totals["total"],
        "has_demo_content": totals["demo"] > 0,
        "other_themes": Theme.objects.exclude(pk=theme.pk),
    }
