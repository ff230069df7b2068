"""The shared vocabularies every public content type is classified by.

Each vocabulary is its own small model so that content can point at exactly the kind of term it
expects (a practice has one innovation type but many crisis types). All of them share
:class:`Term`: a stable slug used in URLs, filters and the API, a German and an English label and
a short explanation, shown next to checkboxes and on hub pages.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Term(index.Indexed, models.Model):
    slug = models.SlugField(
        _("Kürzel"), max_length=80, unique=True, help_text=_("Stabil; wird in Adressen, Filtern und der API verwendet.")
    )
    name_de = models.CharField(_("Bezeichnung (Deutsch)"), max_length=200)
    name_en = models.CharField(_("Bezeichnung (Englisch)"), max_length=200)
    description_de = models.TextField(_("Erläuterung (Deutsch)"), blank=True)
    description_en = models.TextField(_("Erläuterung (Englisch)"), blank=True)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    panels = [
        FieldPanel("slug"),
        FieldPanel("name_de"),
        FieldPanel("name_en"),
        FieldPanel("description_de"),
        FieldPanel("description_en"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name_de"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_de"),
        index.FilterField("slug"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_de"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The label in the active UI language (German unless English is active)."""
        if (get_language() or "de").startswith("en") and self.name_en:
            return self.name_en
        return self.name_de

    @property
    def description(self) -> str:
        if (get_language() or "de").startswith("en") and self.description_en:
            return self.description_en
        return self.description_de


class Theme(Term):
    """One of the three focus themes; each has a hub page."""

    class Meta(Term.Meta):
        verbose_name = _("Schwerpunktthema")
        verbose_name_plural = _("Schwerpunktthemen")


class CrisisType(Term):
    class Meta(Term.Meta):
        verbose_name = _("Krisenart")
        verbose_name_plural = _("Krisenarten")


class Phase(Term):
    class Meta(Term.Meta):
        verbose_name = _("Krisenphase")
        verbose_name_plural = _("Krisenphasen")


class InnovationType(Term):
    class Meta(Term.Meta):
        verbose_name = _("Innovationsart")
        verbose_name_plural = _("Innovationsarten")


class Origin(Term):
    class Meta(Term.Meta):
        verbose_name = _("Entstehung")
        verbose_name_plural = _("Entstehungsarten")


class Maturity(Term):
    class Meta(Term.Meta):
        verbose_name = _("Reifegrad")
        verbose_name_plural = _("Reifegrade")


class Actor(Term):
    """A department of the administration or an outside partner taking part in a practice."""

    class Kind(models.TextChoices):
        DEPARTMENT = "verwaltung", _("Verwaltung")
        PARTNER = "partner", _("Partner")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)

    panels = Term.panels + [FieldPanel("kind")]

    class Meta(Term.Meta):
        verbose_name = _("Akteur")
        verbose_name_plural = _("Akteure")


class TargetGroup(Term):
    """A vulnerable group a practice addresses."""

    class Meta(Term.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")


class Lever(Term):
    """One of the seven levers (Stellschrauben) of municipal resilience, numbered 1–7."""

    number = models.PositiveSmallIntegerField(
        _("Nummer"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    short_name_de = models.CharField(_("Kurzname (Deutsch)"), max_length=80, blank=True)
    short_name_en = models.CharField(_("Kurzname (Englisch)"), max_length=80, blank=True)

    panels = [FieldPanel("number"), FieldPanel("short_name_de"), FieldPanel("short_name_en")] + Term.panels

    class Meta(Term.Meta):
        ordering = ["number"]
        verbose_name = _("Stellschraube")
        verbose_name_plural = _("Stellschrauben")

    @property
    def short_name(self) -> str:
        if (get_language() or "de").startswith("en") and self.short_name_en:
            return self.short_name_en
        return self.short_name_de or self.name


#: The vocabularies in the order they appear in filters and on detail pages.
VOCABULARIES = {
    "themes": Theme,
    "crisis_types": CrisisType,
    "phases": Phase,
    "innovation_type": InnovationType,
    "origin": Origin,
    "maturity": Maturity,
    "actors": Actor,
    "target_groups": TargetGroup,
    "stellschrauben": Lever,
}
