"""Tenancy of the Reflexionsraum: a workspace belongs to one municipality or Kreis; people belong to
workspaces through memberships with a role.

Every private object hangs off a :class:`Workspace`. Views never load a private object by its id
alone: they go through :func:`krisenwissen.workspace.access.get_membership` and then query
``Model.objects.filter(workspace=membership.workspace, ...)`` so a foreign object is simply not
found (404), whatever the role.
"""

from django.conf import settings
from django.db import models
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
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Arbeitsbereich")
        verbose_name_plural = _("Arbeitsbereiche")
        ordering = ["name"]

    def __str__(self):
        return self.name


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
