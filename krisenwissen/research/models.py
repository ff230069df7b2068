"""Research projects on municipal crisis management: who researches what, funded by whom, with which results.

A project is a snippet (see :mod:`krisenwissen.research.editorial`): there are many, they are
filtered by the shared taxonomy, funder and status, and each has a detail page at
``/forschungsprojekte/<slug>/``. Its publications are records of the literature database chosen by
the editors (:class:`ResearchProjectLiterature`), references written as text and plain links;
:meth:`ResearchProject.literature` adds records that mention the acronym.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .editorial import EditorialSnippet

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class ProjectStatus(models.TextChoices):
    PLANNED = "geplant", _("Geplant")
    RUNNING = "laufend", _("Laufend")
    FINISHED = "abgeschlossen", _("Abgeschlossen")


class ResearchProject(EditorialSnippet):
    slug_fallback = "forschungsprojekt"

    title = models.CharField(_("Titel"), max_length=300)
    acronym = models.CharField(_("Akronym"), max_length=40, blank=True)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=600, help_text=_("Zwei bis drei Sätze."))
    description = RichTextField(_("Beschreibung"), blank=True, features=RICH_TEXT_FEATURES)
    results = RichTextField(
        _("Ergebnisse"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Was das Projekt herausgefunden hat.")
    )
    publications = RichTextField(
        _("Publikationen"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Literaturangaben der Veröffentlichungen aus dem Projekt, eine je Absatz oder Listenpunkt."),
    )

    funder = models.CharField(_("Fördermittelgeber"), max_length=200, help_text=_("z. B. BMBF, DFG, EU"))
    programme = models.CharField(
        _("Förderprogramm"), max_length=300, blank=True, help_text=_("z. B. „Forschung für die zivile Sicherheit“")
    )
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True, help_text=_("Leer lassen, wenn noch offen."))
    lead = models.CharField(_("Leitung / Koordination"), max_length=300)
    website = models.URLField(_("Website"), max_length=500, blank=True)

    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("Schwerpunktthemen"), related_name="research_projects", blank=True
    )
    crisis_types = ParentalManyToManyField(
        "taxonomy.CrisisType", verbose_name=_("Krisenarten"), related_name="research_projects", blank=True
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("Zielgruppen"), related_name="research_projects", blank=True
    )
    levers = ParentalManyToManyField(
        "taxonomy.Lever", verbose_name=_("Stellschrauben"), related_name="research_projects", blank=True
    )

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("acronym", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("results"),
        index.AutocompleteField("title"),
        index.FilterField("live"),
    ]

    content_panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("acronym")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("results"),
        FieldPanel("publications"),
        MultipleChooserPanel(
            "literature_links",
            chooser_field_name="literature",
            heading=_("Publikationen in der Literaturdatenbank"),
            label=_("Literaturtitel"),
        ),
        InlinePanel("links", heading=_("Links zu Veröffentlichungen und Material"), label=_("Link")),
    ]
    project_panels = [
        MultiFieldPanel([FieldRowPanel([FieldPanel("funder"), FieldPanel("programme")])], heading=_("Förderung")),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Laufzeit")),
        FieldPanel("lead"),
        InlinePanel("partners", heading=_("Partner"), label=_("Partner")),
        FieldPanel("website"),
    ]
    classification_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("crisis_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("levers", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(project_panels, heading=_("Projekt")),
            ObjectList(classification_panels, heading=_("Einordnung")),
            ObjectList([FieldPanel("slug"), FieldPanel("is_demo")], heading=_("Verwaltung")),
        ]
    )

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("Forschungsprojekt")
        verbose_name_plural = _("Forschungsprojekte")

    def slug_base(self) -> str:
        return self.acronym or self.title

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Das Ende darf nicht vor dem Beginn liegen.")})

    def get_absolute_url(self) -> str:
        return reverse("research:detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "research/research_project.html"

    def get_preview_context(self, request, mode_name):
        from .views import detail_context

        return detail_context(self, preview=True)

    @property
    def display_title(self) -> str:
        return f"{self.acronym} – {self.title}" if self.acronym else self.title

    def status(self, today: datetime.date | None = None) -> str:
        today = today or datetime.date.today()
        if self.start_date > today:
            return ProjectStatus.PLANNED
        if self.end_date and self.end_date < today:
            return ProjectStatus.FINISHED
        return ProjectStatus.RUNNING

    @property
    def status_label(self) -> str:
        return ProjectStatus(self.status()).label

    @property
    def period_label(self) -> str:
        start = self.start_date.strftime("%m/%Y")
        return f"{start}–{self.end_date.strftime('%m/%Y')}" if self.end_date else _("seit %(start)s") % {"start": start}

    def linked_literature(self) -> list:
        """The project's publications in the literature database, as chosen by the editors (published only)."""
        return [link.literature for link in self.literature_links.all() if link.literature.live]

    def literature(self, limit: int = 20) -> list:
        """Further records of the literature database that mention the acronym (or title) in title or abstract."""
        from krisenwissen.recommendations.related import literature_queryset

        queryset = literature_queryset()
        needle = self.acronym or self.title
        if queryset is None or len(needle) < 3:
            return []
        chosen = [link.literature_id for link in self.literature_links.all()]
        condition = models.Q(title__icontains=needle) | models.Q(abstract__icontains=needle)
        return list(queryset.filter(condition).exclude(pk__in=chosen).order_by("-year", "pk")[:limit])


class ResearchPartner(Orderable):
    project = ParentalKey(ResearchProject, related_name="partners", on_delete=models.CASCADE)
    name = models.CharField(_("Einrichtung"), max_length=300)
    place = models.CharField(_("Ort"), max_length=120, blank=True)
    url = models.URLField(_("Website"), max_length=500, blank=True)

    panels = [FieldPanel("name"), FieldPanel("place"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("Partner")
        verbose_name_plural = _("Partner")

    def __str__(self):
        return self.name


class ResearchProjectLiterature(Orderable):
    """A publication of the project in the literature database, in the editors' order."""

    project = ParentalKey(ResearchProject, related_name="literature_links", on_delete=models.CASCADE)
    literature = models.ForeignKey(
        "literature.Literature", verbose_name=_("Literaturtitel"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("literature")]

    class Meta(Orderable.Meta):
        verbose_name = _("Publikation in der Literaturdatenbank")
        verbose_name_plural = _("Publikationen in der Literaturdatenbank")


class ResearchProjectLink(Orderable):
    project = ParentalKey(ResearchProject, related_name="links", on_delete=models.CASCADE)
    title = models.CharField(_("Titel"), max_length=300)
    url = models.URLField(_("Adresse"), max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("Link")
        verbose_name_plural = _("Links")
