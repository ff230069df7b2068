"""Survey results (Kommunalbefragungen): one survey wave with its participation and its questions.

A survey is a snippet with drafts, revisions and preview. Each question carries its answer
distribution as a small pasted table (see :mod:`.tables`), optionally broken down by
municipality size class and Land. What is real and what is demo data is recorded separately:
``participation_is_real`` for the participation figures of the wave, ``is_demo`` on each
question for its numbers, so a page can say exactly which numbers are fictitious.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from krisenwissen.places.names import german_slugify

from .tables import ResultTable, TableError, parse_table


class SurveyQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)


class Survey(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel
):
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kürzel"), max_length=120, unique=True, blank=True)
    wave = models.PositiveSmallIntegerField(_("Welle"), validators=[MinValueValidator(1), MaxValueValidator(99)])
    period = models.CharField(
        _("Erhebungszeitraum"),
        max_length=100,
        blank=True,
        help_text=_("z. B. „März bis Mai 2023“; leer, wenn unbekannt."),
    )
    population = models.CharField(
        _("Grundgesamtheit"),
        max_length=300,
        help_text=_("Wer angeschrieben wurde, z. B. „Städte über 50.000 Einwohner“."),
    )
    population_size = models.PositiveIntegerField(_("Angeschrieben"))
    responses = models.PositiveIntegerField(_("Teilgenommen"))
    response_rate = models.DecimalField(
        _("Rücklaufquote (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Wie von der Studie berichtet; leer lassen, um sie aus den Zahlen zu berechnen."),
    )
    participation_is_real = models.BooleanField(
        _("Teilnahmezahlen sind echt"),
        default=False,
        help_text=_("Nur ankreuzen, wenn Grundgesamtheit, Teilnahme und Quote aus der echten Befragung stammen."),
    )
    participation_source = models.CharField(_("Quelle der Teilnahmezahlen"), max_length=300, blank=True)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=600)
    method = models.TextField(_("Methode"), blank=True)
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("Schwerpunktthemen"), related_name="surveys", blank=True
    )
    is_demo = models.BooleanField(
        _("Ganz fiktiv (Demo)"), default=False, help_text=_("Die gesamte Befragung ist erfunden.")
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="survey",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="survey",
        for_concrete_model=False,
    )

    objects = SurveyQuerySet.as_manager()

    search_fields = [index.SearchField("title", boost=3), index.SearchField("summary"), index.FilterField("live")]

    panels_content = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("wave"), FieldPanel("period")]),
        FieldPanel("summary"),
        FieldPanel("method"),
        FieldPanel("themes"),
    ]
    panels_participation = [
        MultiFieldPanel(
            [
                FieldPanel("population"),
                FieldRowPanel([FieldPanel("population_size"), FieldPanel("responses"), FieldPanel("response_rate")]),
                FieldPanel("participation_is_real"),
                FieldPanel("participation_source"),
            ],
            heading=_("Teilnahme"),
        )
    ]
    panels_questions = [InlinePanel("questions", heading=_("Fragen und Ergebnisse"), label=_("Frage"))]
    panels_meta = [FieldPanel("slug"), FieldPanel("is_demo")]
    edit_handler = TabbedInterface(
        [
            ObjectList(panels_content, heading=_("Befragung")),
            ObjectList(panels_participation, heading=_("Teilnahme")),
            ObjectList(panels_questions, heading=_("Fragen")),
            ObjectList(panels_meta, heading=_("Verwaltung")),
        ]
    )

    class Meta:
        ordering = ["wave", "title"]
        verbose_name = _("Befragung")
        verbose_name_plural = _("Befragungen")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.population_size is not None and self.responses is not None and self.responses > self.population_size:
            raise ValidationError({"responses": _("Es können nicht mehr teilnehmen, als angeschrieben wurden.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            base = german_slugify(self.title)[:100] or "befragung"
            candidate, n = base, 2
            while Survey.objects.filter(slug=candidate).exclude(pk=self.pk).exists():
                candidate, n = f"{base}-{n}", n + 1
            self.slug = candidate
        super().save(*args, **kwargs)
        # The search document includes the questions, which ClusterableModel saves only after post_save.
        from krisenwissen.search.signals import on_saved

        on_saved(type(self), self)

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "surveys/survey_detail.html"

    def get_preview_context(self, request, mode_name):
        from .views import detail_context

        return detail_context(self, request, preview=True)

    @property
    def computed_rate(self) -> Decimal | None:
        if not self.population_size:
            return None
        rate = Decimal(self.responses) * 100 / Decimal(self.population_size)
        return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def rate(self) -> Decimal | None:
        """The response rate as reported, or computed from the figures."""
        return self.response_rate if self.response_rate is not None else self.computed_rate

    @property
    def has_demo_numbers(self) -> bool:
        return self.is_demo or not self.participation_is_real or any(q.is_demo for q in self.questions.all())


class SurveyQuestion(Orderable):
    class Unit(models.TextChoices):
        PERCENT = "percent", _("Prozent")
        COUNT = "count", _("Anzahl")

    class Kind(models.TextChoices):
        SINGLE = "single", _("Eine Antwort")
        MULTIPLE = "multiple", _("Mehrfachantwort")

    survey = ParentalKey(Survey, related_name="questions", on_delete=models.CASCADE)
    text = models.CharField(_("Frage"), max_length=400)
    kind = models.CharField(_("Antwortart"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    unit = models.CharField(_("Werte in"), max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    table = models.TextField(
        _("Ergebnistabelle"),
        help_text=_(
            "Aus der Tabellenkalkulation einfügen (Spalten durch Semikolon oder Tab getrennt). Zeile 1: "
            "Gruppe;n;Antwort 1;Antwort 2;… – dann „Gesamt;101;40;60“ und optional „Größenklasse: Großstadt;…“ "
            "oder „Land: Bayern;…“."
        ),
    )
    note = models.CharField(_("Hinweis"), max_length=400, blank=True)
    is_demo = models.BooleanField(_("Demo-Daten"), default=True, help_text=_("Die Zahlen dieser Frage sind fiktiv."))

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("unit"), FieldPanel("is_demo")]),
        FieldPanel("table"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        try:
            parse_table(self.table, percent=self.unit == self.Unit.PERCENT)
        except TableError as exc:
            raise ValidationError({"table": exc.messages}) from exc

    @cached_property
    def result(self) -> ResultTable | None:
        """The parsed table; ``None`` if it cannot be read (it was validated on save)."""
        try:
            return parse_table(self.table, percent=self.unit == self.Unit.PERCENT)
        except TableError:
            return None

    def percentages(self, row) -> list[float | None]:
        """The row's values as percentages (counts are divided by the group's n)."""
        if self.unit == self.Unit.PERCENT:
            return list(row.values)
        if not row.base:
            return [None for _value in row.values]
        return [value * 100 / row.base for value in row.values]
