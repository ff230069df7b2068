"""Seed the recommendations: the overview page and one page per lever (``manage.py bootstrap``).

The texts are editorial content written for the platform (:mod:`.content`), not demo data. Pages
are created once with ``add_child`` and published; an existing page is never overwritten, so
edits made in the CMS survive. A lever without page gets one on the next run.
"""

from django.db import transaction

from krisenwissen.core.models import HomePage
from krisenwissen.taxonomy.models import Lever, Theme

from .content import LEVERS, OVERVIEW
from .models import CycleStep, RecommendationIndexPage, RecommendationPage


def ensure_overview(home: HomePage) -> tuple[RecommendationIndexPage, bool]:
    overview = RecommendationIndexPage.objects.first()
    if overview is not None:
        return overview, False
    overview = RecommendationIndexPage(
        title=OVERVIEW["title"],
        slug=OVERVIEW["slug"],
        intro=OVERVIEW["intro"],
        body=OVERVIEW["body"],
        cycle_intro=OVERVIEW["cycle_intro"],
    )
    overview.cycle_steps = [
        CycleStep(title=title, text=text, levers_note=note, sort_order=i)
        for i, (title, text, note) in enumerate(OVERVIEW["cycle_steps"])
    ]
    home.add_child(instance=overview)
    overview.save_revision().publish()
    return overview, True


def ensure_lever_pages(overview: RecommendationIndexPage) -> int:
    created = 0
    existing = set(RecommendationPage.objects.values_list("lever_id", flat=True))
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for lever in Lever.objects.order_by("number"):
        text = LEVERS.get(lever.number)
        if text is None or lever.pk in existing:
            continue
        page = RecommendationPage(
            title=text["title"],
            slug=f"stellschraube-{lever.number}",
            lever=lever,
            summary=text["summary"],
            meaning=text["meaning"],
            rationale=text["rationale"],
            steps_small=text["steps_small"],
            steps_large=text["steps_large"],
            pitfalls=text["pitfalls"],
            progress_indicators=text["progress_indicators"],
        )
        page.themes = [themes[slug] for slug in text["themes"] if slug in themes]
        overview.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


@transaction.atomic
def load() -> str:
    home = HomePage.objects.first()
    if home is None:
        return "übersprungen (keine Startseite)"
    overview, overview_created = ensure_overview(home)
    created = ensure_lever_pages(overview)
    return f"Übersicht {'angelegt' if overview_created else 'vorhanden'}, {created} neue Stellschrauben-Seiten"
