"""Tenancy of the Reflexionsraum: a workspace belongs to one municipality or Kreis; people belong to
workspaces through memberships with a role.

Every private object hangs off a :class:`Workspace`. Views never load a private object by its id
alone: they go through :func:`krisenwissen.workspace.access.get_membership` and then query
``Model.objects.filter(workspace=membership.workspace, ...)`` so a foreign object is simply not
found (404), whatever the role.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles in ascending order of rights; :data:`ROLE_RANK` makes them comparable."""

    READER = "reader", _("Lesend")
    MEMBER = "member", _("Mitglied")
    MODERATOR = "moderator", _("Moderation")
    ADMIN = "admin", _("Administration")


ROLE_RANK = {Role.READER: 1, Role.MEMBER: 2, Role.MODERATOR: 3, Role.ADMIN: 4}


class Workspace(models.Model):
    """The private space of one municipality (or Kreis)."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kürzel"), max_length=80, unique=True)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("Kommune"),
        on_delete=models.PROTECT,
        related_name="workspaces",
        help_text=_("Die Gemeinde oder der Kreis aus dem Gemeindeverzeichnis, dem der Arbeitsbereich gehört."),
    )
    peer_comparison_opt_in = models.BooleanField(
        _("Am Vergleich teilnehmen"),
        default=False,
        help_text=_("Selbstcheck-Ergebnisse fließen anonym in den Vergleich mit anderen Kommunen ein."),
    )
    votes_per_member = models.PositiveSmallIntegerField(_("Stimmen pro Person"), default=5)
    is_demo = models.BooleanField(
        _("Demo"),
        default=False,
        help_text=_("Fiktiver Arbeitsbereich zum Ausprobieren; wird überall als Demo gekennzeichnet."),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Arbeitsbereich")
        verbose_name_plural = _("Arbeitsbereiche")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def member_count(self) -> int:
        return self.memberships.count()

    member_count.short_description = _("Mitglieder")


class Membership(models.Model):
    """A person's role in one workspace. One person may belong to several workspaces."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    department = models.CharField(_("Fachbereich"), max_length=120, blank=True)
    joined_at = models.DateTimeField(_("beigetreten am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [models.UniqueConstraint(fields=["workspace", "user"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} @ {self.workspace} ({self.get_role_display()})"

    def has_role(self, minimum: str) -> bool:
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(minimum)]


def hash_token(raw_token: str) -> str:
    """Invitation links carry a random token; only its SHA-256 is stored, so a database leak
    does not hand out working links."""
    return hashlib.sha256(raw_token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation by e-mail into one workspace with a role: single use, expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("offen")
        ACCEPTED = "accepted", _("angenommen")
        REVOKED = "revoked", _("widerrufen")
        EXPIRED = "expired", _("abgelaufen")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("E-Mail-Adresse"))
    role = models.CharField(_("Rolle"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    department = models.CharField(_("Fachbereich"), max_length=120, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("eingeladen am"), auto_now_add=True)
    expires_at = models.DateTimeField(_("gültig bis"))
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.workspace} ({self.get_role_display()})"

    @classmethod
    def new(
        cls, workspace, email: str, role: str, *, invited_by=None, department: str = ""
    ) -> tuple["Invitation", str]:
        """Create an invitation and return it with the raw token (which is never stored)."""
        raw_token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            workspace=workspace,
            email=email.strip().lower(),
            role=role,
            department=department,
            token_hash=hash_token(raw_token),
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=settings.WORKSPACE_INVITATION_MAX_AGE_DAYS),
        )
        return invitation, raw_token

    @property
    def status(self) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING


class AuditEvent(models.Model):
    """Who did what when: logins, failed logins, membership and role changes, invitations, exports
    and deletions. Events of a workspace are deleted with it; account-level events without a
    workspace (failed logins for unknown names, a deleted workspace) stay platform-internal."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Anmeldung")
        LOGIN_FAILED = "login_failed", _("Fehlgeschlagene Anmeldung")
        LOGIN_BLOCKED = "login_blocked", _("Anmeldung gesperrt (zu viele Fehlversuche)")
        LOGOUT = "logout", _("Abmeldung")
        TWO_FACTOR_ENABLED = "2fa_enabled", _("Zwei-Faktor-Anmeldung eingerichtet")
        TWO_FACTOR_DISABLED = "2fa_disabled", _("Zwei-Faktor-Anmeldung abgeschaltet")
        PASSWORD_CHANGED = "password_changed", _("Passwort geändert")
        INVITATION_SENT = "invitation_sent", _("Einladung verschickt")
        INVITATION_ACCEPTED = "invitation_accepted", _("Einladung angenommen")
        INVITATION_REVOKED = "invitation_revoked", _("Einladung widerrufen")
        ROLE_CHANGED = "role_changed", _("Rolle geändert")
        MEMBER_REMOVED = "member_removed", _("Mitglied entfernt")
        SETTINGS_CHANGED = "settings_changed", _("Einstellungen geändert")
        EXPORTED = "exported", _("Export")
        DELETED = "deleted", _("Löschung")
        ACCOUNT_DELETED = "account_deleted", _("Konto gelöscht")
        WORKSPACE_CREATED = "workspace_created", _("Arbeitsbereich angelegt")
        WORKSPACE_DELETED = "workspace_deleted", _("Arbeitsbereich gelöscht")

    workspace = models.ForeignKey(
        Workspace, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: the actor's name when it happened (the account may be deleted later)
    actor_label = models.CharField(_("wer"), max_length=200, blank=True)
    action = models.CharField(_("Aktion"), max_length=40, choices=Action.choices, db_index=True)
    summary = models.CharField(_("was"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    created_at = models.DateTimeField(_("wann"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.get_action_display()}"
