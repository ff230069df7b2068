from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Actor, CrisisType, InnovationType, Lever, Maturity, Origin, Phase, TargetGroup, Theme


def term_viewset(term_model, icon="tag", extra_list=()):
    return type(
        f"{term_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": term_model,
            "icon": icon,
            "list_display": [*extra_list, "name_de", "name_en", "slug", "sort_order"],
            "search_fields": ["name_de", "name_en", "slug"],
        },
    )


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomie")
    menu_icon = "tag"
    menu_order = 300
    items = [
        term_viewset(Theme, icon="folder-open-inverse"),
        term_viewset(CrisisType, icon="warning"),
        term_viewset(Phase, icon="time"),
        term_viewset(InnovationType),
        term_viewset(Origin),
        term_viewset(Maturity),
        term_viewset(Actor, icon="group"),
        term_viewset(TargetGroup, icon="user"),
        term_viewset(Lever, icon="cogs", extra_list=("number",)),
    ]


register_snippet(TaxonomyGroup)
