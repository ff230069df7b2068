"""Submissions of practice examples by municipalities, and what protects the form from abuse.

A :class:`Submission` is the submitter's private draft: it holds what they typed, step by step,
until they send it and confirm their e-mail address. Only then does it become a draft
:class:`~krisenwissen.practices.models.Practice` (``live=False``) in the editorial workflow; the
submission keeps pointing at it, so the submitter can follow the status through their private link
and answer the editors' questions. Every step is recorded as a :class:`SubmissionEvent`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Submission(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        AWAITING_CONFIRMATION = "awaiting_confirmation", _("Wartet auf Bestätigung der E-Mail-Adresse")
        IN_REVIEW = "in_review", _("In redaktioneller Prüfung")
        CHANGES_REQUESTED = "changes_requested", _("Änderungen erbeten")
        REJECTED = "rejected", _("Abgelehnt")
        PUBLISHED = "published", _("Veröffentlicht")

    #: States in which the submitter may change the content through the private link.
    EDITABLE = (Status.DRAFT, Status.AWAITING_CONFIRMATION, Status.CHANGES_REQUESTED)

    token = models.CharField(_("Privater Schlüssel"), max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(_("Status"), max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True)

    submitter_name = models.CharField(_("Name"), max_length=200)
    submitter_role = models.CharField(_("Funktion"), max_length=200)
    submitter_department = models.CharField(_("Dienststelle"), max_length=200)
    submitter_email = models.EmailField(_("E-Mail"))
    consent_contact = models.BooleanField(_("Einwilligung zu Nachfragen"), default=False)
    consent_public_contact = models.BooleanField(_("Einwilligung zur Nennung als Ansprechperson"), default=False)

    place = models.ForeignKey(
        "places.Place", verbose_name=_("Kommune"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    municipality_label = models.CharField(_("Bezeichnung der Kommune"), max_length=200, blank=True)
    #: The practice fields as typed (taxonomy as slugs); see ``forms.PRACTICE_STEPS``.
    data = models.JSONField(_("Angaben"), default=dict, blank=True)
    completed_steps = models.JSONField(_("Erledigte Schritte"), default=list, blank=True)

    practice = models.OneToOneField(
        "practices.Practice",
        verbose_name=_("Praxisbeispiel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
    )
    editor_comment = models.TextField(_("Letzte Rückmeldung der Redaktion"), blank=True)

    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)
    sent_at = models.DateTimeField(_("Abgeschickt am"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Einreichung")
        verbose_name_plural = _("Einreichungen")

    def __str__(self):
        title = self.data.get("title") or _("ohne Titel")
        return f"{title} ({self.submitter_name})"

    def get_absolute_url(self) -> str:
        """The private status page; whoever has this link can continue and follow the submission."""
        return reverse("contributions:status", kwargs={"token": self.token})

    @property
    def title(self) -> str:
        return self.data.get("title", "")

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def private_url(self) -> str:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.get_absolute_url()

    def record(self, kind: str, *, user=None, actor: str = "", comment: str = "") -> "SubmissionEvent":
        return self.events.create(kind=kind, user=user, actor=actor or (str(user) if user else ""), comment=comment)


class SubmissionEvent(models.Model):
    """One step in the life of a submission: who did what, when, and with which comment."""

    class Kind(models.TextChoices):
        STARTED = "started", _("Entwurf angelegt")
        SENT = "sent", _("Abgeschickt, Bestätigung angefordert")
        CONFIRMED = "confirmed", _("E-Mail-Adresse bestätigt, an die Redaktion übergeben")
        CHANGES_REQUESTED = "changes_requested", _("Änderungen erbeten")
        UPDATED = "updated", _("Von der einreichenden Person überarbeitet")
        APPROVED = "approved", _("Fachlich freigegeben")
        REJECTED = "rejected", _("Abgelehnt")
        PUBLISHED = "published", _("Veröffentlicht")

    #: Events the submitter sees on the status page (all others are internal).
    PUBLIC = (
        Kind.STARTED,
        Kind.SENT,
        Kind.CONFIRMED,
        Kind.CHANGES_REQUESTED,
        Kind.UPDATED,
        Kind.REJECTED,
        Kind.PUBLISHED,
    )

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Schritt"), max_length=30, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Redaktion"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor = models.CharField(_("Wer"), max_length=200, blank=True)
    comment = models.TextField(_("Kommentar"), blank=True)
    created_at = models.DateTimeField(_("Wann"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Schritt einer Einreichung")
        verbose_name_plural = _("Schritte von Einreichungen")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class SubmissionFile(models.Model):
    """An uploaded image or document, already checked and (images) re-encoded.

    Kept in the database rather than in MEDIA_ROOT: until the submission is confirmed nothing of it
    may be reachable under a public address.
    """

    class Kind(models.TextChoices):
        IMAGE = "image", _("Bild")
        DOCUMENT = "document", _("Dokument")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    filename = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    content = models.BinaryField(_("Inhalt"))
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    title = models.CharField(_("Titel"), max_length=200, blank=True)
    alt_text = models.CharField(_("Alternativtext"), max_length=300, blank=True)
    credit = models.CharField(_("Bildnachweis"), max_length=200, blank=True)
    transferred = models.BooleanField(_("In die Mediathek übernommen"), default=False)
    created_at = models.DateTimeField(_("Hochgeladen am"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Datei einer Einreichung")
        verbose_name_plural = _("Dateien von Einreichungen")

    def __str__(self):
        return self.filename


class ContributionReviewTask(AbstractGroupApprovalTask):
    """Group approval with a third way out: reject a submission for good, with a reason.

    "Änderungen anfordern" sends it back to the submitter (Wagtail's reject), "Ablehnen" ends the
    workflow and tells the submitter why; approving moves it on (or publishes on the last task).
    """

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions = [
                ("reject", _("Änderungen anfordern"), True),
                ("decline", _("Ablehnen (mit Begründung)"), True),
                ("approve", _("Freigeben"), False),
                ("approve", _("Freigeben mit Kommentar"), True),
            ]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        from .services import decline_submission, submission_for

        if action_name == "decline":
            decline_submission(task_state, user=user, comment=kwargs.get("comment", ""))
            return None
        if action_name == "approve":
            # Recorded before approving: approving the last task publishes at once.
            submission = submission_for(task_state.workflow_state.content_object)
            if submission is not None:
                submission.record(SubmissionEvent.Kind.APPROVED, user=user, comment=kwargs.get("comment", ""))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Mitglieder der gewählten Gruppen können freigeben, Änderungen anfordern oder ablehnen.")

    class Meta:
        verbose_name = _("Prüfung einer Einreichung")
        verbose_name_plural = _("Prüfungen von Einreichungen")
