"""What the read API routers of research, news and publications share: listing, errors, addresses.

Filtering and counting come from :mod:`krisenwissen.research.listing`, so the API and the HTML
lists agree. As in the practices API, an unknown filter value is an error (422), not "no results".
"""

from __future__ import annotations

from collections.abc import Sequence

from ninja.errors import ValidationError

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from .listing import Facet, run_listing


def absolute(request: HttpRequest, obj) -> str:
    with translation.override("de"):
        return request.build_absolute_uri(obj.get_absolute_url())


def slugs(obj, relation: str) -> list[str]:
    return sorted(term.slug for term in getattr(obj, relation).all())


def lever_numbers(obj) -> list[int]:
    return sorted(lever.number for lever in obj.levers.all())


def list_response(
    request: HttpRequest,
    *,
    queryset,
    facets: Sequence[Facet],
    filters,
    search_fields: Sequence[str],
    serialise,
) -> dict:
    """Run the listing for an API request and answer with count, results (one page) and facet counts."""
    params = {facet.name: [str(v) for v in (getattr(filters, facet.name, None) or [])] for facet in facets}
    result = run_listing(queryset, facets, params, q=filters.q, search_fields=search_fields)
    if result.unknown:
        errors = []
        allowed = {facet.name: [v.value for v in result.facets[facet.name]] for facet in facets}
        for item in result.unknown:
            message = _("Unbekannter Wert „%(value)s“ für den Parameter „%(param)s“.") % {
                "value": item.value,
                "param": item.field,
            }
            if allowed.get(item.field):
                message += " " + _("Erlaubt sind: %(values)s.") % {"values": ", ".join(allowed[item.field])}
            errors.append({"type": "unknown_value", "loc": ["query", item.field], "msg": message, "input": item.value})
        raise ValidationError(errors)
    page = result.queryset[filters.offset : filters.offset + filters.limit]
    return {
        "count": result.total,
        "limit": filters.limit,
        "offset": filters.offset,
        "results": [serialise(request, obj) for obj in page],
        "facets": {name: {v.value: v.count for v in values} for name, values in result.facets.items()},
    }
