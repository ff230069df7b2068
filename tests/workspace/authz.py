"""The workspace app's own routes for the authorization matrix (see ``authz_registry.py``)."""

from datetime import timedelta

from django.utils import timezone

from tests.workspace.authz_registry import RouteSpec, register

W = "workspace:"
BOTH = ("GET", "POST")

ROUTES = {
    # Account pages: outside any workspace; checked for "no 500, no foreign canary".
    f"{W}login": RouteSpec(None, methods=BOTH),
    f"{W}verify_2fa": RouteSpec(None, methods=BOTH),
    f"{W}logout": RouteSpec(None, methods=("GET",)),
    f"{W}account": RouteSpec(None, methods=BOTH),
    f"{W}setup_2fa": RouteSpec(None, methods=BOTH),
    f"{W}disable_2fa": RouteSpec(None, methods=BOTH),
    f"{W}recovery_codes": RouteSpec(None, methods=BOTH),
    f"{W}account_delete": RouteSpec(None, methods=BOTH),
    f"{W}password_change": RouteSpec(None, methods=BOTH),
    f"{W}password_reset": RouteSpec(None, methods=BOTH),
    f"{W}password_reset_done": RouteSpec(None),
    f"{W}password_reset_confirm": RouteSpec(None, methods=BOTH, extra_kwargs=(("uidb64", "MQ"), ("token", "abc-123"))),
    f"{W}password_reset_complete": RouteSpec(None),
    f"{W}invitation_accept": RouteSpec(None, methods=BOTH, extra_kwargs=(("token", "x" * 43),)),
    f"{W}home": RouteSpec(None),
    # Inside a workspace.
    f"{W}dashboard": RouteSpec("reader"),
    f"{W}members": RouteSpec("admin"),
    f"{W}member_edit": RouteSpec("admin", ("member",), methods=BOTH),
    f"{W}member_remove": RouteSpec("admin", ("member",), methods=BOTH),
    f"{W}invitations": RouteSpec("admin", methods=BOTH),
    f"{W}invitation_revoke": RouteSpec("admin", ("invitation",), methods=BOTH),
    f"{W}settings": RouteSpec("admin", methods=BOTH),
    f"{W}audit": RouteSpec("admin"),
    f"{W}export": RouteSpec("admin", methods=BOTH),
    f"{W}delete": RouteSpec("admin", methods=BOTH),
}


def populate(workspace, canary: str) -> dict:
    """A member whose department, an invitation whose address and an audit entry whose text carry ``canary``."""
    from django.contrib.auth import get_user_model

    from krisenwissen.workspace.models import AuditEvent, Invitation, Membership

    person = get_user_model().objects.create_user(f"{canary}-person@example.org", f"{canary}-person@example.org")
    member = Membership.objects.create(workspace=workspace, user=person, role="member", department=f"Amt {canary}")
    invitation, _token = Invitation.new(
        workspace, f"{canary}-einladung@example.org", "member", department=f"Amt {canary}"
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + timedelta(days=3))
    AuditEvent.objects.create(
        workspace=workspace, action=AuditEvent.Action.SETTINGS_CHANGED, summary=f"Eintrag {canary}"
    )
    return {"member": member.pk, "invitation": invitation.pk}


register(ROUTES, populate)
