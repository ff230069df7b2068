"""Faceted lists for the smaller collections (research projects, publications, events, news, training).

These collections hold tens to a few thousand records, so the database does the counting: one
aggregate query per facet. The counting rule is the one of the practice list: the count shown for
a value of facet F is the number of records matching the selections of all *other* facets and
that value; values of one facet combine with OR, facets with AND. The HTML lists and the read API
both go through :func:`run_listing`, so a filter means the same thing everywhere.

The list state lives in the query string (``themes=…&q=…&page=…``); unknown values are dropped
with a notice on the HTML page and answered with 422 by the API, never with an error page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from krisenwissen.core.listing import facet_groups, page_navigation

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 50
MAX_NOTICE_VALUE_LENGTH = 80


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class UnknownValue:
    field: str
    value: str


class Facet:
    """One filter of a list: its query parameter, legend, the values it offers and how it filters."""

    name: str
    label: object

    def options(self, queryset: QuerySet) -> list[tuple[str, str]]:  # pragma: no cover - interface
        raise NotImplementedError

    def filter(self, queryset: QuerySet, values: Sequence[str]) -> QuerySet:  # pragma: no cover
        raise NotImplementedError

    def counts(self, queryset: QuerySet) -> dict[str, int]:  # pragma: no cover
        raise NotImplementedError


class TermFacet(Facet):
    """A many-to-many relation to a taxonomy vocabulary, filtered by slug (``themes=krisenkommunikation``)."""

    def __init__(self, name: str, label, relation: str, model, *, value_attr: str = "slug", label_attr: str = "name"):
        self.name, self.label, self.relation, self.model = name, label, relation, model
        self.value_attr, self.label_attr = value_attr, label_attr

    def options(self, queryset):
        return [(str(getattr(t, self.value_attr)), str(getattr(t, self.label_attr))) for t in self.model.objects.all()]

    def filter(self, queryset, values):
        lookup = f"{self.relation}__{self.value_attr}__in"
        return queryset.filter(pk__in=queryset.model.objects.filter(**{lookup: list(values)}).values("pk"))

    def counts(self, queryset):
        key = f"{self.relation}__{self.value_attr}"
        rows = (
            queryset.order_by()
            .filter(**{f"{key}__isnull": False})
            .values(key)
            .annotate(n=Count("pk", distinct=True))
            .values_list(key, "n")
        )
        return {str(value): n for value, n in rows}


class ChoiceFacet(Facet):
    """A plain column (funder, year, kind); its values are the distinct values in the collection."""

    def __init__(
        self,
        name: str,
        label,
        column: str,
        *,
        labels: Mapping | Callable[[str], str] | None = None,
        descending: bool = False,
        cast: Callable[[str], object] = str,
    ):
        self.name, self.label, self.column = name, label, column
        self.labels, self.descending, self.cast = labels, descending, cast

    def _label(self, value: str) -> str:
        if callable(self.labels):
            return str(self.labels(value))
        if self.labels:
            return str(self.labels.get(value, value))
        return value

    def options(self, queryset):
        values = queryset.order_by().values_list(self.column, flat=True).distinct()
        ordered = sorted({str(v) for v in values if v not in (None, "")}, reverse=self.descending)
        return [(value, self._label(value)) for value in ordered]

    def filter(self, queryset, values):
        cast = []
        for value in values:
            try:
                cast.append(self.cast(value))
            except (TypeError, ValueError):
                continue
        return queryset.filter(**{f"{self.column}__in": cast})

    def counts(self, queryset):
        rows = queryset.order_by().values(self.column).annotate(n=Count("pk")).values_list(self.column, "n")
        return {str(value): n for value, n in rows if value not in (None, "")}


class QFacet(Facet):
    """Fixed values, each defined by a condition (``status=laufend`` → a date comparison)."""

    def __init__(self, name: str, label, conditions: Callable[[], Sequence[tuple[str, object, Q]]]):
        self.name, self.label, self.conditions = name, label, conditions

    def options(self, queryset):
        return [(value, str(label)) for value, label, _q in self.conditions()]

    def filter(self, queryset, values):
        wanted = set(values)
        condition = Q(pk__in=[])
        for value, _label, q in self.conditions():
            if value in wanted:
                condition |= q
        return queryset.filter(condition)

    def counts(self, queryset):
        aggregates = {f"c{i}": Count("pk", filter=q) for i, (_v, _l, q) in enumerate(self.conditions())}
        result = queryset.order_by().aggregate(**aggregates) if aggregates else {}
        return {value: result[f"c{i}"] for i, (value, _l, _q) in enumerate(self.conditions())}


@dataclass
class ListingResult:
    total: int
    queryset: QuerySet  #: every matching record, ordered
    facets: dict[str, list[FacetValue]]
    filters: dict[str, tuple[str, ...]]
    unknown: list[UnknownValue] = field(default_factory=list)


def normalise_query(value: str | None) -> str:
    return " ".join((value or "").split())[:MAX_QUERY_LENGTH]


def text_filter(queryset: QuerySet, q: str, fields: Sequence[str]) -> QuerySet:
    """Every word must occur in one of ``fields`` (case-insensitive substring); the platform search ranks."""
    for word in q.split():
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def run_listing(
    queryset: QuerySet,
    facets: Sequence[Facet],
    params: Mapping[str, Sequence[str]],
    *,
    q: str = "",
    search_fields: Sequence[str] = ("title",),
) -> ListingResult:
    """Filter ``queryset`` by the selected facet values and ``q``; count every facet's values."""
    base = text_filter(queryset, normalise_query(q), search_fields) if q else queryset
    filters: dict[str, tuple[str, ...]] = {}
    unknown: list[UnknownValue] = []
    options = {facet.name: facet.options(queryset) for facet in facets}
    for facet in facets:
        known = {value for value, _label in options[facet.name]}
        selected = []
        for value in list(params.get(facet.name, ()))[:MAX_VALUES_PER_FACET]:
            value = str(value).strip()
            if not value or value in selected:
                continue
            if value in known:
                selected.append(value)
            else:
                unknown.append(UnknownValue(facet.name, value))
        if selected:
            filters[facet.name] = tuple(selected)

    def filtered(exclude: str | None = None) -> QuerySet:
        result = base
        for facet in facets:
            if facet.name != exclude and facet.name in filters:
                result = facet.filter(result, filters[facet.name])
        return result

    counted = {}
    for facet in facets:
        counts = facet.counts(filtered(exclude=facet.name))
        selected = set(filters.get(facet.name, ()))
        counted[facet.name] = [
            FacetValue(value=value, label=label, count=counts.get(value, 0), selected=value in selected)
            for value, label in options[facet.name]
        ]
    matches = filtered()
    return ListingResult(total=matches.count(), queryset=matches, facets=counted, filters=filters, unknown=unknown)


# --- HTML list pages ------------------------------------------------------------------------------


def _short(value: str) -> str:
    return value if len(value) <= MAX_NOTICE_VALUE_LENGTH else value[: MAX_NOTICE_VALUE_LENGTH - 1] + "…"


@dataclass
class PageState:
    base_url: str
    facet_names: tuple[str, ...]
    filters: dict[str, tuple[str, ...]]
    q: str = ""
    page: int = 1

    def items(self, *, filters=None, q=None, page=None) -> list[tuple[str, str]]:
        filters = self.filters if filters is None else filters
        q = self.q if q is None else q
        page = self.page if page is None else page
        items = [("q", q)] if q else []
        for name in self.facet_names:
            items.extend((name, value) for value in filters.get(name, ()))
        if page > 1:
            items.append(("page", str(page)))
        return items

    def url(self, **changes) -> str:
        query = urlencode(self.items(**changes))
        return f"{self.base_url}?{query}" if query else self.base_url

    def without(self, name: str, value: str) -> str:
        filters = {k: tuple(v for v in vs if not (k == name and v == value)) for k, vs in self.filters.items()}
        return self.url(filters=filters, page=1)


def listing_page_context(
    request,
    *,
    queryset: QuerySet,
    facets: Sequence[Facet],
    base_url: str,
    page_size: int = 20,
    search_fields: Sequence[str] = ("title",),
    heading: Callable[[int], str] | None = None,
) -> dict:
    """Everything a faceted list template needs.

    The templates: ``research/includes/listing_filters.html``, ``research/includes/listing_status.html``
    and ``includes/pagination.html``.
    """
    params = {facet.name: request.GET.getlist(facet.name) for facet in facets}
    q = normalise_query(request.GET.get("q"))
    result = run_listing(queryset, facets, params, q=q, search_fields=search_fields)
    labels = {facet.name: facet.label for facet in facets}
    notices = [
        _("Der Filterwert „%(value)s“ für „%(facet)s“ ist unbekannt und wurde ignoriert.")
        % {"value": _short(item.value), "facet": labels[item.field]}
        for item in result.unknown
    ]
    raw_page = (request.GET.get("page") or "1").strip()
    page_number = int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 0
    if page_number < 1:
        notices.append(
            _("Die Seitenangabe „%(value)s“ ist ungültig; angezeigt wird Seite 1.") % {"value": _short(raw_page)}
        )
        page_number = 1
    paginator = Paginator(result.queryset, page_size)
    pages = max(1, paginator.num_pages)
    if page_number > pages:
        notices.append(
            _("Seite %(page)s gibt es nicht; angezeigt wird Seite %(last)s.") % {"page": page_number, "last": pages}
        )
        page_number = pages
    state = PageState(
        base_url=base_url, facet_names=tuple(f.name for f in facets), filters=result.filters, q=q, page=page_number
    )
    page_obj = paginator.page(page_number) if result.total else None
    items = list(page_obj.object_list) if page_obj else []

    groups = facet_groups(result.facets, [(facet.name, facet.label) for facet in facets])
    value_labels = {(name, v.value): v.label for name, values in result.facets.items() for v in values}
    active = []
    if q:
        active.append({"facet": _("Suche"), "label": q, "remove_url": state.url(q="", page=1)})
    for facet in facets:
        for value in result.filters.get(facet.name, ()):
            active.append(
                {
                    "facet": facet.label,
                    "label": value_labels.get((facet.name, value), value),
                    "remove_url": state.without(facet.name, value),
                }
            )
    return {
        "items": items,
        "total": result.total,
        "total_heading": heading(result.total) if heading else str(result.total),
        "has_demo": any(getattr(item, "is_demo", False) for item in items),
        "state": state,
        "notices": notices,
        "facet_groups": groups,
        "active_filters": active,
        "hidden_filters": state.items(q="", page=1),
        "reset_url": state.url(filters={}, q="", page=1),
        "page": page_number,
        "pages": pages,
        **page_navigation(lambda number: state.url(page=number), page_number, pages),
        "first_result": (page_number - 1) * page_size + 1 if result.total else 0,
        "last_result": (page_number - 1) * page_size + len(items),
    }
