from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Place
from .names import name_key


class PlaceSearchFilterForm(BaseFilterForm):
    """Chooser search by name or AGS on the table itself.

    The registry is bulk-loaded, which bypasses Wagtail's search index, so the default chooser
    search (through the index) would find none of the 11,700 Gemeinden and Kreise.
    """

    q = forms.CharField(
        label=_("Suche"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name oder AGS")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        key = name_key(query)
        if key:
            objects = objects.filter(Q(name_key__contains=key) | Q(ags=query))
            self.is_searching = True
            self.search_query = query
        return objects


class PlaceChooseView(ChooseView):
    filter_form_class = PlaceSearchFilterForm


class PlaceChooseResultsView(ChooseResultsView):
    filter_form_class = PlaceSearchFilterForm


class PlaceChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PlaceChooseView
    choose_results_view_class = PlaceChooseResultsView


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Kommunen")
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["name", "official_kind", "state", "country", "population", "size_class"]
    list_filter = ["level", "country", "size_class"]
    search_fields = ["name", "ags"]
    # The registry is bulk-loaded, which bypasses the search index; search the table directly.
    search_backend_name = None
    list_per_page = 50
    chooser_viewset_class = PlaceChooserViewSet


register_snippet(PlaceViewSet)
