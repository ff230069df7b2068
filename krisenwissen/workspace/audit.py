"""The audit log of the Reflexionsraum: who did what, when.

Views call :func:`record` for every change that matters (membership and role changes, invitations,
exports, deletions); logins, logouts and failed logins are recorded from Django's auth signals,
so a login through the CMS counts too. Other apps record their own deletions and exports with
``audit.record(AuditEvent.Action.DELETED, workspace=..., actor=request.user, summary=..., request=request)``.
"""

import ipaddress

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent, Membership

Action = AuditEvent.Action


def client_ip(request) -> str | None:
    """The client's address as the web server passed it (``REMOTE_ADDR``; a reverse proxy must set it)."""
    if request is None:
        return None
    value = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def actor_label(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    name = user.get_full_name().strip()
    email = user.email or user.get_username()
    return f"{name} <{email}>" if name else email


def record(action: str, *, workspace=None, actor=None, summary: str = "", request=None, with_ip: bool = False):
    """Write one audit event. ``with_ip`` stores the client address (only for login security events)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        workspace=workspace,
        actor=actor,
        actor_label=actor_label(actor)[:200],
        action=action,
        summary=summary[:500],
        ip_address=client_ip(request) if with_ip else None,
    )


def record_for_account(action: str, user, *, summary: str = "", request=None, with_ip: bool = False) -> int:
    """An account-level event (login, 2FA change) goes into the log of every workspace the person
    belongs to, so each workspace's admins see it; without a membership it is kept platform-internal."""
    workspace_ids = list(Membership.objects.filter(user=user).values_list("workspace_id", flat=True))
    label = actor_label(user)[:200]
    ip = client_ip(request) if with_ip else None
    events = [
        AuditEvent(workspace_id=ws, actor=user, actor_label=label, action=action, summary=summary[:500], ip_address=ip)
        for ws in workspace_ids or [None]
    ]
    AuditEvent.objects.bulk_create(events)
    return len(events)


def find_account(username: str):
    """The account a login name or e-mail address refers to, or ``None``."""
    if not username:
        return None
    user_model = get_user_model()
    user = user_model._default_manager.filter(**{f"{user_model.USERNAME_FIELD}__iexact": username}).first()
    if user is None and "@" in username:
        matches = list(user_model._default_manager.filter(email__iexact=username)[:2])
        user = matches[0] if len(matches) == 1 else None
    return user


@receiver(user_logged_in, dispatch_uid="workspace_audit_login")
def _on_login(sender, request, user, **kwargs):
    record_for_account(Action.LOGIN, user, request=request)


@receiver(user_logged_out, dispatch_uid="workspace_audit_logout")
def _on_logout(sender, request, user, **kwargs):
    if user is not None and user.pk is not None:
        record_for_account(Action.LOGOUT, user, request=request)


@receiver(user_login_failed, dispatch_uid="workspace_audit_login_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    user = find_account(username)
    if user is None:
        record(Action.LOGIN_FAILED, summary=f"Unbekannter Anmeldename „{username}“", request=request, with_ip=True)
    else:
        record_for_account(Action.LOGIN_FAILED, user, summary="Falsches Passwort", request=request, with_ip=True)
