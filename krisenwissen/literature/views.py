"""Public pages of the literature database: the faceted list, the detail page and the exports.

The list keeps its state in the query string (named like the API parameters), so every view of
it can be bookmarked; filtering and counting happen in :mod:`krisenwissen.literature.facets`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from krisenwissen.core import listing

from .citations import citations
from .csl import to_item
from .exports import MAX_EXPORT, export_response
from .facets import (
    DEFAULT_SORT,
    FACET_FIELDS,
    FACET_LABELS,
    LANGUAGE_LABELS,
    SORT_LABELS,
    SORTS,
    TERM_FIELDS,
    FacetQuery,
    LiteratureBrowser,
    normalise_query,
)
from .formats import FORMAT_LABELS, LiteratureImportError, normalise_format
from .models import Literature, LiteratureCreator

PAGE_SIZE = 20
LIST_PARAMS = (*FACET_FIELDS, "q", "sort", "page")
MAX_FROM_LENGTH = 2000
EXPORT_FORMATS = [(key, FORMAT_LABELS[key]) for key in ("ris", "bibtex", "csl-json", "csv")]
#: Records imported from the CCCSL corpus carry this in ``import_source`` and show its attribution.
CCCSL_MARKER = "CCCSL_Library"


def home_url() -> str:
    return "/en/" if (get_language() or "de").startswith("en") else "/"


def _short(value: str) -> str:
    return value if len(value) <= 80 else value[:79] + "…"


@dataclass
class ListState:
    filters: dict[str, tuple[str, ...]]
    q: str = ""
    sort: str = DEFAULT_SORT
    page: int = 1

    def items(self, *, filters=None, q=None, sort=None, page=None) -> list[tuple[str, str]]:
        filters = self.filters if filters is None else filters
        q = self.q if q is None else q
        sort = self.sort if sort is None else sort
        page = self.page if page is None else page
        items = [("q", q)] if q else []
        for name in FACET_FIELDS:
            items.extend((name, value) for value in filters.get(name, ()))
        if sort != DEFAULT_SORT:
            items.append(("sort", sort))
        if page > 1:
            items.append(("page", str(page)))
        return items

    def url(self, **changes) -> str:
        query = urlencode(self.items(**changes))
        base = reverse("literature:list")
        return f"{base}?{query}" if query else base

    def without(self, name: str, value: str) -> str:
        filters = {k: tuple(v for v in vs if not (k == name and v == value)) for k, vs in self.filters.items()}
        return self.url(filters=filters, page=1)


def read_state(params: QueryDict, browser: LiteratureBrowser) -> tuple[ListState, list[str]]:
    notices = []
    filters, unknown = browser.clean_filters({name: params.getlist(name) for name in FACET_FIELDS})
    for name, value in unknown:
        notices.append(
            _("Der Filterwert „%(value)s“ für „%(facet)s“ ist unbekannt und wurde ignoriert.")
            % {"value": _short(value), "facet": FACET_LABELS[name]}
        )
    sort = params.get("sort") or DEFAULT_SORT
    if sort not in SORTS:
        notices.append(
            _("Die Sortierung „%(value)s“ ist unbekannt; sortiert wird nach „%(default)s“.")
            % {"value": _short(sort), "default": SORT_LABELS[DEFAULT_SORT]}
        )
        sort = DEFAULT_SORT
    raw_page = (params.get("page") or "1").strip()
    page = int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 0
    if page < 1:
        notices.append(
            _("Die Seitenangabe „%(value)s“ ist ungültig; angezeigt wird Seite 1.") % {"value": _short(raw_page)}
        )
        page = 1
    return ListState(filters=filters, q=normalise_query(params.get("q")), sort=sort, page=page), notices


@dataclass
class Card:
    pk: int
    title: str
    year: int | None
    csl_type: str
    type_label: str
    container_title: str
    language: str
    is_demo: bool
    creators: str
    detail_url: str


def fetch_cards(ids: list[int], detail_suffix: str = "") -> list[Card]:
    rows = Literature.objects.public().filter(pk__in=ids)
    values = {
        r[0]: r for r in rows.values_list("id", "title", "year", "csl_type", "container_title", "language", "is_demo")
    }
    names: dict[int, list[str]] = {}
    for lit_id, kind, family, given, name in (
        LiteratureCreator.objects.filter(literature_id__in=ids, role="author")
        .order_by("literature_id", "sort_order", "id")
        .values_list("literature_id", "kind", "family", "given", "name")
    ):
        names.setdefault(lit_id, []).append(name if kind == "organisation" else f"{family}, {given}".strip(", "))
    type_labels = dict(Literature._meta.get_field("csl_type").choices)
    cards = []
    for pk in ids:
        if pk not in values:
            continue
        _id, title, year, csl_type, container, language, is_demo = values[pk]
        authors = names.get(pk, [])
        shown = "; ".join(authors[:3]) + (" " + pgettext("more authors", "u. a.") if len(authors) > 3 else "")
        cards.append(
            Card(
                pk=pk,
                title=title,
                year=year,
                csl_type=csl_type,
                type_label=str(type_labels.get(csl_type, csl_type)),
                container_title=container,
                language=language,
                is_demo=is_demo,
                creators=shown,
                detail_url=reverse("literature:detail", kwargs={"pk": pk}) + detail_suffix,
            )
        )
    return cards


def literature_list(request):
    browser = LiteratureBrowser.current()
    state, notices = read_state(request.GET, browser)

    def run(page: int):
        return browser.search(
            FacetQuery(
                filters=state.filters, q=state.q, sort=state.sort, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
            )
        )

    result = run(state.page)
    pages = max(1, -(-result.total // PAGE_SIZE))
    if state.page > pages:
        notices.append(
            _("Seite %(page)s gibt es nicht; angezeigt wird Seite %(last)s.") % {"page": state.page, "last": pages}
        )
        state.page = pages
        result = run(pages)
    list_query = urlencode(state.items())
    cards = fetch_cards(result.ids_page, f"?{urlencode({'from': list_query})}" if list_query else "")
    labels = {(n, v.value): v.label for n, vs in result.facets.items() for v in vs}
    active = [{"facet": _("Suche"), "label": state.q, "remove_url": state.url(q="", page=1)}] if state.q else []
    for name in FACET_FIELDS:
        for value in state.filters.get(name, ()):
            active.append(
                {
                    "facet": FACET_LABELS[name],
                    "label": labels.get((name, value), value),
                    "remove_url": state.without(name, value),
                }
            )
    filter_query = urlencode(state.items(page=1, sort=state.sort))
    context = {
        "cards": cards,
        "total": result.total,
        "total_heading": ngettext("%(count)s Titel", "%(count)s Titel", result.total)
        % {"count": number_format(result.total, force_grouping=True)},
        "has_demo": result.has_demo,
        "state": state,
        "notices": notices,
        "facet_groups": listing.facet_groups(result.facets, [(name, FACET_LABELS[name]) for name in FACET_FIELDS]),
        "active_filters": active,
        "hidden_filters": state.items(q="", sort=DEFAULT_SORT, page=1),
        "sort_options": [(key, SORT_LABELS[key]) for key in SORTS],
        "reset_url": state.url(filters={}, page=1),
        "page": state.page,
        "pages": pages,
        **listing.page_navigation(lambda number: state.url(page=number), state.page, pages),
        "first_result": (state.page - 1) * PAGE_SIZE + 1 if result.total else 0,
        "last_result": (state.page - 1) * PAGE_SIZE + len(cards),
        "export_formats": EXPORT_FORMATS,
        "export_base": reverse("literature:export"),
        "filter_query": filter_query,
        "max_export": MAX_EXPORT,
        "has_cccsl": Literature.objects.public().filter(import_source__contains=CCCSL_MARKER).exists(),
        "home_url": home_url(),
    }
    return render(request, "literature/literature_list.html", context)


def back_to_list_url(request) -> str:
    base = reverse("literature:list")
    raw = request.GET.get("from", "") if request is not None else ""
    if not raw or len(raw) > MAX_FROM_LENGTH:
        return base
    params = QueryDict(raw.lstrip("?"))
    items = [(key, value) for key in LIST_PARAMS for value in params.getlist(key) if value]
    return f"{base}?{urlencode(items)}" if items else base


def _filter_url(name: str, value: str) -> str:
    return f"{reverse('literature:list')}?{urlencode({name: value})}"


def detail_context(literature: Literature, request, preview: bool = False) -> dict:
    creators = list(literature.creators.all())
    item = to_item(literature, creators)
    english = (get_language() or "de").startswith("en")
    classification = []
    from krisenwissen.practices.facets import term_label

    for name, (_vocabulary, field_name) in TERM_FIELDS.items():
        terms = list(getattr(literature, field_name).all())
        if name == "stellschrauben":
            terms.sort(key=lambda t: t.number)
        if terms:
            classification.append(
                {
                    "label": FACET_LABELS[name],
                    "items": [{"label": term_label(t, english), "url": _filter_url(name, t.slug)} for t in terms],
                }
            )
    practices = [p for p in literature.practices.all() if p.live]
    back_url = back_to_list_url(request)
    return {
        "literature": literature,
        "preview": preview,
        "authors": [c for c in creators if c.role == "author"],
        "editors": [c for c in creators if c.role == "editor"],
        "translators": [c for c in creators if c.role == "translator"],
        "citations": citations(item),
        "classification": classification,
        "practices": practices,
        "type_url": _filter_url("type", literature.csl_type),
        "category_url": _filter_url("category", literature.document_category) if literature.document_category else "",
        "language_label": LANGUAGE_LABELS.get(literature.language, literature.language),
        "export_formats": EXPORT_FORMATS,
        "is_cccsl": CCCSL_MARKER in (literature.import_source or ""),
        "back_url": back_url,
        "came_from_list": back_url != reverse("literature:list"),
        "home_url": home_url(),
    }


def literature_detail(request, pk: int):
    literature = (
        Literature.objects.public()
        .prefetch_related("creators", "themes", "crisis_types", "target_groups", "levers", "practices")
        .filter(pk=pk)
        .first()
    )
    if literature is None:
        raise Http404(_("Diesen Literaturnachweis gibt es nicht oder er ist nicht veröffentlicht."))
    return render(request, "literature/literature_detail.html", detail_context(literature, request))


def export_one(request, pk: int, fmt: str):
    if not Literature.objects.public().filter(pk=pk).exists():
        raise Http404(_("Diesen Literaturnachweis gibt es nicht oder er ist nicht veröffentlicht."))
    try:
        return export_response([pk], fmt, f"literatur-{pk}")
    except LiteratureImportError as error:
        raise Http404(str(error)) from error


def export_many(request):
    """A selection (``ids=…``) or, without ids, the list as currently filtered."""
    try:
        fmt = normalise_format(request.GET.get("format") or "ris")
    except LiteratureImportError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    raw_ids = request.GET.getlist("ids")
    if raw_ids:
        ids = [int(v) for v in raw_ids[:MAX_EXPORT] if v.isdigit() and len(v) < 12]
        if not ids:
            return HttpResponseBadRequest(_("Keine gültige Auswahl."), content_type="text/plain; charset=utf-8")
        return export_response(list(dict.fromkeys(ids)), fmt, "literatur-auswahl")
    browser = LiteratureBrowser.current()
    state, _notices = read_state(request.GET, browser)
    result = browser.search(
        FacetQuery(filters=state.filters, q=state.q, sort=state.sort, offset=0, limit=0), with_all_ids=True
    )
    return export_response(result.all_ids or [], fmt, "literatur")
