from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from krisenwissen.practices.models import Practice

from .models import Place
from .names import name_key

SEARCH_MIN_LENGTH = 2
SEARCH_MAX_LENGTH = 100
SEARCH_LIMIT = 50


def _practice_counts() -> dict[int, int]:
    """Published practices per place id; ``public()`` stays the one definition of "published"."""
    rows = Practice.objects.public().values("municipality_id").annotate(n=Count("pk")).order_by()
    return {row["municipality_id"]: row["n"] for row in rows}


def _groups(places: list[Place], counts: dict[int, int]) -> list[dict]:
    """German places by Land (alphabetical), then places abroad by country name."""
    groups: dict[tuple[int, str], dict] = {}
    for place in places:
        heading = place.state if place.country == "DE" else place.country_name
        group = groups.setdefault(
            (0 if place.country == "DE" else 1, heading),
            {"heading": heading or _("ohne Angabe"), "places": [], "practices": 0},
        )
        place.practice_count = counts[place.pk]
        group["places"].append(place)
        group["practices"] += place.practice_count
    return [groups[key] for key in sorted(groups)]


def _search(query: str, key: str, counts: dict[int, int]) -> tuple[list[Place], int]:
    """Places whose name contains the query (or whose AGS it is): exact names first, then places
    with published practices, then the rest alphabetically; at most ``SEARCH_LIMIT``."""
    places = Place.objects.select_related("kreis").order_by("name", "key")
    matching = places.filter(Q(name_key__contains=key) | Q(ags=query))
    exact = list(places.filter(Q(name_key=key) | Q(ags=query)))
    seen = {p.pk for p in exact}
    with_content = [p for p in matching.filter(pk__in=counts) if p.pk not in seen]
    seen |= {p.pk for p in with_content}
    rest = list(matching.exclude(pk__in=seen)[:SEARCH_LIMIT])
    results = [*exact, *with_content, *rest][:SEARCH_LIMIT]
    for place in results:
        place.practice_count = counts.get(place.pk, 0)
    return results, matching.count()


def place_index(request):
    """Municipalities with published practices, grouped by Land or country, plus a name search."""
    counts = _practice_counts()
    places = list(Place.objects.filter(pk__in=counts).order_by("name", "key"))
    # Control characters (a NUL byte breaks PostgreSQL) are never part of a name.
    query = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable()).strip()[:SEARCH_MAX_LENGTH]
    results = None
    result_total = 0
    search_error = ""
    if "q" in request.GET:
        key = name_key(query)
        if len(key) < SEARCH_MIN_LENGTH:
            search_error = _("Bitte mindestens %(count)d Zeichen eingeben.") % {"count": SEARCH_MIN_LENGTH}
        else:
            results, result_total = _search(query, key, counts)
    return render(
        request,
        "places/place_index.html",
        {
            "groups": _groups(places, counts),
            "place_total": len(places),
            "query": query,
            "results": results,
            "result_total": result_total,
            "search_error": search_error,
            "search_limit": SEARCH_LIMIT,
        },
    )


def place_detail(request, slug):
    """A municipality: what it is, where it lies, and its published practices."""
    place = get_object_or_404(Place.objects.select_related("kreis"), slug=slug)
    public = Practice.objects.public().select_related("municipality").order_by("title")
    practices = list(public.filter(municipality=place))
    member_practices = []
    if place.level == Place.Level.KREIS:
        # A Kreis page also shows what its Gemeinden did, labelled with the Gemeinde.
        member_practices = list(public.filter(municipality__kreis=place).exclude(municipality=place))
    kreis = place.kreis if place.kreis and place.kreis.is_district else None
    kreis_has_content = bool(
        kreis and Practice.objects.public().filter(Q(municipality=kreis) | Q(municipality__kreis=kreis)).exists()
    )
    return render(
        request,
        "places/place_detail.html",
        {
            "place": place,
            "practices": practices,
            "member_practices": member_practices,
            "kreis": kreis,
            "kreis_has_content": kreis_has_content,
            "is_kreisfrei": bool(place.kreis and place.kreis.is_independent_town),
            "has_demo": any(p.is_demo for p in [*practices, *member_practices]),
        },
    )
