"""Editorial pages of the platform: the home page and free-standing pages such as the Impressum."""

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
