"""schema.org JSON-LD for detail pages, and the feed links of a page.

In a detail template (inside ``{% block meta_extra %}``)::

    {% load opendata_tags %}
    {% json_ld practice %}                                   {# builder registered for the model #}
    {% breadcrumbs_json_ld "Startseite" home_url "Praxisbeispiele" list_url practice.title "" %}

``{% json_ld obj %}`` looks up the builder registered with
:func:`krisenwissen.opendata.registry.register_jsonld` and adds the platform as ``publisher``
and the content licence as ``license``. ``{% json_ld_node data %}`` prints any dict a view built
itself. The output is a ``<script type="application/ld+json">`` data block: browsers never
execute it, so the Content-Security-Policy does not need to allow it.
"""

from __future__ import annotations

import json

from django import template
from django.utils.safestring import mark_safe

from ..licences import content_licence
from ..registry import jsonld_builder

register = template.Library()

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def render_jsonld(data: dict) -> str:
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above


def organisation_node(request) -> dict:
    licence, operator = content_licence()
    return {
        "@type": "Organization",
        "@id": request.build_absolute_uri("/") + "#organisation",
        "name": operator or "Krisenwissen",
        "url": request.build_absolute_uri("/"),
    }


@register.simple_tag(takes_context=True)
def json_ld(context, obj):
    request = context.get("request")
    builder = jsonld_builder(obj)
    if builder is None or request is None:
        return ""
    node = builder(obj, request)
    licence, _operator = content_licence()
    organisation = organisation_node(request)
    node.setdefault("license", licence.url)
    node.setdefault("publisher", {"@id": organisation["@id"]})
    return render_jsonld({"@context": "https://schema.org", "@graph": [node, organisation]})


@register.simple_tag(takes_context=True)
def json_ld_node(context, data):
    if not data:
        return ""
    return render_jsonld({"@context": "https://schema.org", **data})


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    request = context.get("request")
    if request is None:
        return ""
    return render_jsonld({"@context": "https://schema.org", **organisation_node(request)})


@register.simple_tag(takes_context=True)
def breadcrumbs_json_ld(context, *names_and_urls):
    """``BreadcrumbList`` from pairs of name and URL; an empty URL means the current page."""
    request = context.get("request")
    if request is None or len(names_and_urls) % 2:
        return ""
    items = []
    for position, index in enumerate(range(0, len(names_and_urls), 2), start=1):
        name, url = names_and_urls[index], names_and_urls[index + 1]
        absolute = request.build_absolute_uri(url) if url else request.build_absolute_uri(request.path)
        items.append({"@type": "ListItem", "position": position, "name": str(name), "item": absolute})
    return render_jsonld({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})


@register.inclusion_tag("opendata/includes/feed_links.html")
def practice_feed_links():
    """``<link rel="alternate">`` for the practice feeds (for the ``<head>`` of list pages)."""
    return {}
