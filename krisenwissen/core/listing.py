"""What every faceted list page shares: the facet checkboxes, the facet groups and the page links.

The practice list, the literature list, the search results and the listings of research
projects, news, events, training offers and publications all render the same filter form
(``practices/includes/facet.html``) and the same page navigation (``includes/pagination.html``);
these functions build the context those templates read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

#: Values shown per facet before the rest folds into "n weitere Werte".
FACET_VISIBLE_VALUES = 8


class FacetValue(Protocol):
    value: str
    label: str
    count: int
    selected: bool


def hits_label(count: int) -> str:
    """ "Treffer" for screen readers after a facet count, singular or plural as the language needs."""
    return escape(ngettext("Treffer", "Treffer", count))


def facet_options(name: str, values: Iterable[FacetValue]) -> SafeString:
    """The ``<li>`` checkboxes of one facet.

    Built here rather than in a template loop: the practice list has over a hundred of them, and
    the template engine would spend more time on them than the whole facet search takes.
    """
    return mark_safe(  # noqa: S308 - every interpolated value is escaped
        "".join(
            f'<li><label><input type="checkbox" name="{name}" value="{escape(value.value)}"'
            f"{' checked' if value.selected else ''}> <span>{escape(value.label)} "
            f'<span class="facet__count">({value.count}'
            f'<span class="visually-hidden"> {hits_label(value.count)}</span>)</span>'
            "</span></label></li>"
            for value in values
        )
    )


def facet_groups(facets: Mapping[str, Sequence[FacetValue]], legends: Iterable[tuple[str, str]]) -> list[dict]:
    """The groups of the filter form, in the order of ``legends`` (facet name, legend).

    A group shows the values with results plus the selected ones even at zero (so a selection
    can always be undone); a facet without any such value is left out.
    """
    groups = []
    for name, legend in legends:
        values = [value for value in facets.get(name, ()) if value.count or value.selected]
        if not values:
            continue
        visible, more = values[:FACET_VISIBLE_VALUES], values[FACET_VISIBLE_VALUES:]
        groups.append(
            {
                "name": name,
                "legend": legend,
                "visible": facet_options(name, visible),
                "more": facet_options(name, more) if more else "",
                "more_open": any(value.selected for value in more),
                "more_label": ngettext("%(count)s weiterer Wert", "%(count)s weitere Werte", len(more))
                % {"count": len(more)},
            }
        )
    return groups


def page_navigation(url_for_page: Callable[[int], str], page: int, pages: int) -> dict:
    """``page_links``, ``previous_url`` and ``next_url`` for ``includes/pagination.html``.

    The links are the first and last page and two on either side of the current one, with a
    gap (``None``) where numbers are skipped: 1 … 4 5 [6] 7 8 … 20.
    """
    links: list[dict | None] = []
    if pages > 1:
        previous = 0
        for number in sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)}):
            if number - previous > 1:
                links.append(None)
            links.append({"number": number, "url": url_for_page(number), "current": number == page})
            previous = number
    return {
        "page_links": links,
        "previous_url": url_for_page(page - 1) if page > 1 else "",
        "next_url": url_for_page(page + 1) if page < pages else "",
    }
