from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Survey


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "table"
    menu_label = _("Befragungen")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["title", "wave", "responses", "population_size", "participation_is_real", "live"]
    list_filter = ["live", "is_demo", "participation_is_real"]
    search_fields = ["title", "summary"]


register_snippet(SurveyViewSet)
