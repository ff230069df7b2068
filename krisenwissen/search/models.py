"""The search index and the thesaurus, stored in the database.

* :class:`SearchDocument`: one row per public object of a registered content type, with the text
  to show (title, summary, body), its analysed tokens and a sentence embedding.
* :class:`IndexChange`: an append-only journal of index writes. Its highest id is the cheap
  fingerprint every process compares before a query, and the rows since a process last looked tell
  it which documents to reload, so a change made in one process is seen by all of them.
* :class:`SynonymGroup`: the editors' thesaurus, applied at query time (no reindex needed).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

MAX_SYNONYM_LENGTH = 100


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("Art"), max_length=40, db_index=True)
    language = models.CharField(_("Sprache"), max_length=8)
    external_id = models.CharField(_("Externe ID"), max_length=64, blank=True)
    title = models.CharField(_("Titel"), max_length=300)
    url = models.CharField(_("Adresse"), max_length=500)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    body = models.TextField(_("Text"), blank=True)
    #: The analysed token streams per field, as ``{"title": "tok tok …", …}`` (casefolded, stop
    #: words kept so that phrases can be checked), from which each process builds its in-memory index.
    tokens = models.JSONField(_("Tokens"), default=dict)
    #: float16 sentence embedding (512 values), or empty when the model was not available.
    embedding = models.BinaryField(_("Einbettung"), blank=True, default=b"")
    embedding_key = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Suchdokument")
        verbose_name_plural = _("Suchdokumente")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_document_unique_object"),
        ]
        indexes = [models.Index(fields=["embedding_key"], name="search_doc_embedding_key")]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class IndexChange(models.Model):
    """One write to the index; ``document_id`` may no longer exist (a removal)."""

    id = models.BigAutoField(primary_key=True)
    document_id = models.BigIntegerField(null=True)
    rebuild = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Indexänderung")
        verbose_name_plural = _("Indexänderungen")

    def __str__(self):
        return f"#{self.id}: {'rebuild' if self.rebuild else self.document_id}"


def parse_variants(text: str) -> list[str]:
    """Variants of a synonym group: one per line (commas and semicolons also separate)."""
    seen, variants = set(), []
    for raw in text.replace(";", "\n").replace(",", "\n").splitlines():
        variant = " ".join(raw.split())
        if variant and variant.casefold() not in seen:
            seen.add(variant.casefold())
            variants.append(variant)
    return variants


class SynonymGroup(models.Model):
    """Words and phrases that mean the same thing for search, e.g. Obdachlose / Wohnungslose.

    A query containing any variant also finds texts containing any other variant.
    """

    variants = models.TextField(
        _("Begriffe"),
        help_text=_(
            "Ein Begriff oder eine Wendung pro Zeile, z. B. „Obdachlose“, „Wohnungslose“, "
            "„Menschen ohne festen Wohnsitz“. Eine Suche nach einem Begriff findet auch die anderen."
        ),
    )
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)
    active = models.BooleanField(_("Aktiv"), default=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    panels = [FieldPanel("variants"), FieldPanel("note"), FieldPanel("active")]

    class Meta:
        ordering = ["variants"]
        verbose_name = _("Synonymgruppe")
        verbose_name_plural = _("Thesaurus (Synonymgruppen)")

    def __str__(self):
        return " / ".join(self.variant_list)

    @property
    def variant_list(self) -> list[str]:
        return parse_variants(self.variants)

    def clean(self):
        super().clean()
        variants = self.variant_list
        if len(variants) < 2:
            raise ValidationError({"variants": _("Eine Synonymgruppe braucht mindestens zwei Begriffe.")})
        too_long = [v for v in variants if len(v) > MAX_SYNONYM_LENGTH]
        if too_long:
            raise ValidationError(
                {"variants": _("Ein Begriff darf höchstens %(max)d Zeichen lang sein.") % {"max": MAX_SYNONYM_LENGTH}}
            )
