"""The search results page ``/suche/``: one search over every content type, with practice facets.

The page keeps its whole state in the query string (``q``, ``type``, the practice filters,
``page``) and works without JavaScript; a small script adds autocomplete suggestions.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from krisenwissen.places.models import SizeClass
from krisenwissen.practices.facets import FACET_FIELDS, FACET_LABELS, PracticeBrowser, term_label
from krisenwissen.practices.views import facet_groups, home_url

from .registry import kinds
from .service import search_page

PAGE_SIZE = 10
MAX_PAGE = 1000


def _page_number(raw: str | None) -> tuple[int, bool]:
    raw = (raw or "1").strip()
    if raw.isdigit() and len(raw) < 6 and 1 <= int(raw) <= MAX_PAGE:
        return int(raw), True
    return 1, raw in ("", "1")


def filter_label(browser: PracticeBrowser, facet_result, name: str, value: str) -> str:
    """How a selected practice filter value is called (as in the facet list, also without hits)."""
    if facet_result is not None:
        for option in facet_result.facets.get(name, ()):
            if option.value == value:
                return option.label
    term = browser.terms.get(name, {}).get(value)
    if term is not None:
        return term_label(term, (get_language() or "de").startswith("en"))
    if name == "size_class" and value in SizeClass.values:
        return str(SizeClass(value).label)
    if name == "country":
        from krisenwissen.places.countries import country_name

        return country_name(value)
    return value


def search_view(request):
    params = request.GET
    notices: list[str] = []
    known_kinds = kinds()
    kind = params.get("type") or None
    if kind and kind not in known_kinds:
        notices.append(
            _("Die Inhaltsart „%(value)s“ ist unbekannt; gezeigt werden alle Inhalte.") % {"value": kind[:80]}
        )
        kind = None
    page, page_ok = _page_number(params.get("page"))
    if not page_ok:
        notices.append(_("Die Seitenangabe ist ungültig; angezeigt wird Seite 1."))
    browser = PracticeBrowser.current()
    filters, unknown = browser.clean_filters({name: params.getlist(name) for name in FACET_FIELDS})
    for item in unknown:
        notices.append(
            _("Der Filterwert „%(value)s“ für „%(facet)s“ ist unbekannt und wurde ignoriert.")
            % {"value": item.value[:80], "facet": FACET_LABELS[item.field]}
        )
    q = params.get("q", "")
    result = search_page(
        q, kind=kind, practice_filters=filters, browser=browser, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    pages = max(1, -(-result.total // PAGE_SIZE))
    if page > pages:
        page = pages
        result = search_page(
            q, kind=kind, practice_filters=filters, browser=browser, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
    notices.extend(result.response.notices)
    shown_q = result.response.query.raw

    def url(**changes) -> str:
        state = {"q": shown_q, "type": kind or "", "page": page, "filters": filters}
        state.update(changes)
        items = [("q", state["q"])] if state["q"] else []
        if state["type"]:
            items.append(("type", state["type"]))
        for name in FACET_FIELDS:
            items.extend((name, value) for value in state["filters"].get(name, ()))
        if state["page"] > 1:
            items.append(("page", str(state["page"])))
        base = reverse("search:results")
        return f"{base}?{urlencode(items)}" if items else base

    type_options = [
        {
            "value": "",
            "label": _("Alle Inhalte"),
            "count": sum(result.type_counts.values()),
            "selected": not kind,
            "url": url(type="", page=1),
        }
    ]
    for name, adapter in known_kinds.items():
        type_options.append(
            {
                "value": name,
                "label": adapter.label_plural,
                "count": result.type_counts.get(name, 0),
                "selected": kind == name,
                "url": url(type=name, page=1),
            }
        )
    groups = facet_groups(result.facet_result) if result.facet_result is not None else []
    active = []
    if kind:
        active.append(
            {"facet": _("Inhaltsart"), "label": known_kinds[kind].label_plural, "remove_url": url(type="", page=1)}
        )
    for name in FACET_FIELDS:
        for value in filters.get(name, ()):
            remaining = {
                key: tuple(v for v in values if not (key == name and v == value)) for key, values in filters.items()
            }
            active.append(
                {
                    "facet": FACET_LABELS[name],
                    "label": filter_label(browser, result.facet_result, name, value),
                    "remove_url": url(filters=remaining, page=1),
                }
            )
    context = {
        "q": shown_q,
        "kind": kind,
        "result": result,
        "items": result.items,
        "total": result.total,
        "total_heading": ngettext("%(count)s Treffer", "%(count)s Treffer", result.total)
        % {"count": number_format(result.total, force_grouping=True)},
        "suggestion": result.response.suggestion,
        "suggestion_url": url(q=result.response.suggestion, page=1) if result.response.suggestion else "",
        "notices": notices,
        "type_options": type_options,
        "facet_groups": groups,
        "has_filters": bool(active),
        "active_filters": active,
        "reset_url": url(type="", filters={}, page=1),
        "page": page,
        "pages": pages,
        "previous_url": url(page=page - 1) if page > 1 else "",
        "next_url": url(page=page + 1) if page < pages else "",
        "first_result": (page - 1) * PAGE_SIZE + 1 if result.total else 0,
        "last_result": (page - 1) * PAGE_SIZE + len(result.items),
        "home_url": home_url(),
        "has_demo": bool(result.facet_result is not None and result.facet_result.has_demo),
    }
    return render(request, "search/search_results.html", context)
