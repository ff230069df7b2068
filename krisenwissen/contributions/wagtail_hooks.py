"""CMS integration: the list of submissions with their history, and the dashboard panel of
practices due for review."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from . import freshness
from .models import Submission

PANEL_LIMIT = 15


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "mail"
    menu_label = _("Einreichungen")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["__str__", "status", "place", "submitter_email", "created_at"]
    list_filter = ["status"]
    search_fields = ["submitter_name", "submitter_email"]
    inspect_view_enabled = True
    inspect_template_name = "contributions/admin/submission_inspect.html"
    form_fields = ["editor_comment"]
    list_per_page = 50


submission_viewset = SubmissionViewSet("submissions")


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return submission_viewset


class ReviewDuePanel(Component):
    """Practices whose "review by" date has passed or comes within a month."""

    name = "review_due"
    order = 150
    template_name = "contributions/admin/review_due_panel.html"

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        due = freshness.due_for_review(today)
        items = [
            {
                "practice": practice,
                "overdue": practice.review_by < today,
                "edit_url": reverse("wagtailsnippets_practices_practice:edit", args=[practice.pk]),
            }
            for practice in due[:PANEL_LIMIT]
        ]
        return {"items": items, "total": due.count(), "limit": PANEL_LIMIT, "days": freshness.DUE_SOON_DAYS}


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if request.user.has_perm("practices.change_practice"):
        panels.append(ReviewDuePanel())
