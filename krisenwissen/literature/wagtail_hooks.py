from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import admin_views
from .models import Literature


class LiteratureIndexView(IndexView):
    """The snippet listing, with a button to the import next to "Add"."""

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(admin_views.PERMISSION):
            buttons.append(
                HeaderButton(_("Importieren"), url=reverse("literature_import:upload"), icon_name="upload", priority=20)
            )
        return buttons


class LiteratureViewSet(SnippetViewSet):
    model = Literature
    icon = "doc-full-inverse"
    menu_label = _("Literatur")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = LiteratureIndexView
    list_display = ["title", "csl_type", "year", "is_demo", "live"]
    list_filter = ["live", "csl_type", "document_category", "is_demo", "crisis_types"]
    search_fields = ["title", "container_title", "doi"]
    search_backend_name = None
    list_per_page = 50


register_snippet(LiteratureViewSet)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path(
            "literatur/import/",
            include((admin_views.get_admin_urls(), "literature_import"), namespace="literature_import"),
        )
    ]
