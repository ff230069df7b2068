"""Comparison records: structured records that are meant to be read side by side.

Every kind of record is its own model with real fields (so the CMS form, validation and API are
specific), built on :class:`ComparisonRecord`, which adds drafts, revisions and preview and says
which fields take part in the comparison (``comparison_fields``). The first kind is
:class:`CrisisStaffArrangement`: how each of the 16 Länder arranges crisis staffs. A new kind is a
new subclass plus one entry in :mod:`.registry`.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from krisenwissen.places.names import LAENDER, german_slugify

LAND_CHOICES = [(name, name) for _code, (name, _aliases) in sorted(LAENDER.items())]


class ComparisonQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)


class ComparisonRecord(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model
):
    """What every comparison record has; subclasses list their compared fields in ``comparison_fields``."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kürzel"), max_length=120, unique=True, blank=True)
    summary = models.TextField(_("Kurzfassung"), max_length=600, blank=True)
    last_checked = models.DateField(
        _("Stand"), null=True, blank=True, help_text=_("Wann die Angaben zuletzt geprüft wurden.")
    )
    is_demo = models.BooleanField(
        _("Demo-Inhalt"), default=False, help_text=_("Fiktive Beispieldaten; wird öffentlich deutlich gekennzeichnet.")
    )
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects = ComparisonQuerySet.as_manager()

    #: (field name, label) of the fields compared side by side, in display order.
    comparison_fields: tuple[str, ...] = ()
    #: the registry key (URL segment) of this kind of record
    comparison_key = ""

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            base = german_slugify(self.title)[:100] or "eintrag"
            candidate, n = base, 2
            model = type(self)
            while model.objects.filter(slug=candidate).exclude(pk=self.pk).exists():
                candidate, n = f"{base}-{n}", n + 1
            self.slug = candidate
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("comparisons:detail", kwargs={"kind": self.comparison_key, "slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "comparisons/comparison_record.html"

    def get_preview_context(self, request, mode_name):
        from .views import record_context

        return record_context(self, preview=True)

    def comparison_values(self) -> list[tuple[str, str]]:
        """(label, text) of every compared field, in display order."""
        return [(str(self._meta.get_field(name).verbose_name), getattr(self, name)) for name in self.comparison_fields]


class CrisisStaffArrangement(ComparisonRecord):
    """How one Land arranges crisis staffs: legal basis, staff model, who convenes, who takes part, when it ends."""

    land = models.CharField(_("Land"), max_length=40, choices=LAND_CHOICES, unique=True)
    legal_basis = models.TextField(_("Rechtsgrundlage"))
    staff_model = models.TextField(_("Stabsmodell"), help_text=_("z. B. getrennter Verwaltungs- und Führungsstab"))
    convened_by = models.TextField(_("Wer beruft ein"))
    departments = models.TextField(_("Beteiligte Ressorts und Stellen"))
    exit_rules = models.TextField(_("Beendigung und Übergang"), help_text=_("Wann und wie der Stab aufgelöst wird."))
    further_reading = models.TextField(
        _("Weiterführende Informationen"), blank=True, help_text=_("Eine Quelle je Zeile; Adressen werden verlinkt.")
    )

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="crisis_staff_arrangement",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="crisis_staff_arrangement",
        for_concrete_model=False,
    )

    comparison_fields = ("legal_basis", "staff_model", "convened_by", "departments", "exit_rules", "further_reading")
    comparison_key = "krisenstaebe"

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("land", boost=2),
        index.SearchField("legal_basis"),
        index.SearchField("staff_model"),
        index.FilterField("live"),
    ]

    panels = [
        FieldPanel("land"),
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("legal_basis"),
                FieldPanel("staff_model"),
                FieldPanel("convened_by"),
                FieldPanel("departments"),
                FieldPanel("exit_rules"),
                FieldPanel("further_reading"),
            ],
            heading=_("Vergleichsmerkmale"),
        ),
        FieldPanel("last_checked"),
        FieldPanel("slug"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        ordering = ["land"]
        verbose_name = _("Krisenstabsregelung eines Landes")
        verbose_name_plural = _("Krisenstabsregelungen der Länder")

    @property
    def label(self) -> str:
        """The column heading in the comparison table."""
        return self.land
