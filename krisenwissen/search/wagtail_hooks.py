from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    """The thesaurus: editors add, change and switch off synonym groups; searches use them at once."""

    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Thesaurus")
    list_display = ["__str__", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["variants", "note"]
    list_per_page = 100


register_snippet(SynonymGroupViewSet)
