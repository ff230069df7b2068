"""What the map shows: the practices matching the list's filters, placed at their municipality.

The filters are the practice list's own (:mod:`krisenwissen.practices.facets`), read from the same
query parameters, so ``/karte/?themes=…`` and ``/praxisbeispiele/?themes=…`` always show the same
practices. A practice sits at its municipality's point from the places registry; practices whose
place has no coordinates are counted and listed as "without location" instead of being dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from django.urls import reverse

from krisenwissen.places.models import TOWN_KINDS, Place
from krisenwissen.practices.facets import FacetQuery, PracticeBrowser, sort_key
from krisenwissen.practices.models import Practice

SLUG_PLACEHOLDER = "slug-placeholder"


class PracticeRow(NamedTuple):
    title: str
    slug: str
    demo: bool
    label: str  #: the practice's own name for its municipality (e.g. a Berlin district), or ""


@dataclass
class MapPlace:
    name: str
    slug: str
    state: str
    latitude: float | None
    longitude: float | None
    practices: list[PracticeRow] = field(default_factory=list)

    @property
    def url(self) -> str:
        return reverse("places:detail", kwargs={"slug": self.slug})

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class MapData:
    total: int
    places: list[MapPlace]
    has_demo: bool
    facet_result: object

    @property
    def located(self) -> list[MapPlace]:
        return [place for place in self.places if place.has_location]

    @property
    def without_location(self) -> list[MapPlace]:
        return [place for place in self.places if not place.has_location]

    @property
    def located_practices(self) -> int:
        return sum(len(place.practices) for place in self.located)

    def as_json(self) -> dict:
        """The payload of the JSON endpoint, compact because it grows with every practice.

        ``places`` lists each located municipality once; ``practices`` are rows
        ``[title, slug, place index, demo (0/1), municipality label]`` and ``practice_url`` is the
        address pattern for a slug. At 10,000 practices this is about a third of one object per
        practice with repeated keys, place names and coordinates.
        """
        located = self.located
        return {
            "total": self.total,
            "located": self.located_practices,
            "practice_url": reverse("practices:detail", kwargs={"slug": SLUG_PLACEHOLDER}).replace(
                SLUG_PLACEHOLDER, "{slug}"
            ),
            "places": [
                {
                    "name": place.name,
                    "state": place.state,
                    "url": place.url,
                    "lat": place.latitude,
                    "lon": place.longitude,
                    "count": len(place.practices),
                }
                for place in located
            ],
            "practices": [
                [practice.title, practice.slug, index, int(practice.demo), practice.label]
                for index, place in enumerate(located)
                for practice in place.practices
            ],
        }


def map_data(browser: PracticeBrowser, filters: dict, q: str = "") -> MapData:
    """Every published practice matching ``filters`` and ``q``, grouped by municipality.

    Read as plain rows (no model instances): at 10,000 practices the map needs every one of them,
    and building objects would cost more than everything else together.
    """
    result = browser.search(FacetQuery(filters=filters, q=q, limit=max(browser.index.n, 1)))
    wanted = set(result.ids_page)
    rows = Practice.objects.public().values_list(
        "id", "slug", "title", "is_demo", "municipality_label", "municipality_id"
    )
    by_place: dict[int, list] = {}
    for pk, slug, title, is_demo, label, place_id in rows.iterator(chunk_size=2000):
        if pk in wanted:
            by_place.setdefault(place_id, []).append(PracticeRow(title, slug, bool(is_demo), label or ""))
    columns = ("id", "name", "slug", "state", "latitude", "longitude", "level", "official_kind")
    place_rows = Place.objects.filter(pk__in=list(by_place)) if len(by_place) < 900 else Place.objects.all()
    places = []
    for pk, name, slug, state, latitude, longitude, level, kind in place_rows.values_list(*columns).iterator(2000):
        items = by_place.get(pk)
        if items is None:
            continue
        if level == Place.Level.KREIS and kind not in TOWN_KINDS:
            name = str(Place(name=name, level=level, official_kind=kind))  # "Landkreis …" as on place pages
        items.sort(key=lambda item: sort_key(item.title))
        places.append(MapPlace(name, slug, state, latitude, longitude, items))
    places.sort(key=lambda place: (-len(place.practices), sort_key(place.name)))
    return MapData(total=result.total, places=places, has_demo=result.has_demo, facet_result=result)
