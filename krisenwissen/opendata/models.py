"""E-mail alerts: a visitor follows a filtered practice list and gets a weekly digest.

Only what the alert needs is stored: the address, the filter and three timestamps. No name, no
IP address, no tracking. An unconfirmed subscription is deleted after
:data:`CONFIRMATION_DAYS`; unsubscribing deletes the row.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

CONFIRMATION_DAYS = 7


def new_token() -> str:
    return secrets.token_urlsafe(24)


class AlertSubscription(models.Model):
    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    #: The list's query string in canonical form (the parameters of /praxisbeispiele/).
    query = models.CharField(_("Filter"), max_length=2000, blank=True)
    token = models.CharField(_("Schlüssel"), max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("Angemeldet am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("Zuletzt versandt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        constraints = [models.UniqueConstraint(fields=["email", "query"], name="opendata_alert_unique_filter")]
        indexes = [models.Index(fields=["confirmed_at"])]

    def __str__(self):
        return f"{self.email} ({self.query or _('alle')})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
