from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ResearchProject


class ResearchProjectViewSet(SnippetViewSet):
    model = ResearchProject
    icon = "site"
    menu_label = _("Forschungsprojekte")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "acronym", "funder", "start_date", "is_demo", "live"]
    list_filter = ["live", "is_demo", "themes"]
    search_fields = ["title", "acronym", "summary"]
    list_per_page = 50


register_snippet(ResearchProjectViewSet)
