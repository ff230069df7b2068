from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Interview


class InterviewViewSet(SnippetViewSet):
    model = Interview
    icon = "media"
    menu_label = _("Interviews")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["title", "interviewee_name", "recorded_on", "is_demo", "live"]
    list_filter = ["live", "is_demo", "themes"]
    search_fields = ["title", "interviewee_name", "summary"]


register_snippet(InterviewViewSet)
