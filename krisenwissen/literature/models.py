"""Literature records: what CSL-JSON can express about a source, plus the platform's own fields.

A record is a Wagtail snippet (drafts, revisions, locking, moderation, preview) like a practice:
there are thousands, imported in bulk and filtered rather than browsed as a tree. Authors and
editors are separate rows (:class:`LiteratureCreator`) that are either a *person* (family and
given name) or an *organisation* (one literal name): "Ministerie van Algemene Zaken" stays one
name and is never split into family and given name.

The public only ever sees ``live=True`` rows (:meth:`LiteratureQuerySet.public`).
"""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
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

from krisenwissen.core.models import ImportJob

MIN_YEAR = 1000
MAX_YEAR = 2100


class CslType(models.TextChoices):
    """The CSL item types the platform distinguishes (CSL 1.0.2 names)."""

    ARTICLE_JOURNAL = "article-journal", _("Zeitschriftenartikel")
    ARTICLE_NEWSPAPER = "article-newspaper", _("Zeitungsartikel")
    ARTICLE_MAGAZINE = "article-magazine", _("Magazinartikel")
    ARTICLE = "article", _("Artikel")
    BOOK = "book", _("Buch")
    CHAPTER = "chapter", _("Buchkapitel")
    REPORT = "report", _("Bericht")
    WEBPAGE = "webpage", _("Webseite")
    POST_WEBLOG = "post-weblog", _("Blogbeitrag")
    LEGISLATION = "legislation", _("Rechtstext")
    LEGAL_CASE = "legal_case", _("Gerichtsentscheidung")
    THESIS = "thesis", _("Hochschulschrift")
    DATASET = "dataset", _("Datensatz")
    PAPER_CONFERENCE = "paper-conference", _("Konferenzbeitrag")
    ENTRY_ENCYCLOPEDIA = "entry-encyclopedia", _("Lexikonartikel")
    MOTION_PICTURE = "motion_picture", _("Video")
    MANUSCRIPT = "manuscript", _("Manuskript")
    DOCUMENT = "document", _("Dokument")


class DocumentCategory(models.TextChoices):
    """The platform's editorial grouping of literature (independent of the bibliographic type)."""

    HANDBOOK = "handbook", _("Handbuch und Überblick")
    STATEMENT = "statement", _("Stellungnahme und Empfehlung")
    STUDY = "study", _("Studie und Analyse")
    PRACTICE_REPORT = "practice-report", _("Praxisbericht")
    LEGAL = "legal", _("Rechtsgrundlage")
    NEWS = "news", _("Nachricht und Presse")
    OTHER = "other", _("Sonstiges")


class LiteratureQuerySet(models.QuerySet):
    def public(self):
        """Published records only: the one filter every public view and the API start from."""
        return self.filter(live=True)


class Literature(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    csl_type = models.CharField(_("Typ"), max_length=30, choices=CslType.choices, default=CslType.DOCUMENT)
    title = models.CharField(_("Titel"), max_length=1000)
    short_title = models.CharField(_("Kurztitel"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("Jahr"), null=True, blank=True, validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    month = models.PositiveSmallIntegerField(
        _("Monat"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("Tag"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    container_title = models.CharField(
        _("Erschienen in"), max_length=500, blank=True, help_text=_("Zeitschrift, Sammelband, Website oder Zeitung.")
    )
    collection_title = models.CharField(_("Reihe"), max_length=500, blank=True)
    publisher = models.CharField(_("Verlag / Herausgebende Stelle"), max_length=500, blank=True)
    publisher_place = models.CharField(_("Verlagsort"), max_length=200, blank=True)
    volume = models.CharField(_("Band / Jahrgang"), max_length=50, blank=True)
    issue = models.CharField(_("Heft"), max_length=50, blank=True)
    page = models.CharField(_("Seiten"), max_length=50, blank=True)
    edition = models.CharField(_("Auflage"), max_length=50, blank=True)
    number = models.CharField(_("Nummer"), max_length=100, blank=True, help_text=_("Berichts- oder Gesetzesnummer."))
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, help_text=_("Ohne https://doi.org/, z. B. 10.1000/xyz")
    )
    isbn = models.CharField(_("ISBN"), max_length=100, blank=True)
    issn = models.CharField(_("ISSN"), max_length=100, blank=True)
    url = models.URLField(_("Adresse (URL)"), max_length=2000, blank=True)
    accessed = models.DateField(_("Abgerufen am"), null=True, blank=True)
    abstract = models.TextField(_("Zusammenfassung"), blank=True)
    language = models.CharField(
        _("Sprache"), max_length=20, blank=True, help_text=_("Sprachcode nach BCP 47, z. B. de, en, fr.")
    )
    keywords = models.JSONField(_("Schlagwörter"), default=list, blank=True)
    note = models.TextField(_("Anmerkung (bibliografisch)"), blank=True)

    document_category = models.CharField(
        _("Dokumentkategorie"), max_length=30, choices=DocumentCategory.choices, blank=True
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("Schwerpunktthemen"), related_name="literature", blank=True
    )
    crisis_types = ParentalManyToManyField(
        "taxonomy.CrisisType", verbose_name=_("Krisenarten"), related_name="literature", blank=True
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("Zielgruppen"), related_name="literature", blank=True
    )
    levers = ParentalManyToManyField(
        "taxonomy.Lever", verbose_name=_("Stellschrauben"), related_name="literature", blank=True
    )
    practices = ParentalManyToManyField(
        "practices.Practice",
        verbose_name=_("Belegte Praxisbeispiele"),
        related_name="literature",
        blank=True,
        help_text=_("Praxisbeispiele, für die diese Quelle als Beleg dient."),
    )
    editorial_notes = models.TextField(_("Redaktionelle Notizen"), blank=True, help_text=_("Nicht öffentlich."))
    is_demo = models.BooleanField(
        _("Demo-Inhalt"), default=False, help_text=_("Fiktive Beispieldaten; wird öffentlich deutlich gekennzeichnet.")
    )
    import_source = models.CharField(
        _("Importquelle"), max_length=300, blank=True, help_text=_("Datei und Format, aus denen der Datensatz stammt.")
    )
    source_id = models.CharField(
        _("ID in der Quelle"), max_length=300, blank=True, help_text=_("Z. B. BibTeX-Schlüssel oder Zotero-ID.")
    )
    import_hash = models.CharField(_("Prüfsumme des Imports"), max_length=64, blank=True, editable=False)
    # Normalised keys for duplicate detection; kept in sync by save() and the importer.
    doi_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    isbn_key = models.CharField(max_length=20, blank=True, editable=False, db_index=True)
    title_key = models.CharField(max_length=300, blank=True, editable=False, db_index=True)
    author_key = models.CharField(max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True, db_index=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="literature",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="literature",
        for_concrete_model=False,
    )

    objects = LiteratureQuerySet.as_manager()

    content_panels = [
        FieldRowPanel([FieldPanel("csl_type"), FieldPanel("document_category")]),
        FieldPanel("title"),
        FieldPanel("short_title"),
        InlinePanel("creators", heading=_("Autor:innen und Herausgeber:innen"), label=_("Person oder Organisation")),
        FieldRowPanel([FieldPanel("year"), FieldPanel("month"), FieldPanel("day")], heading=_("Datum")),
        MultiFieldPanel(
            [
                FieldPanel("container_title"),
                FieldPanel("collection_title"),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("publisher_place")]),
                FieldRowPanel([FieldPanel("volume"), FieldPanel("issue"), FieldPanel("page")]),
                FieldRowPanel([FieldPanel("edition"), FieldPanel("number")]),
            ],
            heading=_("Erscheinungsangaben"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("doi"), FieldPanel("isbn"), FieldPanel("issn")]),
                FieldRowPanel([FieldPanel("url"), FieldPanel("accessed")]),
            ],
            heading=_("Kennungen und Adresse"),
        ),
        FieldPanel("abstract"),
        FieldRowPanel([FieldPanel("language")]),
        FieldPanel("keywords"),
        FieldPanel("note"),
    ]
    classification_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("crisis_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("levers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("practices"),
    ]
    meta_panels = [
        FieldPanel("editorial_notes"),
        FieldPanel("is_demo"),
        FieldPanel("import_source", read_only=True),
        FieldPanel("source_id", read_only=True),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Angaben")),
            ObjectList(classification_panels, heading=_("Einordnung")),
            ObjectList(meta_panels, heading=_("Verwaltung")),
        ]
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("Literatur")
        verbose_name_plural = _("Literatur")
        indexes = [models.Index(fields=["live", "year"])]

    def __str__(self):
        return self.title if len(self.title) <= 120 else self.title[:119] + "…"

    def clean(self):
        super().clean()
        if self.day and not self.month:
            raise ValidationError({"day": _("Ein Tag ohne Monat ist nicht möglich.")})
        if self.month and not self.year:
            raise ValidationError({"month": _("Ein Monat ohne Jahr ist nicht möglich.")})
        if not isinstance(self.keywords, list) or not all(isinstance(k, str) for k in self.keywords):
            raise ValidationError({"keywords": _("Schlagwörter müssen eine Liste von Texten sein.")})

    def save(self, *args, **kwargs):
        from .dedupe import keys_for_instance

        self.doi_key, self.isbn_key, self.title_key = keys_for_instance(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("literature:detail", kwargs={"pk": self.pk})

    def get_preview_template(self, request, mode_name):
        return "literature/literature_detail.html"

    def get_preview_context(self, request, mode_name):
        from .views import detail_context

        return detail_context(self, request, preview=True)

    @property
    def authors(self) -> list["LiteratureCreator"]:
        return [c for c in self.creators.all() if c.role == LiteratureCreator.Role.AUTHOR]

    @property
    def editors(self) -> list["LiteratureCreator"]:
        return [c for c in self.creators.all() if c.role == LiteratureCreator.Role.EDITOR]

    @property
    def date_label(self) -> str:
        if not self.year:
            return ""
        if self.month and self.day:
            return f"{self.day:02d}.{self.month:02d}.{self.year}"
        if self.month:
            return f"{self.month:02d}/{self.year}"
        return str(self.year)


class LiteratureCreator(Orderable):
    """An author, editor or translator: a person (family, given) or an organisation (one name)."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("Autor:in")
        EDITOR = "editor", _("Herausgeber:in")
        TRANSLATOR = "translator", _("Übersetzer:in")

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    literature = ParentalKey(Literature, related_name="creators", on_delete=models.CASCADE)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.AUTHOR)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    family = models.CharField(_("Nachname"), max_length=200, blank=True)
    given = models.CharField(_("Vorname(n)"), max_length=200, blank=True)
    name = models.CharField(
        _("Name der Organisation"), max_length=500, blank=True, help_text=_("Nur für Organisationen.")
    )

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("family"), FieldPanel("given")]),
        FieldPanel("name"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Beteiligte Person oder Organisation")
        verbose_name_plural = _("Beteiligte")

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        if self.kind == self.Kind.ORGANISATION and not self.name:
            raise ValidationError({"name": _("Bitte den Namen der Organisation angeben.")})
        if self.kind == self.Kind.PERSON and not self.family:
            raise ValidationError({"family": _("Bitte den Nachnamen angeben.")})

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.ORGANISATION:
            return self.name
        return f"{self.family}, {self.given}" if self.given else self.family

    def as_csl(self) -> dict:
        if self.kind == self.Kind.ORGANISATION:
            return {"literal": self.name}
        return {"family": self.family, "given": self.given} if self.given else {"family": self.family}


class LiteratureImportJob(ImportJob):
    """An uploaded bibliography file on its way from the admin preview to the import.

    The decoded text is kept so the confirm step and a background task read exactly what the
    editor previewed; the decision for duplicates (merge or skip) is stored with it, and the
    background task reports its step and progress here for the job page.
    """

    class DuplicateAction(models.TextChoices):
        SKIP = "skip", _("Dubletten überspringen")
        MERGE = "merge", _("Dubletten zusammenführen (leere Felder des vorhandenen Datensatzes ergänzen)")

    format = models.CharField(_("Format"), max_length=20)
    record_count = models.PositiveIntegerField(_("Datensätze"), default=0)
    duplicate_action = models.CharField(
        _("Umgang mit Dubletten"), max_length=10, choices=DuplicateAction.choices, default=DuplicateAction.SKIP
    )
    phase = models.CharField(_("Arbeitsschritt"), max_length=40, blank=True)
    progress = models.PositiveIntegerField(_("Fortschritt (Datensätze)"), default=0)
    progress_total = models.PositiveIntegerField(_("Fortschritt (gesamt)"), default=0)

    class Meta(ImportJob.Meta):
        verbose_name = _("Literaturimport")
        verbose_name_plural = _("Literaturimporte")

    @property
    def progress_percent(self) -> int:
        return min(100, round(100 * self.progress / self.progress_total)) if self.progress_total else 0
