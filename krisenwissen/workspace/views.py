"""Workspace pages: my workspaces, the dashboard, and the admin pages (members, invitations,
settings, audit log, data export, deletion). Every view goes through ``workspace_view``."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, gdpr, services, throttle, twofactor
from .access import mark_private, workspace_view
from .forms import DeleteWorkspaceForm, InvitationForm, MembershipForm, WorkspaceSettingsForm
from .models import AuditEvent, Invitation, Membership, Role

AUDIT_PAGE_SIZE = 50


def home(request):
    """My workspaces; for a visitor, what the Reflexionsraum is and where to log in."""
    memberships = []
    if request.user.is_authenticated:
        memberships = (
            Membership.objects.filter(user=request.user)
            .select_related("workspace", "workspace__place")
            .order_by("workspace__name")
        )
    return mark_private(render(request, "workspace/home.html", {"memberships": memberships}))


@workspace_view()
def dashboard(request, membership):
    workspace = membership.workspace
    context = {
        "membership": membership,
        "workspace": workspace,
        "member_count": workspace.memberships.count(),
        "needs_two_factor": membership.role == Role.ADMIN and not twofactor.has_two_factor(request.user),
    }
    if membership.has_role(Role.ADMIN):
        context["pending_invitations"] = workspace.invitations.pending().count()
        context["recent_events"] = workspace.audit_events.all()[:5]
    return render(request, "workspace/dashboard.html", context)


@workspace_view(Role.ADMIN)
def members(request, membership):
    workspace = membership.workspace
    rows = (
        workspace.memberships.select_related("user")
        .annotate(has_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("user"), confirmed=True)))
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    return render(
        request,
        "workspace/members.html",
        {"membership": membership, "workspace": workspace, "rows": rows, "roles": Role.choices},
    )


@workspace_view(Role.ADMIN)
def member_edit(request, membership, member):
    target = get_object_or_404(Membership.objects.select_related("user"), pk=member, workspace=membership.workspace)
    form = MembershipForm(request.POST if request.method == "POST" else None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership(
                target,
                role=form.cleaned_data["role"],
                department=form.cleaned_data["department"],
                actor=request.user,
                request=request,
            )
        except services.MembershipError as error:
            form = MembershipForm(request.POST, instance=Membership.objects.get(pk=target.pk))
            form.is_valid()
            form.add_error("role", str(error))
        else:
            messages.success(
                request,
                _("Die Mitgliedschaft von %(person)s wurde geändert.") % {"person": audit.actor_label(target.user)},
            )
            return redirect("workspace:members", workspace=membership.workspace.slug)
    return render(
        request,
        "workspace/member_edit.html",
        {"membership": membership, "workspace": membership.workspace, "target": target, "form": form},
    )


@workspace_view(Role.ADMIN)
def member_remove(request, membership, member):
    target = get_object_or_404(Membership.objects.select_related("user"), pk=member, workspace=membership.workspace)
    error = None
    if request.method == "POST":
        try:
            services.remove_member(target, actor=request.user, request=request)
        except services.MembershipError as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                _("%(person)s wurde aus dem Arbeitsbereich entfernt.") % {"person": audit.actor_label(target.user)},
            )
            if target.user_id == request.user.pk:
                return redirect("workspace:home")
            return redirect("workspace:members", workspace=membership.workspace.slug)
    return render(
        request,
        "workspace/member_remove.html",
        {"membership": membership, "workspace": membership.workspace, "target": target, "error": error},
        status=409 if error else 200,
    )


@workspace_view(Role.ADMIN)
@throttle.rate_limit("invitation-create", rate="30/h", key="user")
def invitations(request, membership):
    workspace = membership.workspace
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                workspace,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                department=form.cleaned_data["department"],
                invited_by=request.user,
                request=request,
            )
        except services.MembershipError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request, _("Die Einladung an %(email)s ist verschickt.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("workspace:invitations", workspace=workspace.slug)
    return render(
        request,
        "workspace/invitations.html",
        {
            "membership": membership,
            "workspace": workspace,
            "form": form,
            "invitations": workspace.invitations.select_related("invited_by").all()[:200],
            "max_age": settings.WORKSPACE_INVITATION_MAX_AGE_DAYS,
        },
    )


@workspace_view(Role.ADMIN)
def invitation_revoke(request, membership, invitation):
    target = get_object_or_404(Invitation, pk=invitation, workspace=membership.workspace)
    error = None
    if request.method == "POST":
        try:
            services.revoke(target, request.user, request=request)
        except services.MembershipError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Die Einladung an %(email)s ist widerrufen.") % {"email": target.email})
            return redirect("workspace:invitations", workspace=membership.workspace.slug)
    return render(
        request,
        "workspace/invitation_revoke.html",
        {"membership": membership, "workspace": membership.workspace, "target": target, "error": error},
        status=409 if error else 200,
    )


@workspace_view(Role.ADMIN)
def settings_view(request, membership):
    workspace = membership.workspace
    form = WorkspaceSettingsForm(request.POST if request.method == "POST" else None, instance=workspace)
    if request.method == "POST" and form.is_valid():
        changed = [str(form.fields[name].label) for name in form.changed_data]
        form.save()
        if changed:
            audit.record(
                AuditEvent.Action.SETTINGS_CHANGED,
                workspace=workspace,
                actor=request.user,
                summary=_("Geändert: %(fields)s") % {"fields": ", ".join(changed)},
                request=request,
            )
        messages.success(request, _("Die Einstellungen sind gespeichert."))
        return redirect("workspace:settings", workspace=workspace.slug)
    return render(request, "workspace/settings.html", {"membership": membership, "workspace": workspace, "form": form})


@workspace_view(Role.ADMIN)
def audit_log(request, membership):
    workspace = membership.workspace
    events = workspace.audit_events.all()
    action = request.GET.get("action", "")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    else:
        action = ""
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workspace/audit_log.html",
        {
            "membership": membership,
            "workspace": workspace,
            "page": page,
            "actions": AuditEvent.Action.choices,
            "action": action,
        },
    )


@workspace_view(Role.ADMIN)
@throttle.rate_limit("export", rate="10/h", key="user")
def export(request, membership):
    workspace = membership.workspace
    if request.method == "POST":
        payload = gdpr.export_json(workspace, actor=request.user, request=request)
        response = HttpResponse(payload, content_type="application/json; charset=utf-8")
        filename = f"reflexionsraum-{workspace.slug}-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "workspace/export.html", {"membership": membership, "workspace": workspace})


@workspace_view(Role.ADMIN)
def delete(request, membership):
    workspace = membership.workspace
    form = DeleteWorkspaceForm(request.POST if request.method == "POST" else None, workspace=workspace)
    if request.method == "POST" and form.is_valid():
        name = workspace.name
        try:
            gdpr.delete_workspace(workspace, actor=request.user, request=request)
        except gdpr.DeletionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Der Arbeitsbereich „%(name)s“ und alle seine Daten sind gelöscht.") % {"name": name}
            )
            return redirect("workspace:home")
    counts = {model._meta.verbose_name_plural: len(rows) for model, rows in gdpr.owned_objects(workspace).items()}
    return render(
        request,
        "workspace/delete.html",
        {"membership": membership, "workspace": workspace, "form": form, "counts": counts},
    )
