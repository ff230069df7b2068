"""Multi-step operations on memberships and invitations; views stay thin and call these."""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .models import AuditEvent, Invitation, Membership, Role, Workspace, hash_token

Action = AuditEvent.Action


class MembershipError(Exception):
    """A change that would break a rule (e.g. leave a workspace without admin); the message is German."""


def invite(
    workspace: Workspace, email: str, role: str, *, invited_by=None, department: str = "", request=None
) -> Invitation:
    """Create an invitation (revoking an older open one for the same address) and e-mail the link."""
    email = email.strip().lower()
    if Membership.objects.filter(workspace=workspace, user__email__iexact=email).exists():
        raise MembershipError(_("%(email)s ist bereits Mitglied dieses Arbeitsbereichs.") % {"email": email})
    with transaction.atomic():
        Invitation.objects.pending().filter(workspace=workspace, email=email).update(revoked_at=timezone.now())
        invitation, token = Invitation.new(workspace, email, role, invited_by=invited_by, department=department)
        audit.record(
            Action.INVITATION_SENT,
            workspace=workspace,
            actor=invited_by,
            summary=_("%(email)s als %(role)s eingeladen") % {"email": email, "role": invitation.get_role_display()},
        )
    path = reverse("workspace:invitation_accept", kwargs={"token": token})
    link = request.build_absolute_uri(path) if request is not None else path
    context = {"invitation": invitation, "workspace": workspace, "link": link, "invited_by": invited_by}
    send_mail(
        subject=render_to_string("workspace/email/invitation_subject.txt", context).strip(),
        message=render_to_string("workspace/email/invitation.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return invitation


def find_invitation(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("workspace", "workspace__place").filter(token_hash=hash_token(token)).first()
    )


def accept(invitation: Invitation, user, request=None) -> Membership:
    """Turn an invitation into a membership, exactly once.

    The conditional UPDATE is the single-use guarantee: of two parallel acceptances only one
    changes the row; the other gets a ``MembershipError``.
    """
    with transaction.atomic():
        claimed = (
            Invitation.objects.pending().filter(pk=invitation.pk).update(accepted_at=timezone.now(), accepted_by=user)
        )
        if claimed != 1:
            raise MembershipError(_("Diese Einladung ist nicht mehr gültig."))
        membership, created = Membership.objects.get_or_create(
            workspace=invitation.workspace,
            user=user,
            defaults={"role": invitation.role, "department": invitation.department},
        )
        if not created and Role(invitation.role) != Role(membership.role):
            membership.role = invitation.role
            membership.save(update_fields=["role"])
        audit.record(
            Action.INVITATION_ACCEPTED,
            workspace=invitation.workspace,
            actor=user,
            summary=_("Einladung angenommen, Rolle: %(role)s") % {"role": membership.get_role_display()},
            request=request,
        )
    return membership


def create_account_and_accept(invitation: Invitation, *, first_name: str, last_name: str, password: str, request=None):
    """A new person accepts: the account (login name = e-mail address) and the membership in one step."""
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.create_user(
            username=invitation.email,
            email=invitation.email,
            first_name=first_name,
            last_name=last_name,
            password=password,
        )
        accept(invitation, user, request=request)
    return user


def revoke(invitation: Invitation, actor, request=None) -> None:
    if not invitation.is_usable:
        raise MembershipError(_("Diese Einladung ist nicht mehr offen."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(
        Action.INVITATION_REVOKED,
        workspace=invitation.workspace,
        actor=actor,
        summary=_("Einladung an %(email)s widerrufen") % {"email": invitation.email},
        request=request,
    )


def _other_admins(membership: Membership):
    return Membership.objects.filter(workspace=membership.workspace, role=Role.ADMIN).exclude(pk=membership.pk)


def change_membership(membership: Membership, *, role: str, department: str, actor, request=None) -> None:
    """Change a member's role and department; a workspace always keeps at least one admin."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Role.ADMIN and role != Role.ADMIN and not _other_admins(membership).exists():
            raise MembershipError(_("Ein Arbeitsbereich braucht mindestens eine Person mit Administration."))
        old_role = membership.get_role_display()
        membership.role = role
        membership.department = department
        membership.save(update_fields=["role", "department"])
        if old_role != membership.get_role_display():
            audit.record(
                Action.ROLE_CHANGED,
                workspace=membership.workspace,
                actor=actor,
                summary=_("%(person)s: %(old)s → %(new)s")
                % {"person": audit.actor_label(membership.user), "old": old_role, "new": membership.get_role_display()},
                request=request,
            )


def remove_member(membership: Membership, *, actor, request=None) -> None:
    with transaction.atomic():
        if membership.role == Role.ADMIN and not _other_admins(membership).exists():
            raise MembershipError(_("Die letzte Person mit Administration kann nicht entfernt werden."))
        audit.record(
            Action.MEMBER_REMOVED,
            workspace=membership.workspace,
            actor=actor,
            summary=_("%(person)s (%(role)s) entfernt")
            % {"person": audit.actor_label(membership.user), "role": membership.get_role_display()},
            request=request,
        )
        membership.delete()


def sole_admin_workspaces(user) -> list[Workspace]:
    """Workspaces in which ``user`` is the only admin (they must hand over or delete first)."""
    result = []
    for membership in Membership.objects.filter(user=user, role=Role.ADMIN).select_related("workspace"):
        if not _other_admins(membership).exists():
            result.append(membership.workspace)
    return result


def delete_account(user, request=None) -> None:
    """Delete a person's account and memberships. Their audit entries keep what happened but no
    longer name them ("Gelöschtes Konto")."""
    with transaction.atomic():
        for membership in Membership.objects.filter(user=user).select_related("workspace"):
            audit.record(
                Action.ACCOUNT_DELETED,
                workspace=membership.workspace,
                summary=_("Ein Mitglied hat sein Konto gelöscht"),
            )
        deleted = _("Gelöschtes Konto")
        AuditEvent.objects.filter(actor=user).update(actor=None, actor_label=deleted, ip_address=None)
        # Other people's entries name the person in their summary ("… → Moderation"): scrub that too.
        for name in {audit.actor_label(user), user.email, user.get_username()} - {""}:
            AuditEvent.objects.filter(summary__contains=name).update(
                summary=Replace("summary", Value(name), Value(deleted))
            )
        user.delete()
