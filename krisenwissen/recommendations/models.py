"""Recommendations along the seven levers (Handlungsempfehlungen entlang der Stellschrauben).

Editorial, tree-shaped content, so Wagtail pages: one overview page at ``/handlungsempfehlungen/``
that presents resilience as a cycle of learning and adapting, and below it one page per lever
(:class:`taxonomy.Lever`). The evidence on a lever page is partly chosen by the editors (featured
practices) and partly gathered from the collections by the lever: published practices, literature
records and the self-assessment indicators of that lever (see :mod:`.related`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class RecommendationIndexPage(Page):
    """The overview: the learning cycle and the seven levers as entry points."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = RichTextField(_("Text"), blank=True, features=RICH_TEXT_FEATURES)
    cycle_intro = models.TextField(
        _("Einleitung zum Kreislauf"),
        blank=True,
        help_text=_("Erklärt, warum Resilienz ein Kreislauf aus Lernen und Anpassen ist."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("cycle_intro"), InlinePanel("cycle_steps", label=_("Schritt"))],
            heading=_("Kreislauf aus Lernen und Anpassen"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["recommendations.RecommendationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Übersicht der Handlungsempfehlungen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["recommendations"] = list(
            RecommendationPage.objects.child_of(self).live().select_related("lever").order_by("lever__number")
        )
        context["cycle_steps"] = list(self.cycle_steps.all())
        return context


class CycleStep(Orderable):
    """One station of the learning cycle (e.g. "Vorsorgen", "Bewältigen", "Auswerten", "Anpassen")."""

    page = ParentalKey(RecommendationIndexPage, related_name="cycle_steps", on_delete=models.CASCADE)
    title = models.CharField(_("Titel"), max_length=120)
    text = models.TextField(_("Text"))
    levers_note = models.CharField(
        _("Stellschrauben in diesem Schritt"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Stellschrauben 1 und 7“ – ein kurzer Hinweis unter dem Schritt."),
    )

    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("levers_note")]

    class Meta(Orderable.Meta):
        verbose_name = _("Schritt im Kreislauf")
        verbose_name_plural = _("Schritte im Kreislauf")


class RecommendationPage(Page):
    """The recommendation for one lever."""

    lever = models.OneToOneField(
        "taxonomy.Lever",
        verbose_name=_("Stellschraube"),
        on_delete=models.PROTECT,
        related_name="recommendation_page",
    )
    summary = models.TextField(_("Kurzfassung"), max_length=600, help_text=_("Zwei bis drei Sätze für die Übersicht."))
    meaning = RichTextField(_("Worum es geht"), features=RICH_TEXT_FEATURES)
    rationale = RichTextField(_("Warum es wichtig ist"), features=RICH_TEXT_FEATURES, help_text=_("Belege und Gründe."))
    steps_small = RichTextField(_("Schritte für kleine Kommunen"), features=RICH_TEXT_FEATURES)
    steps_large = RichTextField(_("Schritte für große Kommunen"), features=RICH_TEXT_FEATURES)
    pitfalls = RichTextField(_("Stolpersteine"), blank=True, features=RICH_TEXT_FEATURES)
    progress_indicators = RichTextField(_("Woran man Fortschritt erkennt"), blank=True, features=RICH_TEXT_FEATURES)
    themes = ParentalManyToManyField(
        "taxonomy.Theme",
        verbose_name=_("Schwerpunktthemen"),
        related_name="recommendation_pages",
        blank=True,
        help_text=_("Auf den Themenseiten dieser Schwerpunkte wird die Empfehlung gezeigt."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lever"),
        FieldPanel("summary"),
        FieldPanel("meaning"),
        FieldPanel("rationale"),
        MultiFieldPanel([FieldPanel("steps_small"), FieldPanel("steps_large")], heading=_("Konkrete Schritte")),
        FieldPanel("pitfalls"),
        FieldPanel("progress_indicators"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultipleChooserPanel(
            "featured_practices",
            chooser_field_name="practice",
            heading=_("Ausgewählte Praxisbeispiele"),
            label=_("Praxisbeispiel"),
            help_text=_("Erscheinen vor den übrigen Praxisbeispielen zu dieser Stellschraube."),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("meaning"),
        index.SearchField("rationale"),
        index.SearchField("steps_small"),
        index.SearchField("steps_large"),
        index.SearchField("pitfalls"),
    ]
    parent_page_types = ["recommendations.RecommendationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Handlungsempfehlung")
        verbose_name_plural = _("Handlungsempfehlungen")

    def clean(self):
        super().clean()
        if self.lever_id:
            clash = RecommendationPage.objects.filter(lever_id=self.lever_id).exclude(pk=self.pk).first()
            if clash:
                raise ValidationError(
                    {
                        "lever": _("Zu dieser Stellschraube gibt es schon die Seite „%(title)s“.")
                        % {"title": clash.title}
                    }
                )

    def get_context(self, request, *args, **kwargs):
        from .services import lever_evidence

        context = super().get_context(request, *args, **kwargs)
        context.update(lever_evidence(self))
        overview = self.get_parent().specific
        context.update(overview=overview, overview_url=overview.get_url(request))
        return context


class RecommendationPractice(Orderable):
    """A practice the editors chose as an example for the lever, in their order."""

    page = ParentalKey(RecommendationPage, related_name="featured_practices", on_delete=models.CASCADE)
    practice = models.ForeignKey(
        "practices.Practice", verbose_name=_("Praxisbeispiel"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("Ausgewähltes Praxisbeispiel")
        verbose_name_plural = _("Ausgewählte Praxisbeispiele")
