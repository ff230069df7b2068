"""Open-data wiring of the recommendation pages (Wagtail pages along the seven levers).

The pages are in the sitemap already (the ``seiten`` section lists every live, public Wagtail
page), and seven editorial pages need no bulk download: the API serves them. What this module
adds is the schema.org JSON-LD of the lever pages (``Article``) and the overview
(``CollectionPage``), and the freshness of ``/api/v1/recommendations`` (the answer also shows
practice counts, literature and self-check indicators, so their state is part of the fingerprint).
"""

from __future__ import annotations

from django.db.models import Count, Max, Q, Sum

from krisenwissen.api.conventions import Freshness, register_freshness
from krisenwissen.opendata.registry import register_jsonld
from krisenwissen.research.open_data_support import dated_freshness, model_state, plain

from .models import RecommendationIndexPage, RecommendationPage


def _page_url(page, request) -> str:
    return request.build_absolute_uri(page.get_url(request) or page.url_path)


def recommendation_detail_jsonld(page: RecommendationPage, request) -> dict:
    url = _page_url(page, request)
    lever = page.lever
    node = {
        "@type": "Article",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": page.title[:110],
        "name": page.title,
        "description": page.summary,
        "articleBody": " ".join(
            plain(getattr(page, name))
            for name in ("meaning", "rationale", "steps_small", "steps_large", "pitfalls", "progress_indicators")
            if getattr(page, name)
        ),
        "articleSection": "Handlungsempfehlungen",
        "about": {
            "@type": "DefinedTerm",
            "name": lever.name_de,
            "termCode": str(lever.number),
            "inDefinedTermSet": "Stellschrauben",
        },
        "keywords": [theme.name_de for theme in page.themes.all()],
        "inLanguage": "de",
        "isAccessibleForFree": True,
    }
    if page.first_published_at:
        node["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        node["dateModified"] = page.last_published_at.isoformat()
    return node


def overview_jsonld(page: RecommendationIndexPage, request) -> dict:
    url = _page_url(page, request)
    parts = RecommendationPage.objects.child_of(page).live().public().order_by("path")
    return {
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "description": page.intro,
        "inLanguage": "de",
        "hasPart": [{"@type": "Article", "@id": _page_url(child, request), "name": child.title} for child in parts],
    }


def recommendations_freshness() -> Freshness:
    from wagtail.models import PageViewRestriction

    from krisenwissen.assessment.models import Indicator
    from krisenwissen.literature.models import Literature
    from krisenwissen.practices.facets import read_fingerprint

    pages = RecommendationPage.objects.aggregate(
        n=Count("pk"),
        live_n=Count("pk", filter=Q(live=True)),
        live_ids=Sum("pk", filter=Q(live=True)),
        newest=Max("last_published_at"),
    )
    literature, literature_newest = model_state(Literature)
    fingerprint = (
        "recommendations",
        pages["n"],
        pages["live_n"],
        int(pages["live_ids"] or 0),
        str(pages["newest"]),
        PageViewRestriction.objects.count(),
        *read_fingerprint(),
        *literature,
        Indicator.objects.count(),
    )
    newest = max(filter(None, (pages["newest"], literature_newest)), default=None)
    return dated_freshness(fingerprint, newest)


register_jsonld(RecommendationPage, recommendation_detail_jsonld)
register_jsonld(RecommendationIndexPage, overview_jsonld)
register_freshness("/api/v1/recommendations", recommendations_freshness)
