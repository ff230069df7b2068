from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Practice


class PracticeViewSet(SnippetViewSet):
    model = Practice
    icon = "doc-full"
    menu_label = _("Praxisbeispiele")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "municipality", "start_year", "is_demo", "live"]
    list_filter = ["live", "language", "is_demo", "themes", "crisis_types"]
    search_fields = ["title", "summary"]
    list_per_page = 50


register_snippet(PracticeViewSet)
