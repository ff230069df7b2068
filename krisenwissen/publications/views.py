"""Public pages of the team's publications: the faceted list and the detail page."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from krisenwissen.research.listing import ChoiceFacet, TermFacet, listing_page_context
from krisenwissen.taxonomy.models import Lever, Theme

from .models import Publication, PublicationKind

PAGE_SIZE = 20


def _kind_label(value):
    return PublicationKind(value).label if value in PublicationKind.values else value


def facets():
    return [
        ChoiceFacet("kind", gettext_lazy("Art"), "kind", labels=_kind_label),
        ChoiceFacet("year", gettext_lazy("Jahr"), "year", descending=True, cast=int),
        TermFacet("themes", gettext_lazy("Schwerpunktthemen"), "themes", Theme),
        TermFacet("stellschrauben", gettext_lazy("Stellschrauben"), "levers", Lever, label_attr="short_name"),
    ]


def publication_list(request):
    context = listing_page_context(
        request,
        queryset=Publication.objects.public().select_related("document"),
        facets=facets(),
        base_url=reverse("publications:list"),
        page_size=PAGE_SIZE,
        search_fields=("title", "subtitle", "authors", "abstract"),
        heading=lambda n: ngettext("%(count)s Publikation", "%(count)s Publikationen", n) % {"count": n},
    )
    return render(request, "publications/publication_list.html", context)


def publication_detail(request, slug):
    publication = Publication.objects.public().select_related("document").filter(slug=slug).first()
    if publication is None:
        raise Http404(_("Diese Publikation gibt es nicht oder sie ist nicht veröffentlicht."))
    return render(request, "publications/publication.html", {"publication": publication})
