"""RSS and Atom feeds of new and updated practices: all, per theme, per crisis type, per Land.

A practice that is changed after publication appears again, as "Aktualisiert: …", with its own
``guid``/``id`` (the address plus the change time): feed readers show it as a new entry, which
is what someone following a theme wants to see. Unpublished practices never appear.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from krisenwissen.places.models import Place
from krisenwissen.places.names import german_slugify
from krisenwissen.practices.models import Practice
from krisenwissen.taxonomy.models import CrisisType, Theme

FEED_ITEMS = 50
#: A practice changed this long after it was created counts as "updated" in the feed.
UPDATE_GRACE_SECONDS = 3600


def state_for_slug(slug: str) -> str | None:
    """The Land (``Place.state``) whose slug is ``slug``, among the Länder practices are in."""
    states = Practice.objects.public().values_list("municipality__state", flat=True).distinct()
    for state in states:
        if state and german_slugify(state) == slug:
            return state
    for state in Place.objects.filter(country="DE").values_list("state", flat=True).distinct():
        if state and german_slugify(state) == slug:
            return state
    return None


class PracticeFeed(Feed):
    """RSS 2.0; :class:`PracticeAtomFeed` is the same list as Atom 1.0."""

    description_template = None

    def get_object(self, request, kind: str = "", slug: str = ""):
        self.request = request
        if not kind:
            return None
        if kind == "thema":
            term = Theme.objects.filter(slug=slug).first()
        elif kind == "krisenart":
            term = CrisisType.objects.filter(slug=slug).first()
        elif kind == "land":
            state = state_for_slug(slug)
            term = ("land", state) if state else None
        else:
            term = None
        if term is None:
            raise Http404(_("Diesen Feed gibt es nicht."))
        return (kind, term)

    def title(self, obj):
        if obj is None:
            return _("Krisenwissen: neue und geänderte Praxisbeispiele")
        return _("Krisenwissen: Praxisbeispiele – %(filter)s") % {"filter": self._filter_label(obj)}

    def _filter_label(self, obj) -> str:
        kind, term = obj
        if kind == "land":
            return term[1]
        return term.name_de

    def link(self, obj):
        base = reverse("practices:list")
        if obj is None:
            return base
        kind, term = obj
        param = {"thema": "themes", "krisenart": "crisis_types", "land": "state"}[kind]
        value = term[1] if kind == "land" else term.slug
        from urllib.parse import urlencode

        return f"{base}?{urlencode({param: value})}"

    def description(self, obj):
        return _("Die zuletzt veröffentlichten oder geänderten Praxisbeispiele aus dem kommunalen Krisenmanagement.")

    def feed_copyright(self):
        from .licences import content_licence

        licence, operator = content_licence()
        return f"{operator}, {licence.label} ({licence.url})"

    def items(self, obj):
        queryset = Practice.objects.public().select_related("municipality")
        if obj is not None:
            kind, term = obj
            if kind == "thema":
                queryset = queryset.filter(themes=term)
            elif kind == "krisenart":
                queryset = queryset.filter(crisis_types=term)
            else:
                queryset = queryset.filter(municipality__state=term[1])
        return queryset.order_by("-updated_at", "-pk")[:FEED_ITEMS]

    def _is_update(self, practice) -> bool:
        return (practice.updated_at - practice.created_at).total_seconds() > UPDATE_GRACE_SECONDS

    def item_title(self, practice):
        title = practice.title
        if practice.is_demo:
            title = f"[{_('Demo')}] {title}"
        if self._is_update(practice):
            return _("Aktualisiert: %(title)s") % {"title": title}
        return title

    def item_description(self, practice):
        return f"{practice.summary} ({practice.municipality_display}, {practice.municipality.state})"

    def item_link(self, practice):
        return practice.get_absolute_url()

    def item_guid(self, practice):
        return self.request.build_absolute_uri(practice.get_absolute_url()) + "#" + practice.updated_at.isoformat()

    item_guid_is_permalink = False

    def item_pubdate(self, practice):
        return practice.updated_at

    def item_updateddate(self, practice):
        return practice.updated_at

    def item_categories(self, practice):
        return [term.name_de for term in practice.themes.all()]


class PracticeAtomFeed(PracticeFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
