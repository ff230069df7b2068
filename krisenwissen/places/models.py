"""The municipality registry: every German Gemeinde and Kreis, plus European places on demand."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from .names import name_key

# Kinds of a Kreis-level row that are a town (kreisfreie Stadt; "Stadtkreis" in Baden-Württemberg).
TOWN_KINDS = ("Kreisfreie Stadt", "Stadtkreis")
# Kreis names that already say what they are.
DISTRICT_NAME_PREFIXES = ("landkreis", "kreis", "städteregion", "regionalverband", "region ")


class SizeClass(models.TextChoices):
    """Size classes of German municipal statistics (BBSR Stadt- und Gemeindetyp, simplified)."""

    GROSSSTADT = "grossstadt", _("Großstadt (ab 100.000 Einw.)")
    MITTELSTADT = "mittelstadt", _("Mittelstadt (20.000–99.999 Einw.)")
    KLEINSTADT = "kleinstadt", _("Kleinstadt (5.000–19.999 Einw.)")
    LANDGEMEINDE = "landgemeinde", _("Landgemeinde (unter 5.000 Einw.)")
    KREIS = "kreis", _("Landkreis / Kreis")
    UNBEKANNT = "unbekannt", _("Größe unbekannt")


def size_class_for(population: int | None, *, is_district: bool = False) -> str:
    """Derive the size class from the population.

    A (Land)kreis is a group of municipalities, not a town, so it gets its own class instead of
    being called a "Großstadt" because its population adds up to more than 100,000.
    """
    if is_district:
        return SizeClass.KREIS
    if population is None:
        return SizeClass.UNBEKANNT
    if population >= 100_000:
        return SizeClass.GROSSSTADT
    if population >= 20_000:
        return SizeClass.MITTELSTADT
    if population >= 5_000:
        return SizeClass.KLEINSTADT
    return SizeClass.LANDGEMEINDE


class Place(index.Indexed, models.Model):
    """A municipality (Gemeinde), a Kreis, or a European municipality outside Germany."""

    class Level(models.TextChoices):
        GEMEINDE = "gemeinde", _("Gemeinde")
        KREIS = "kreis", _("Kreis")
        EUROPE = "europa", _("Europäische Kommune")

    key = models.CharField(
        _("Schlüssel"),
        max_length=40,
        unique=True,
        help_text=_("AGS für deutsche Gemeinden (8-stellig) und Kreise (5-stellig), sonst geonames:<id>."),
    )
    level = models.CharField(_("Ebene"), max_length=10, choices=Level.choices, db_index=True)
    ags = models.CharField(_("AGS"), max_length=8, blank=True, db_index=True)
    ars = models.CharField(_("ARS"), max_length=12, blank=True)
    name = models.CharField(_("Name"), max_length=200, db_index=True)
    name_key = models.CharField(
        _("Suchschlüssel"),
        max_length=200,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Der Name ohne Groß-/Kleinschreibung, Umlaute und Satzzeichen; wird beim Speichern gesetzt."),
    )
    official_kind = models.CharField(
        _("Art"), max_length=60, blank=True, help_text=_("z. B. Stadt, Gemeinde, Landkreis")
    )
    slug = models.SlugField(_("Kürzel"), max_length=120, unique=True)
    country = models.CharField(_("Land (ISO)"), max_length=2, default="DE", db_index=True)
    state = models.CharField(_("Bundesland / Region"), max_length=100, blank=True, db_index=True)
    state_code = models.CharField(_("Länderschlüssel"), max_length=10, blank=True)
    nuts3 = models.CharField(_("NUTS-3"), max_length=10, blank=True)
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    size_class = models.CharField(_("Größenklasse"), max_length=20, choices=SizeClass.choices, db_index=True)
    kreis = models.ForeignKey(
        "self", verbose_name=_("Kreis"), null=True, blank=True, on_delete=models.SET_NULL, related_name="gemeinden"
    )
    geonames_id = models.PositiveIntegerField(_("GeoNames-ID"), null=True, blank=True, unique=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("level"),
        index.FilterField("country"),
    ]

    class Meta:
        ordering = ["name", "key"]
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        indexes = [models.Index(fields=["country", "state"])]

    def __str__(self):
        # "Landkreis München" and "Kreis Steinfurt", but "Region Hannover", "Städteregion Aachen" and
        # "Rhein-Sieg-Kreis" as they are; a kreisfreie Stadt is just its name.
        name = self.name.lower()
        if (
            self.is_district
            and self.official_kind
            and not (name.startswith(DISTRICT_NAME_PREFIXES) or name.endswith("kreis"))
        ):
            return f"{self.official_kind} {self.name}"
        return self.name

    def save(self, *args, **kwargs):
        self.size_class = size_class_for(self.population, is_district=self.is_district)
        self.name_key = name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"population", "level", "official_kind", "name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "size_class", "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("places:detail", kwargs={"slug": self.slug})

    @property
    def is_district(self) -> bool:
        """A Landkreis or Kreis (but not a kreisfreie Stadt or Stadtkreis, which is a town)."""
        return self.level == self.Level.KREIS and self.official_kind not in TOWN_KINDS

    @property
    def is_independent_town(self) -> bool:
        """A Kreis-level row that is a town: the kreisfreie Stadt (or Stadtkreis) itself."""
        return self.level == self.Level.KREIS and self.official_kind in TOWN_KINDS

    @property
    def country_name(self) -> str:
        from .countries import country_name

        return country_name(self.country)


class RegistryLoad(models.Model):
    """What the registry loader last loaded: lets a second run skip when nothing has changed."""

    fingerprint = models.CharField(_("Prüfsumme"), max_length=64)
    gemeinden = models.PositiveIntegerField(_("Gemeinden"), default=0)
    kreise = models.PositiveIntegerField(_("Kreise"), default=0)
    loaded_at = models.DateTimeField(_("Geladen am"), auto_now=True)

    class Meta:
        verbose_name = _("Registerladung")
        verbose_name_plural = _("Registerladungen")

    def __str__(self):
        return f"{self.fingerprint[:12]} ({self.gemeinden} Gemeinden, {self.kreise} Kreise)"
