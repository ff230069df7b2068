from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Event, NewsItem, TrainingOffer


class NewsItemViewSet(SnippetViewSet):
    model = NewsItem
    icon = "doc-full"
    menu_label = _("Meldungen")
    list_display = ["title", "date", "is_demo", "live"]
    list_filter = ["live", "is_demo"]
    search_fields = ["title", "teaser"]


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Termine")
    list_display = ["title", "start_date", "format", "city", "is_demo", "live"]
    list_filter = ["live", "is_demo", "format"]
    search_fields = ["title", "teaser", "city"]


class TrainingOfferViewSet(SnippetViewSet):
    model = TrainingOffer
    icon = "group"
    menu_label = _("Fortbildungen")
    list_display = ["title", "provider", "duration", "is_demo", "live"]
    list_filter = ["live", "is_demo", "format", "audiences"]
    search_fields = ["title", "summary", "provider"]


class NewsGroup(SnippetViewSetGroup):
    items = (NewsItemViewSet, EventViewSet, TrainingOfferViewSet)
    menu_icon = "date"
    menu_label = _("Aktuelles und Termine")
    menu_order = 220


register_snippet(NewsGroup)
