"""``/karte/``: the map of practices, with the practice list's filter form, and its JSON data.

The page itself is server-rendered and complete without JavaScript: the filter form, the number
of hits, a link to the same selection as a list (the accessible equivalent of the map) and a
table of the municipalities. ``js/map.js`` turns the map area into a Leaflet map, reading the
markers from :func:`map_json` (same query string) and the Länder outlines from a static file.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from krisenwissen.practices.facets import PracticeBrowser
from krisenwissen.practices.views import active_filters, facet_groups, read_list_state

from .services import map_data

MAX_TABLE_ROWS = 300


def _state(request):
    browser = PracticeBrowser.current()
    state, notices = read_list_state(request.GET, browser)
    return browser, state, notices


def practice_map(request):
    browser, state, notices = _state(request)
    data = map_data(browser, state.filters, state.q)
    query = state.query_string(page=1, sort="newest")
    list_url = state.url(page=1)
    data_url = reverse("maps:data") + (f"?{query}" if query else "")
    map_url = reverse("maps:map")
    return render(
        request,
        "maps/practice_map.html",
        {
            "data": data,
            "notices": notices,
            "state": state,
            "facet_groups": facet_groups(data.facet_result),
            "active_filters": [
                {**item, "remove_url": item["remove_url"].replace(reverse("practices:list"), map_url, 1)}
                for item in active_filters(data.facet_result, state)
            ],
            "total_heading": ngettext("%(count)s Praxisbeispiel", "%(count)s Praxisbeispiele", data.total)
            % {"count": number_format(data.total, force_grouping=True)},
            "list_url": list_url,
            "reset_url": map_url,
            "data_url": data_url,
            "geo_url": static("geo/laender.geojson"),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
            "places_table": data.located[:MAX_TABLE_ROWS],
            "places_table_truncated": len(data.located) > MAX_TABLE_ROWS,
            "map_label": _("Karte der Praxisbeispiele"),
        },
    )


def map_json(request):
    browser, state, _notices = _state(request)
    response = JsonResponse(
        map_data(browser, state.filters, state.q).as_json(),
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
