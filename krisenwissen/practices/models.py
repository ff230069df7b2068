"""Practice examples (Praxisbeispiele): what a municipality did in a crisis and what it learned.

A practice is a Wagtail snippet rather than a page: there will be thousands of them, they are
filtered rather than browsed as a tree, and imports create them in bulk. The snippet still gets
everything an editorial record needs: drafts, revisions, preview, locking and moderation
workflows. The public only ever sees rows with ``live=True``.
"""

import datetime

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from krisenwissen.contributions.panels import DuplicateWarningPanel
from krisenwissen.core.models import ImportJob
from krisenwissen.places.names import german_slugify

MIN_YEAR = 1990
MAX_YEAR = 2100
#: A published practice is due for review this many months after publication or its last review.
REVIEW_INTERVAL_MONTHS = 12


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months; the 29th–31st fall back to the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


class PracticeQuerySet(models.QuerySet):
    def public(self):
        """Published practices only: the one filter every public view and the API start from."""
        return self.filter(live=True)


class Practice(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    class Language(models.TextChoices):
        DE = "de", _("Deutsch")
        EN = "en", _("Englisch")

    external_id = models.CharField(
        _("Externe ID"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stabiler Schlüssel aus einem Import (z. B. PX-A-001); wird nie wiederverwendet."),
    )
    slug = models.SlugField(_("Kürzel"), max_length=120, unique=True, blank=True)
    language = models.CharField(_("Sprache"), max_length=2, choices=Language.choices, default=Language.DE)
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(
        _("Kurzbeschreibung"), max_length=400, help_text=_("Ein bis zwei Sätze, höchstens 400 Zeichen.")
    )
    description = models.TextField(_("Beschreibung"), help_text=_("Ausgangslage, Vorgehen, Wirkung, Übertragbarkeit."))
    lessons_learned = models.TextField(_("Erkenntnisse"), blank=True)

    municipality = models.ForeignKey(
        "places.Place", verbose_name=_("Kommune"), on_delete=models.PROTECT, related_name="practices"
    )
    municipality_label = models.CharField(
        _("Bezeichnung der Kommune"),
        max_length=200,
        blank=True,
        help_text=_("Wie die Kommune genannt werden soll, wenn es vom Register abweicht (z. B. ein Berliner Bezirk)."),
    )

    themes = ParentalManyToManyField("taxonomy.Theme", verbose_name=_("Schwerpunktthemen"), related_name="practices")
    crisis_types = ParentalManyToManyField(
        "taxonomy.CrisisType", verbose_name=_("Krisenarten"), related_name="practices"
    )
    phases = ParentalManyToManyField("taxonomy.Phase", verbose_name=_("Krisenphasen"), related_name="practices")
    innovation_type = models.ForeignKey(
        "taxonomy.InnovationType", verbose_name=_("Innovationsart"), on_delete=models.PROTECT, related_name="practices"
    )
    origin = models.ForeignKey(
        "taxonomy.Origin", verbose_name=_("Entstehung"), on_delete=models.PROTECT, related_name="practices"
    )
    maturity = models.ForeignKey(
        "taxonomy.Maturity", verbose_name=_("Reifegrad"), on_delete=models.PROTECT, related_name="practices"
    )
    actors = ParentalManyToManyField("taxonomy.Actor", verbose_name=_("Akteure"), related_name="practices", blank=True)
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("Zielgruppen"), related_name="practices", blank=True
    )
    levers = ParentalManyToManyField(
        "taxonomy.Lever", verbose_name=_("Stellschrauben"), related_name="practices", blank=True
    )

    start_year = models.PositiveSmallIntegerField(
        _("Beginn (Jahr)"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("Ende (Jahr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text=_("Leer lassen, wenn die Praxis noch läuft."),
    )
    keywords = ClusterTaggableManager(through="practices.PracticeKeyword", verbose_name=_("Schlagwörter"), blank=True)

    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_role = models.CharField(_("Funktion"), max_length=200, blank=True)
    contact_organisation = models.CharField(_("Dienststelle"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    contact_consent = models.BooleanField(
        _("Einwilligung zur Veröffentlichung"),
        default=False,
        help_text=_("Nur mit schriftlicher Einwilligung der Person werden die Kontaktdaten öffentlich angezeigt."),
    )

    contact_may_be_contacted = models.BooleanField(
        _("Einwilligung zu Nachfragen der Redaktion"),
        default=False,
        help_text=_(
            "Die Ansprechperson ist einverstanden, dass die Redaktion sie anschreibt, z. B. mit der Frage, "
            "ob das Praxisbeispiel noch aktuell ist."
        ),
    )

    last_reviewed = models.DateField(_("Zuletzt geprüft am"), null=True, blank=True)
    review_by = models.DateField(
        _("Prüfen bis"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Bis wann die Redaktion das Praxisbeispiel erneut prüfen soll. Leer lassen: zwölf Monate nach "
            "Veröffentlichung bzw. letzter Prüfung."
        ),
    )
    review_requested_at = models.DateTimeField(
        _("Aktualitätsnachfrage versandt am"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Wann die Ansprechperson zuletzt gefragt wurde, ob das Praxisbeispiel noch genutzt wird."),
    )
    is_demo = models.BooleanField(
        _("Demo-Inhalt"), default=False, help_text=_("Fiktive Beispieldaten; wird öffentlich deutlich gekennzeichnet.")
    )
    import_hash = models.CharField(
        _("Prüfsumme des Imports"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Prüfsumme der zuletzt importierten Zeile; ein erneuter Import überspringt unveränderte Zeilen."),
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True, db_index=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="practice",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="practice",
        for_concrete_model=False,
    )

    objects = PracticeQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("lessons_learned"),
        index.AutocompleteField("title"),
        index.FilterField("live"),
        index.FilterField("language"),
        index.FilterField("is_demo"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
    ]

    content_panels = [
        DuplicateWarningPanel(),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("lessons_learned"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("start_year"), FieldPanel("end_year")]),
        MultiFieldPanel([FieldPanel("municipality"), FieldPanel("municipality_label")], heading=_("Kommune")),
        InlinePanel("images", heading=_("Bilder"), label=_("Bild")),
        InlinePanel("attachments", heading=_("Anhänge"), label=_("Anhang")),
        InlinePanel("links", heading=_("Quellen und Links"), label=_("Link")),
    ]
    classification_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("crisis_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("innovation_type"), FieldPanel("origin"), FieldPanel("maturity")]),
        FieldPanel("actors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("levers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("keywords"),
        MultipleChooserPanel(
            "related_links",
            chooser_field_name="related",
            heading=_("Verwandte Praxisbeispiele"),
            label=_("Praxisbeispiel"),
            help_text=_("Von der Redaktion gewählt; sie erscheinen vor den automatisch ermittelten."),
        ),
    ]
    contact_panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_organisation"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_consent"),
                FieldPanel("contact_may_be_contacted"),
            ],
            heading=_("Ansprechperson"),
        ),
    ]
    meta_panels = [
        FieldPanel("slug"),
        FieldPanel("external_id"),
        FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_by")], heading=_("Aktualität")),
        FieldPanel("is_demo"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(classification_panels, heading=_("Einordnung")),
            ObjectList(contact_panels, heading=_("Kontakt")),
            ObjectList(meta_panels, heading=_("Verwaltung")),
        ]
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("Praxisbeispiel")
        verbose_name_plural = _("Praxisbeispiele")
        indexes = [
            models.Index(fields=["live", "start_year"]),
            models.Index(fields=["live", "title"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Das Ende darf nicht vor dem Beginn liegen.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.build_slug()
        if self.live and self.review_by is None:
            self.review_by = self.default_review_by()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "review_by"}
        super().save(*args, **kwargs)

    def default_review_by(self) -> datetime.date:
        """Twelve months after the last review, or after today (publication) when never reviewed."""
        return add_months(self.last_reviewed or datetime.date.today(), REVIEW_INTERVAL_MONTHS)

    def mark_reviewed(self, day: datetime.date | None = None) -> None:
        """Record a review (by the editors or the contact person) and move the next one a year on."""
        self.last_reviewed = day or datetime.date.today()
        self.review_by = add_months(self.last_reviewed, REVIEW_INTERVAL_MONTHS)

    def build_slug(self) -> str:
        # German transliteration keeps addresses readable: "Ältere" → "aeltere", not "altere".
        base = german_slugify(self.title)[:90] or "praxisbeispiel"
        suffix = german_slugify(self.external_id or "") or None
        candidate = f"{base}-{suffix}" if suffix else base
        n = 2
        while Practice.objects.filter(slug=candidate).exclude(pk=self.pk).exists():
            candidate = f"{base}-{n}"
            n += 1
        return candidate

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "practices/practice_detail.html"

    def get_preview_context(self, request, mode_name):
        from .views import detail_context

        return detail_context(self, request, preview=True)

    @property
    def municipality_display(self) -> str:
        return self.municipality_label or str(self.municipality)

    @property
    def is_running(self) -> bool:
        return self.end_year is None

    @property
    def active_years(self) -> range:
        """Every calendar year in which the practice ran (up to this year if still running)."""
        end = self.end_year or max(datetime.date.today().year, self.start_year)
        return range(self.start_year, end + 1)

    @property
    def public_contact(self) -> dict | None:
        """Contact details for the public page, or None without explicit consent."""
        if not self.contact_consent or not self.contact_name:
            return None
        return {
            "name": self.contact_name,
            "role": self.contact_role,
            "organisation": self.contact_organisation,
            "email": self.contact_email,
            "phone": self.contact_phone,
        }


class PracticeKeyword(TaggedItemBase):
    content_object = ParentalKey(Practice, related_name="tagged_keywords", on_delete=models.CASCADE)


class PracticeImage(Orderable):
    practice = ParentalKey(Practice, related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("Bild"), on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=300,
        help_text=_("Beschreibt, was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können."),
    )
    caption = models.CharField(_("Bildunterschrift"), max_length=300, blank=True)
    credit = models.CharField(_("Bildnachweis"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption"), FieldPanel("credit")]


class PracticeAttachment(Orderable):
    practice = ParentalKey(Practice, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("Dokument"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("Titel"), max_length=200, blank=True, help_text=_("Leer lassen für den Titel des Dokuments.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class PracticeLink(Orderable):
    practice = ParentalKey(Practice, related_name="links", on_delete=models.CASCADE)
    url = models.URLField(_("Adresse"), max_length=500)
    title = models.CharField(_("Titel"), max_length=300)
    accessed = models.DateField(_("Abgerufen am"), null=True, blank=True)

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("accessed")]


class PracticeImportJob(ImportJob):
    """An uploaded JSON Lines file on its way from the admin preview to the import."""

    content = models.TextField(_("Inhalt (JSON Lines)"))
    line_count = models.PositiveIntegerField(_("Zeilen"), default=0)
    skip_invalid = models.BooleanField(_("Ungültige Zeilen überspringen"), default=False)

    class Meta(ImportJob.Meta):
        verbose_name = _("Import von Praxisbeispielen")
        verbose_name_plural = _("Importe von Praxisbeispielen")


class PracticeRelation(Orderable):
    """A related practice chosen by the editors, in their order.

    An orderable with a chooser rather than a many-to-many select box: the editor form stays small
    however many practices exist, and editors pick through the searchable practice chooser.
    """

    practice = ParentalKey(Practice, related_name="related_links", on_delete=models.CASCADE)
    related = models.ForeignKey(Practice, verbose_name=_("Praxisbeispiel"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("Verwandtes Praxisbeispiel")
        verbose_name_plural = _("Verwandte Praxisbeispiele")
