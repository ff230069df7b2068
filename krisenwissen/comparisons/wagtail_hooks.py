from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CrisisStaffArrangement


class CrisisStaffArrangementViewSet(SnippetViewSet):
    model = CrisisStaffArrangement
    icon = "list-ul"
    menu_label = _("Krisenstäbe der Länder")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["land", "title", "is_demo", "live"]
    list_filter = ["live", "is_demo"]
    search_fields = ["title", "land"]


register_snippet(CrisisStaffArrangementViewSet)
