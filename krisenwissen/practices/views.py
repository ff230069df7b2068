"""Public pages of the practice examples: the faceted list and the detail page.

The list keeps its whole state in the query string (``themes=…&state=…&q=…&sort=…&page=…``,
named exactly like the API parameters), so any view of it can be bookmarked and shared; the
filtering itself happens in :mod:`krisenwissen.practices.facets`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np

from django.conf import settings
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from krisenwissen.core import listing
from krisenwissen.literature.views import fetch_cards as fetch_literature_cards
from krisenwissen.places.models import SizeClass

from .facets import (
    DEFAULT_SORT,
    FACET_FIELDS,
    FACET_LABELS,
    SORT_LABELS,
    SORTS,
    FacetQuery,
    PracticeBrowser,
    fetch_cards,
    normalise_query,
    related_practices,
    term_label,
    terms_of,
    years_label,
)
from .models import Practice

#: At most this many literature records are listed on a practice page.
LITERATURE_LIMIT = 20
#: Query parameters that make up the state of the list page.
LIST_PARAMS = (*FACET_FIELDS, "q", "sort", "page")
#: With a text search the list is ranked by the platform search unless another order is chosen.
RELEVANCE = "relevance"
LIST_SORTS = (RELEVANCE, *SORTS)
RELATED_LIMIT = 5
MAX_NOTICE_VALUE_LENGTH = 80
MAX_FROM_LENGTH = 2000


def home_url() -> str:
    return "/en/" if (get_language() or "de").startswith("en") else "/"


def _short(value: str) -> str:
    return value if len(value) <= MAX_NOTICE_VALUE_LENGTH else value[: MAX_NOTICE_VALUE_LENGTH - 1] + "…"


# --- List ---------------------------------------------------------------------------------------


@dataclass
class ListState:
    """The list page's state as read from (and written back to) the query string."""

    filters: dict[str, tuple[str, ...]]
    q: str = ""
    sort: str = DEFAULT_SORT
    page: int = 1

    @staticmethod
    def default_sort(q: str) -> str:
        return RELEVANCE if q else DEFAULT_SORT

    @property
    def sort_is_default(self) -> bool:
        return self.sort == self.default_sort(self.q)

    def items(self, *, filters=None, q=None, sort=None, page=None) -> list[tuple[str, str]]:
        filters = self.filters if filters is None else filters
        q = self.q if q is None else q
        sort = self.sort if sort is None else sort
        page = self.page if page is None else page
        items = [("q", q)] if q else []
        for name in FACET_FIELDS:
            items.extend((name, value) for value in filters.get(name, ()))
        if sort != self.default_sort(q) and not (sort == RELEVANCE and not q):
            items.append(("sort", sort))
        if page > 1:
            items.append(("page", str(page)))
        return items

    def query_string(self, **changes) -> str:
        return urlencode(self.items(**changes))

    def url(self, **changes) -> str:
        query = self.query_string(**changes)
        base = reverse("practices:list")
        return f"{base}?{query}" if query else base

    def without(self, name: str, value: str) -> str:
        filters = {
            key: tuple(v for v in values if not (key == name and v == value)) for key, values in self.filters.items()
        }
        return self.url(filters=filters, page=1)


def read_list_state(params: QueryDict, browser: PracticeBrowser) -> tuple[ListState, list[str]]:
    """Parse the list's query string; anything unusable is dropped with a notice, never an error."""
    notices = []
    filters, unknown = browser.clean_filters({name: params.getlist(name) for name in FACET_FIELDS})
    for item in unknown:
        notices.append(
            _("Der Filterwert „%(value)s“ für „%(facet)s“ ist unbekannt und wurde ignoriert.")
            % {"value": _short(item.value), "facet": FACET_LABELS[item.field]}
        )
    q = normalise_query(params.get("q"))
    default_sort = ListState.default_sort(q)
    sort = params.get("sort") or default_sort
    if sort not in LIST_SORTS:
        notices.append(
            _("Die Sortierung „%(value)s“ ist unbekannt; sortiert wird nach „%(default)s“.")
            % {"value": _short(sort), "default": sort_label(default_sort)}
        )
        sort = default_sort
    elif sort == RELEVANCE and not q:
        sort = DEFAULT_SORT  # nothing to rank without a search text
    raw_page = (params.get("page") or "1").strip()
    page = int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 0
    if page < 1:
        notices.append(
            _("Die Seitenangabe „%(value)s“ ist ungültig; angezeigt wird Seite 1.") % {"value": _short(raw_page)}
        )
        page = 1
    return ListState(filters=filters, q=q, sort=sort, page=page), notices


def sort_label(key: str) -> str:
    return _("Relevanz") if key == RELEVANCE else str(SORT_LABELS[key])


def facet_groups(result) -> list[dict]:
    """The practice facets of the filter form (the list, the search results and the map use it)."""
    return listing.facet_groups(result.facets, [(name, FACET_LABELS[name]) for name in FACET_FIELDS])


def active_filters(result, state: ListState) -> list[dict]:
    labels = {(name, value.value): value.label for name, values in result.facets.items() for value in values}
    active = []
    if state.q:
        active.append({"facet": _("Suche"), "label": state.q, "remove_url": state.url(q="", page=1)})
    for name in FACET_FIELDS:
        for value in state.filters.get(name, ()):
            active.append(
                {
                    "facet": FACET_LABELS[name],
                    "label": labels.get((name, value), value),
                    "remove_url": state.without(name, value),
                }
            )
    return active


def search_practice_text(q: str):
    """The platform search (German analysis, thesaurus, typos, ranking) restricted to practices."""
    from krisenwissen.search.service import search

    return search(q, kind="practice")


def list_page(browser: PracticeBrowser, state: ListState, search_response, *, offset: int, limit: int):
    """One page of the list: facets and counts from the facet engine, text matching from the search.

    With a search text the facet engine only sees the practices the search found
    (``restrict_to``); sorted by relevance, the page is the search's ranking filtered by the facets,
    otherwise the facet engine's own order.
    """
    if search_response is None:
        return browser.search(FacetQuery(filters=state.filters, sort=state.sort, offset=offset, limit=limit))
    ranked_ids = search_response.ranked.object_ids
    if state.sort != RELEVANCE:
        return browser.search(
            FacetQuery(filters=state.filters, sort=state.sort, offset=offset, limit=limit, restrict_to=ranked_ids)
        )
    result = browser.search(
        FacetQuery(filters=state.filters, offset=0, limit=len(ranked_ids) + 1, restrict_to=ranked_ids)
    )
    if any(state.filters.values()):
        allowed = np.asarray(result.ids_page, dtype=np.int64)
        ranked_ids = ranked_ids[np.isin(ranked_ids, allowed)]
    else:
        # Ranked practices the facet index does not know (yet) are left out, as the count is.
        ranked_ids = ranked_ids[np.isin(ranked_ids, browser.index.ids)]
    start = max(0, min(offset, len(ranked_ids)))
    result.ids_page = ranked_ids[start : start + limit].tolist()
    return result


def practice_list(request):
    page_size = settings.PRACTICES_PAGE_SIZE
    browser = PracticeBrowser.current()
    state, notices = read_list_state(request.GET, browser)

    search_response = search_practice_text(state.q) if state.q else None
    if search_response is not None and search_response.suggestion:
        notices.append(_("Meinten Sie „%(suggestion)s“?") % {"suggestion": search_response.suggestion})
    if search_response is not None and search_response.notices:
        notices.extend(search_response.notices)

    def run(page: int):
        return list_page(browser, state, search_response, offset=(page - 1) * page_size, limit=page_size)

    result = run(state.page)
    pages = max(1, -(-result.total // page_size))
    if state.page > pages:
        notices.append(
            _("Seite %(page)s gibt es nicht; angezeigt wird Seite %(last)s.") % {"page": state.page, "last": pages}
        )
        state.page = pages
        result = run(state.page)

    practices = fetch_cards(result.ids_page, with_themes=True)
    list_query = state.query_string()
    detail_suffix = f"?{urlencode({'from': list_query})}" if list_query else ""
    context = {
        "practices": practices,
        "detail_suffix": detail_suffix,
        "total": result.total,
        "total_heading": ngettext("%(count)s Praxisbeispiel", "%(count)s Praxisbeispiele", result.total)
        % {"count": number_format(result.total, force_grouping=True)},
        "has_demo": result.has_demo,
        "state": state,
        "notices": notices,
        "facet_groups": facet_groups(result),
        "active_filters": active_filters(result, state),
        "hidden_filters": state.items(q="", sort=DEFAULT_SORT, page=1),
        "sort_options": [(key, sort_label(key)) for key in (LIST_SORTS if state.q else SORTS)],
        "reset_url": state.url(filters={}, page=1),
        "page": state.page,
        "pages": pages,
        **listing.page_navigation(lambda number: state.url(page=number), state.page, pages),
        "first_result": (state.page - 1) * page_size + 1 if result.total else 0,
        "last_result": (state.page - 1) * page_size + len(practices),
        "home_url": home_url(),
    }
    return render(request, "practices/practice_list.html", context)


# --- Detail -------------------------------------------------------------------------------------


def back_to_list_url(request) -> str:
    """The list URL with the filters the reader came from (``?from=…``), or the plain list.

    ``from`` must be a query string of list parameters; anything else in it is dropped, so the
    link can never point anywhere but the list page.
    """
    base = reverse("practices:list")
    raw = request.GET.get("from", "") if request is not None else ""
    if not raw or len(raw) > MAX_FROM_LENGTH:
        return base
    params = QueryDict(raw.lstrip("?"))
    items = [(key, value) for key in LIST_PARAMS for value in params.getlist(key) if value]
    return f"{base}?{urlencode(items)}" if items else base


def _list_filter_url(name: str, value: str) -> str:
    return f"{reverse('practices:list')}?{urlencode({name: value})}"


def classification(terms: dict[str, list]) -> list[dict]:
    """Each vocabulary with the practice's terms, every term linking to the list filtered by it."""
    english = (get_language() or "de").startswith("en")
    groups = []
    for name, items in terms.items():
        links = [
            {
                "label": term_label(term, english),
                "title": term.name if name == "stellschrauben" else "",
                "url": _list_filter_url(name, term.slug),
            }
            for term in items
        ]
        if links:
            groups.append({"name": name, "label": FACET_LABELS[name], "items": links})
    return groups


def detail_context(practice, request, preview=False):
    """Everything the detail template needs; also used for the Wagtail preview of drafts."""
    back_url = back_to_list_url(request)
    terms = terms_of(practice, from_instance=preview)
    place = practice.municipality
    place_items = []
    if place.state:
        place_items.append(
            {"label": _("Bundesland / Region"), "value": place.state, "url": _list_filter_url("state", place.state)}
        )
    place_items.append(
        {"label": _("Staat"), "value": place.country_name, "url": _list_filter_url("country", place.country)}
    )
    if place.size_class:
        place_items.append(
            {
                "label": _("Größenklasse"),
                "value": SizeClass(place.size_class).label
                if place.size_class in SizeClass.values
                else place.size_class,
                "url": _list_filter_url("size_class", place.size_class),
            }
        )
    return {
        "practice": practice,
        "preview": preview,
        "place": place,
        "place_items": place_items,
        "years": years_label(practice.start_year, practice.end_year),
        "classification": classification(terms),
        "keywords": [tag.name for tag in practice.keywords.all()],
        "images": list(practice.images.all()),
        "attachments": list(practice.attachments.all()),
        "links": list(practice.links.all()),
        "contact": practice.public_contact,
        "related": related_practices(practice, limit=RELATED_LIMIT, terms=terms),
        "literature": supporting_literature(practice),
        "back_url": back_url,
        "came_from_list": back_url != reverse("practices:list"),
        "home_url": home_url(),
    }


def supporting_literature(practice) -> list:
    """Published literature that editors linked to this practice as evidence, newest first."""
    if practice.pk is None:
        return []
    ids = list(practice.literature.public().order_by("-year", "title").values_list("pk", flat=True)[:LITERATURE_LIMIT])
    return fetch_literature_cards(ids)


def practice_detail(request, slug):
    practice = (
        Practice.objects.public()
        .select_related("municipality")
        .prefetch_related("images__image", "attachments__document", "links", "related_links__related")
        .filter(slug=slug)
        .first()
    )
    if practice is None:
        raise Http404(_("Dieses Praxisbeispiel gibt es nicht oder es ist nicht veröffentlicht."))
    return render(request, "practices/practice_detail.html", detail_context(practice, request))
