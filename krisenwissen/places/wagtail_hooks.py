from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Place


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Kommunen")
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["name", "official_kind", "state", "country", "population", "size_class"]
    list_filter = ["level", "country", "size_class"]
    search_fields = ["name", "ags"]
    list_per_page = 50


register_snippet(PlaceViewSet)
