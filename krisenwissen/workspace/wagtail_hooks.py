"""Platform administration of workspaces in the CMS: metadata only.

Platform administrators (superusers, or a group given the workspace permissions on purpose) create a
workspace for a municipality from the registry and invite its first admin. The CMS shows name,
municipality and member count — never reflections, cards or assessments: no model of the
reflection or assessment apps is registered in the CMS. Editors of the public platform have no
workspace permissions, so they do not even see the menu item.
"""

import contextlib

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from . import audit, gdpr, services
from .models import AuditEvent, Role, Workspace


class WorkspaceAdminForm(WagtailAdminModelForm):
    admin_email = forms.EmailField(
        label=_("Administration einladen"),
        required=False,
        help_text=_("E-Mail-Adresse einer Person, die den Arbeitsbereich verwalten soll; sie erhält eine Einladung."),
    )


class WorkspaceCreateView(CreateView):
    def save_instance(self):
        workspace = super().save_instance()
        audit.record(
            AuditEvent.Action.WORKSPACE_CREATED,
            workspace=workspace,
            actor=self.request.user,
            summary=str(workspace.place),
        )
        self._invite(workspace)
        return workspace

    def _invite(self, workspace):
        email = self.form.cleaned_data.get("admin_email")
        if email:
            # already a member: nothing to send
            with contextlib.suppress(services.MembershipError):
                services.invite(workspace, email, Role.ADMIN, invited_by=self.request.user, request=self.request)


class WorkspaceEditView(EditView):
    def save_instance(self):
        workspace = super().save_instance()
        WorkspaceCreateView._invite(self, workspace)
        return workspace


class WorkspaceDeleteView(DeleteView):
    """Deleting in the CMS goes through the same GDPR deletion as in the workspace (rows, files, log)."""

    def delete_action(self):
        gdpr.delete_workspace(self.object, actor=self.request.user, request=self.request)


class WorkspaceViewSet(ModelViewSet):
    model = Workspace
    icon = "group"
    menu_label = _("Arbeitsbereiche")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["name", "place", "member_count", "is_demo", "created_at"]
    list_filter = ["is_demo", "peer_comparison_opt_in"]
    search_fields = ["name", "slug"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_view_class = WorkspaceCreateView
    edit_view_class = WorkspaceEditView
    delete_view_class = WorkspaceDeleteView
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("place"),
            FieldPanel("is_demo"),
            FieldPanel("admin_email"),
        ],
        base_form_class=WorkspaceAdminForm,
    )


@hooks.register("register_admin_viewset")
def register_workspace_viewset():
    return WorkspaceViewSet("workspaces")
