from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import admin_views
from .models import Practice


class PracticeIndexView(IndexView):
    """The snippet listing, with a button to the import next to "Add"."""

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(admin_views.PERMISSION):
            buttons.append(
                HeaderButton(_("Importieren"), url=reverse("practices_import:upload"), icon_name="upload", priority=20)
            )
        return buttons


class PracticeViewSet(SnippetViewSet):
    model = Practice
    icon = "doc-full"
    menu_label = _("Praxisbeispiele")
    menu_order = 200
    add_to_admin_menu = True
    index_view_class = PracticeIndexView
    list_display = ["title", "municipality", "start_year", "is_demo", "live"]
    list_filter = ["live", "language", "is_demo", "themes", "crisis_types"]
    search_fields = ["title", "summary"]
    list_per_page = 50


register_snippet(PracticeViewSet)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path(
            "praxisbeispiele/import/",
            include((admin_views.get_admin_urls(), "practices_import"), namespace="practices_import"),
        )
    ]
