"""The platform team's own publications: reports, articles, guides, policy papers.

Unlike the literature database (everything published on the subject, by anyone), this list holds
only what the team behind Krisenwissen wrote. A publication offers its PDF as a Wagtail document
(served from this host) or links to the publisher; at least one of the two is required.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from krisenwissen.research.editorial import EditorialSnippet

MIN_YEAR = 1990
MAX_YEAR = 2100


class PublicationKind(models.TextChoices):
    REPORT = "bericht", _("Bericht")
    ARTICLE = "artikel", _("Fachartikel")
    GUIDE = "leitfaden", _("Leitfaden / Handreichung")
    POLICY = "policy-paper", _("Policy Paper")
    WORKING_PAPER = "arbeitspapier", _("Arbeitspapier")
    PRESENTATION = "vortrag", _("Vortrag / Präsentation")


class Publication(EditorialSnippet):
    slug_fallback = "publikation"

    title = models.CharField(_("Titel"), max_length=300)
    subtitle = models.CharField(_("Untertitel"), max_length=300, blank=True)
    authors = models.CharField(
        _("Autorinnen und Autoren"), max_length=500, help_text=_("Nachname, Vorname; getrennt durch Semikolon.")
    )
    year = models.PositiveSmallIntegerField(
        _("Jahr"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    kind = models.CharField(_("Art"), max_length=20, choices=PublicationKind.choices, default=PublicationKind.REPORT)
    abstract = models.TextField(_("Zusammenfassung"))
    citation = models.CharField(
        _("Erschienen in"),
        max_length=400,
        blank=True,
        help_text=_("Zeitschrift, Reihe oder Verlag, z. B. „Zeitschrift für Katastrophenvorsorge 12 (2), S. 4–19“"),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Barrierearmes PDF hochladen; es wird von dieser Plattform ausgeliefert."),
    )
    url = models.URLField(_("Link"), max_length=500, blank=True, help_text=_("z. B. zur Verlagsseite oder DOI"))
    doi = models.CharField(_("DOI"), max_length=120, blank=True)
    licence = models.CharField(_("Lizenz"), max_length=100, blank=True, help_text=_("z. B. CC BY 4.0"))
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("Schwerpunktthemen"), related_name="team_publications", blank=True
    )
    levers = ParentalManyToManyField(
        "taxonomy.Lever", verbose_name=_("Stellschrauben"), related_name="team_publications", blank=True
    )

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("authors", boost=2),
        index.SearchField("abstract"),
        index.FilterField("live"),
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("subtitle"),
        FieldPanel("authors"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("kind")]),
        FieldPanel("abstract"),
        FieldPanel("citation"),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("url"), FieldPanel("doi"), FieldPanel("licence")],
            heading=_("Volltext"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("levers", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Einordnung"),
        ),
        MultiFieldPanel([FieldPanel("slug"), FieldPanel("is_demo")], heading=_("Verwaltung")),
    ]

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("Publikation")
        verbose_name_plural = _("Publikationen")

    def clean(self):
        super().clean()
        if not self.document_id and not self.url and not self.doi:
            raise ValidationError(
                {"url": _("Bitte ein PDF hochladen oder einen Link (bzw. eine DOI) zum Volltext angeben.")}
            )
        if self.year and self.year > datetime.date.today().year + 1:
            raise ValidationError({"year": _("Das Jahr liegt zu weit in der Zukunft.")})

    def get_absolute_url(self) -> str:
        return reverse("publications:detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "publications/publication.html"

    def get_preview_context(self, request, mode_name):
        return {"publication": self, "preview": True}

    @property
    def author_list(self) -> list[str]:
        return [name.strip() for name in self.authors.split(";") if name.strip()]

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def full_text_url(self) -> str:
        """Where the full text is: the PDF on this platform, else the link, else the DOI."""
        if self.document_id:
            return self.document.url
        return self.url or self.doi_url
