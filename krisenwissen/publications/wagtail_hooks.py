from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Publication


class PublicationViewSet(SnippetViewSet):
    model = Publication
    icon = "doc-full-inverse"
    menu_label = _("Publikationen")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["title", "authors", "year", "kind", "is_demo", "live"]
    list_filter = ["live", "is_demo", "kind", "year"]
    search_fields = ["title", "authors", "abstract"]


register_snippet(PublicationViewSet)
