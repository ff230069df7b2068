"""News, events and training offers of the platform.

All three are editorial snippets (drafts, revisions, preview, moderation) with plain list and
detail pages: ``/aktuelles/``, ``/termine/`` (upcoming; past events move to ``/termine/archiv/``
on their own once they are over) and ``/fortbildungen/``. Events are also published as an iCal
feed (``/termine/feed.ics``) and one ``.ics`` file per event.
"""

import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from krisenwissen.research.editorial import EditorialSnippet, PublicQuerySet
from krisenwissen.taxonomy.models import Term

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class Audience(Term):
    """Who an event or a training offer is meant for: specialists, managers, council members."""

    class Meta(Term.Meta):
        verbose_name = _("Adressatenkreis")
        verbose_name_plural = _("Adressatenkreise")


class Format(models.TextChoices):
    ON_SITE = "praesenz", _("Vor Ort")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


def _classification_panels():
    return [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("levers", widget=forms.CheckboxSelectMultiple),
    ]


class NewsItem(EditorialSnippet):
    slug_fallback = "meldung"

    title = models.CharField(_("Titel"), max_length=250)
    date = models.DateField(_("Datum"), default=datetime.date.today)
    teaser = models.TextField(_("Anreißer"), max_length=400, help_text=_("Ein bis zwei Sätze für die Liste."))
    body = RichTextField(_("Text"), features=RICH_TEXT_FEATURES)
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("Schwerpunktthemen"), related_name="news_items", blank=True
    )
    levers = ParentalManyToManyField(
        "taxonomy.Lever", verbose_name=_("Stellschrauben"), related_name="news_items", blank=True
    )

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("teaser", boost=2),
        index.SearchField("body"),
        index.FilterField("live"),
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("date"),
        FieldPanel("teaser"),
        FieldPanel("body"),
        MultiFieldPanel(_classification_panels(), heading=_("Einordnung")),
        MultiFieldPanel([FieldPanel("slug"), FieldPanel("is_demo")], heading=_("Verwaltung")),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")

    def get_absolute_url(self) -> str:
        return reverse("news:detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "news/news_item.html"

    def get_preview_context(self, request, mode_name):
        return {"item": self, "preview": True}


class EventQuerySet(PublicQuerySet):
    def upcoming(self, today: datetime.date | None = None):
        """Events that have not ended yet (an event without end date ends on its start day)."""
        today = today or timezone.localdate()
        return self.filter(models.Q(end_date__gte=today) | models.Q(end_date__isnull=True, start_date__gte=today))

    def past(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(models.Q(end_date__lt=today) | models.Q(end_date__isnull=True, start_date__lt=today))


class Event(EditorialSnippet):
    slug_fallback = "termin"

    title = models.CharField(_("Titel"), max_length=250)
    teaser = models.TextField(_("Kurzbeschreibung"), max_length=400)
    description = RichTextField(_("Beschreibung"), blank=True, features=RICH_TEXT_FEATURES)
    start_date = models.DateField(_("Datum (Beginn)"))
    start_time = models.TimeField(_("Uhrzeit (Beginn)"), null=True, blank=True, help_text=_("Leer: ganztägig."))
    end_date = models.DateField(_("Datum (Ende)"), null=True, blank=True, help_text=_("Leer: endet am selben Tag."))
    end_time = models.TimeField(_("Uhrzeit (Ende)"), null=True, blank=True)
    format = models.CharField(_("Format"), max_length=20, choices=Format.choices, default=Format.ON_SITE)
    venue = models.CharField(_("Ort"), max_length=250, blank=True, help_text=_("Haus, Raum"))
    address = models.CharField(_("Anschrift"), max_length=300, blank=True)
    city = models.CharField(_("Stadt"), max_length=120, blank=True)
    online_note = models.CharField(
        _("Hinweis zur Teilnahme online"),
        max_length=300,
        blank=True,
        help_text=_("z. B. „Zugangsdaten nach der Anmeldung per E-Mail“ – keine Zugangsdaten öffentlich eintragen."),
    )
    organiser = models.CharField(_("Veranstalter"), max_length=250, blank=True)
    registration_url = models.URLField(_("Anmeldung (Adresse)"), max_length=500, blank=True)
    registration_deadline = models.DateField(_("Anmeldeschluss"), null=True, blank=True)
    target_group = models.CharField(
        _("Zielgruppe"), max_length=300, blank=True, help_text=_("z. B. „Krisenstäbe kleiner Kommunen“")
    )
    audiences = ParentalManyToManyField(Audience, verbose_name=_("Adressatenkreis"), related_name="events", blank=True)
    fee = models.CharField(_("Kosten"), max_length=200, blank=True, help_text=_("Leer lassen, wenn kostenfrei."))
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("Schwerpunktthemen"), related_name="events", blank=True
    )
    levers = ParentalManyToManyField(
        "taxonomy.Lever", verbose_name=_("Stellschrauben"), related_name="events", blank=True
    )

    objects = EventQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("teaser", boost=2),
        index.SearchField("description"),
        index.FilterField("live"),
    ]
    content_panels = [FieldPanel("title"), FieldPanel("teaser"), FieldPanel("description")]
    practical_panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
        FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
        FieldPanel("format"),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address"), FieldPanel("city"), FieldPanel("online_note")],
            heading=_("Ort"),
        ),
        FieldPanel("organiser"),
        FieldRowPanel([FieldPanel("registration_url"), FieldPanel("registration_deadline")]),
        FieldPanel("target_group"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("fee"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(practical_panels, heading=_("Termin und Ort")),
            ObjectList(_classification_panels(), heading=_("Einordnung")),
            ObjectList([FieldPanel("slug"), FieldPanel("is_demo")], heading=_("Verwaltung")),
        ]
    )

    class Meta:
        ordering = ["start_date", "start_time", "title"]
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("Das Ende darf nicht vor dem Beginn liegen.")
        elif (
            self.start_time
            and self.end_time
            and (self.end_date is None or self.end_date == self.start_date)
            and self.end_time < self.start_time
        ):
            errors["end_time"] = _("Die Endzeit darf nicht vor der Anfangszeit liegen.")
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Bitte auch eine Anfangszeit angeben, wenn eine Endzeit angegeben ist.")
        if self.format != Format.ONLINE and not (self.venue or self.city):
            errors["city"] = _("Bitte einen Ort angeben (oder das Format „Online“ wählen).")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("news:event_detail", kwargs={"slug": self.slug})

    def get_ics_url(self) -> str:
        return reverse("news:event_ics", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "news/event.html"

    def get_preview_context(self, request, mode_name):
        return {"event": self, "preview": True}

    @property
    def last_day(self) -> datetime.date:
        return self.end_date or self.start_date

    def is_past(self, today: datetime.date | None = None) -> bool:
        return self.last_day < (today or timezone.localdate())

    @property
    def is_all_day(self) -> bool:
        return self.start_time is None

    @property
    def is_multi_day(self) -> bool:
        return bool(self.end_date and self.end_date != self.start_date)

    @property
    def is_free(self) -> bool:
        return not self.fee.strip()

    @property
    def has_place(self) -> bool:
        return self.format != Format.ONLINE

    @property
    def place_label(self) -> str:
        parts = [p for p in (self.venue, self.address, self.city) if p]
        return ", ".join(parts)

    def starts_at(self) -> datetime.datetime | None:
        if self.start_time is None:
            return None
        return datetime.datetime.combine(self.start_date, self.start_time, tzinfo=_zone())

    def ends_at(self) -> datetime.datetime | None:
        if self.start_time is None:
            return None
        if self.end_time is None:
            # An event with a start time but no end time is entered in calendars as one hour long.
            return self.starts_at() + datetime.timedelta(hours=1)
        return datetime.datetime.combine(self.last_day, self.end_time, tzinfo=_zone())


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class TrainingOffer(EditorialSnippet):
    slug_fallback = "fortbildung"

    title = models.CharField(_("Titel"), max_length=250)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=500)
    description = RichTextField(_("Beschreibung"), blank=True, features=RICH_TEXT_FEATURES)
    provider = models.CharField(_("Anbieter"), max_length=250)
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("Adressatenkreis"), related_name="training_offers", blank=True
    )
    duration = models.CharField(_("Dauer"), max_length=120, help_text=_("z. B. „2 Tage“ oder „4 × 3 Stunden“"))
    format = models.CharField(_("Format"), max_length=20, choices=Format.choices, default=Format.ON_SITE)
    fee = models.CharField(_("Kosten"), max_length=200, blank=True, help_text=_("Leer lassen, wenn kostenfrei."))
    dates_note = models.CharField(
        _("Termine"), max_length=300, blank=True, help_text=_("z. B. „zweimal jährlich, nächster Kurs im März“")
    )
    registration_url = models.URLField(_("Anmeldung / weitere Informationen"), max_length=500, blank=True)
    certificate = models.CharField(
        _("Abschluss"), max_length=200, blank=True, help_text=_("z. B. Teilnahmebescheinigung")
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("Schwerpunktthemen"), related_name="training_offers", blank=True
    )
    levers = ParentalManyToManyField(
        "taxonomy.Lever", verbose_name=_("Stellschrauben"), related_name="training_offers", blank=True
    )

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.FilterField("live"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("summary"),
                    FieldPanel("description"),
                    InlinePanel("modules", heading=_("Module"), label=_("Modul")),
                ],
                heading=_("Inhalt"),
            ),
            ObjectList(
                [
                    FieldPanel("provider"),
                    FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                    FieldRowPanel([FieldPanel("duration"), FieldPanel("format")]),
                    FieldPanel("dates_note"),
                    FieldPanel("fee"),
                    FieldPanel("certificate"),
                    FieldPanel("registration_url"),
                ],
                heading=_("Rahmen"),
            ),
            ObjectList(_classification_panels(), heading=_("Einordnung")),
            ObjectList([FieldPanel("slug"), FieldPanel("is_demo")], heading=_("Verwaltung")),
        ]
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("Fortbildungsangebot")
        verbose_name_plural = _("Fortbildungsangebote")

    def get_absolute_url(self) -> str:
        return reverse("news:training_detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "news/training_offer.html"

    def get_preview_context(self, request, mode_name):
        return {"offer": self, "modules": list(self.modules.all()), "preview": True}

    @property
    def is_free(self) -> bool:
        return not self.fee.strip()


class TrainingModule(Orderable):
    offer = ParentalKey(TrainingOffer, related_name="modules", on_delete=models.CASCADE)
    title = models.CharField(_("Titel"), max_length=250)
    description = models.TextField(_("Inhalt"), blank=True)
    duration = models.CharField(_("Dauer"), max_length=80, blank=True, help_text=_("z. B. „3 Stunden“"))

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("duration")]

    class Meta(Orderable.Meta):
        verbose_name = _("Modul")
        verbose_name_plural = _("Module")

    def __str__(self):
        return self.title
