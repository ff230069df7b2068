"""Editorial pages of the platform: the home page and free-standing pages such as the Impressum."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The start page. Its entry points (themes, crisis types, target groups) come from the taxonomy."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = RichTextField(_("Text"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["core.StandardPage", "recommendations.RecommendationIndexPage"]

    class Meta:
        verbose_name = _("Startseite")

    def get_context(self, request, *args, **kwargs):
        from .services import home_entry_points

        context = super().get_context(request, *args, **kwargs)
        context.update(home_entry_points())
        return context


class StandardPage(Page):
    """A plain editorial page: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit, …"""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = RichTextField(_("Text"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


#: Licences offered for the platform's content; each has a DCAT-AP.de licence identifier
#: (see ``krisenwissen/opendata/licences.py``), so the open-data catalogue can name it.
CONTENT_LICENCE_CHOICES = [
    ("CC BY 4.0", "CC BY 4.0 (Namensnennung)"),
    ("CC BY-SA 4.0", "CC BY-SA 4.0 (Namensnennung, Weitergabe unter gleichen Bedingungen)"),
    ("CC0 1.0", "CC0 1.0 (gemeinfrei)"),
    ("DL-DE BY 2.0", "Datenlizenz Deutschland – Namensnennung 2.0"),
    ("DL-DE ZERO 2.0", "Datenlizenz Deutschland – Zero 2.0"),
]


@register_setting(icon="cog")
class PlatformSettings(BaseGenericSetting):
    """Settings editors change without a deployment.

    One set for the whole platform rather than per Wagtail site: there is one public site, and a
    generic setting is read without a site lookup on every page.
    """

    operator_name = models.CharField(_("Betreiber"), max_length=200, default="Krisenwissen (Demo-Betrieb)")
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    content_licence = models.CharField(
        _("Lizenz der Inhalte"),
        max_length=100,
        default="CC BY 4.0",
        choices=CONTENT_LICENCE_CHOICES,
        help_text=_(
            "Gilt für alle Inhalte, Downloads unter /daten/, die Schnittstelle und den Datenkatalog "
            "(DCAT-AP.de), soweit nicht anders angegeben."
        ),
    )
    content_licence_url = models.URLField(
        _("Lizenz-Adresse"), default="https://creativecommons.org/licenses/by/4.0/deed.de"
    )

    panels = [
        FieldPanel("operator_name"),
        FieldPanel("contact_email"),
        FieldPanel("content_licence"),
        FieldPanel("content_licence_url"),
    ]

    class Meta:
        verbose_name = _("Plattform-Einstellungen")


class ImportJob(models.Model):
    """An uploaded file on its way from the CMS preview to the import (practices, literature).

    The file text is kept in the row (not on disk) so that the confirm step and a background task
    on another machine read exactly what the editor previewed. Each app adds what its import needs.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Geprüft, wartet auf Bestätigung")
        QUEUED = "queued", _("In der Warteschlange")
        RUNNING = "running", _("Läuft")
        SUCCEEDED = "succeeded", _("Abgeschlossen")
        FAILED = "failed", _("Fehlgeschlagen")

    filename = models.CharField(_("Dateiname"), max_length=255)
    content = models.TextField(_("Inhalt"))
    is_demo = models.BooleanField(_("Als Demo-Inhalt importieren"), default=False)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    preview = models.JSONField(_("Vorschau"), default=dict, blank=True)
    report = models.JSONField(_("Ergebnis"), default=dict, blank=True)
    errors = models.JSONField(_("Fehler"), default=list, blank=True)
    task_id = models.CharField(_("Aufgaben-ID"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Hochgeladen von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Hochgeladen am"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Beendet am"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}
