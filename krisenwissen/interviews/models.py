"""Expert interviews: self-hosted audio or video with WebVTT captions, chapters and a full transcript.

An interview is a snippet like a practice example (drafts, revisions, preview, locking,
moderation), because interviews are filtered by theme rather than browsed as a tree. The media
file and its captions are plain files in the media storage, uploaded in the interview's own form
and served by :mod:`.views` from this host only: no third-party player, no embed, no request to
another host. The transcript is ordinary text on the page and in the search, so everything said in
the interview is available without playing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from krisenwissen.places.names import german_slugify

#: Extension → (kind, MIME type) of the media formats browsers play natively.
MEDIA_FORMATS = {
    "mp3": ("audio", "audio/mpeg"),
    "m4a": ("audio", "audio/mp4"),
    "ogg": ("audio", "audio/ogg"),
    "oga": ("audio", "audio/ogg"),
    "opus": ("audio", "audio/ogg"),
    "wav": ("audio", "audio/wav"),
    "mp4": ("video", "video/mp4"),
    "webm": ("video", "video/webm"),
    "ogv": ("video", "video/ogg"),
}
MAX_MEDIA_BYTES = 500 * 1024 * 1024
MAX_CAPTION_BYTES = 2 * 1024 * 1024
TIMESTAMP_RE = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")
SPEAKER_RE = re.compile(r"^([^:\n]{1,60}):\s+(.+)$", re.DOTALL)


def parse_timestamp(value: str) -> int | None:
    """Seconds of "m:ss", "mm:ss" or "h:mm:ss"; ``None`` if the text is not such a time."""
    match = TIMESTAMP_RE.match((value or "").strip())
    if not match:
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def format_timestamp(seconds: int) -> str:
    """ "1:05" for 65 seconds, "1:02:05" past the hour."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def validate_timestamp(value: str) -> None:
    if parse_timestamp(value) is None:
        raise ValidationError(_("Bitte als Minuten:Sekunden (z. B. 4:05) oder Stunden:Minuten:Sekunden angeben."))


def validate_media_size(file) -> None:
    if file.size > MAX_MEDIA_BYTES:
        raise ValidationError(_("Die Mediendatei ist größer als 500 MB."))


def validate_webvtt(file) -> None:
    """A caption file must be WebVTT (it starts with ``WEBVTT``) in UTF-8 and reasonably small."""
    if file.size > MAX_CAPTION_BYTES:
        raise ValidationError(_("Die Untertiteldatei ist größer als 2 MB."))
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(64)
    file.seek(position)
    if isinstance(head, str):
        head = head.encode("utf-8")
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    if not text.startswith("WEBVTT"):
        raise ValidationError(_("Die Untertitel müssen im Format WebVTT vorliegen (die Datei beginnt mit „WEBVTT“)."))


@dataclass(frozen=True)
class TranscriptParagraph:
    speaker: str
    text: str


def parse_transcript(text: str) -> list[TranscriptParagraph]:
    """Paragraphs separated by blank lines; a leading "Name: " names the speaker."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        block = block.strip()
        if not block:
            continue
        match = SPEAKER_RE.match(block)
        if match and not match.group(1).strip().startswith(("http", "www")):
            paragraphs.append(TranscriptParagraph(match.group(1).strip(), match.group(2).strip()))
        else:
            paragraphs.append(TranscriptParagraph("", block))
    return paragraphs


class InterviewQuerySet(models.QuerySet):
    def public(self):
        """Published interviews only: every public view and the API start from here."""
        return self.filter(live=True)


class Interview(
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

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kürzel"), max_length=120, unique=True, blank=True)
    language = models.CharField(_("Sprache"), max_length=2, choices=Language.choices, default=Language.DE)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=500)
    interviewee_name = models.CharField(_("Name der interviewten Person"), max_length=200)
    interviewee_role = models.CharField(_("Funktion"), max_length=200)
    interviewee_organisation = models.CharField(_("Organisation"), max_length=200)
    interviewer = models.CharField(_("Interview geführt von"), max_length=200, blank=True)
    recorded_on = models.DateField(_("Aufgezeichnet am"), null=True, blank=True)

    media_file = models.FileField(
        _("Audio- oder Videodatei"),
        upload_to="interviews/media/",
        validators=[FileExtensionValidator(list(MEDIA_FORMATS)), validate_media_size],
        help_text=_(
            "MP3, M4A, OGG, Opus oder WAV (Audio); MP4, WebM oder OGV (Video). "
            "Wird nur von dieser Website ausgeliefert."
        ),
    )
    captions_file = models.FileField(
        _("Untertitel (WebVTT)"),
        upload_to="interviews/captions/",
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
        help_text=_("Untertitel im Format WebVTT (.vtt), in der Sprache des Interviews."),
    )
    duration_seconds = models.PositiveIntegerField(_("Dauer (Sekunden)"), null=True, blank=True)
    transcript = models.TextField(
        _("Transkript"),
        help_text=_(
            "Das vollständige Gespräch. Absätze durch Leerzeilen trennen; „Name: Text“ nennt die sprechende Person."
        ),
    )

    themes = ParentalManyToManyField("taxonomy.Theme", verbose_name=_("Schwerpunktthemen"), related_name="interviews")
    crisis_types = ParentalManyToManyField(
        "taxonomy.CrisisType", verbose_name=_("Krisenarten"), related_name="interviews", blank=True
    )
    levers = ParentalManyToManyField(
        "taxonomy.Lever", verbose_name=_("Stellschrauben"), related_name="interviews", blank=True
    )

    is_demo = models.BooleanField(
        _("Demo-Inhalt"), default=False, help_text=_("Fiktive Beispieldaten; wird öffentlich deutlich gekennzeichnet.")
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="interview",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="interview",
        for_concrete_model=False,
    )

    objects = InterviewQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("interviewee_name"),
        index.SearchField("transcript"),
        index.AutocompleteField("title"),
        index.FilterField("live"),
    ]

    content_panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("interviewee_name"),
                FieldPanel("interviewee_role"),
                FieldPanel("interviewee_organisation"),
                FieldPanel("interviewer"),
            ],
            heading=_("Gesprächspartner"),
        ),
        FieldRowPanel([FieldPanel("language"), FieldPanel("recorded_on"), FieldPanel("duration_seconds")]),
    ]
    media_panels = [
        FieldPanel("media_file"),
        FieldPanel("captions_file"),
        InlinePanel("chapters", heading=_("Kapitel"), label=_("Kapitel")),
        FieldPanel("transcript"),
    ]
    classification_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("crisis_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("levers", widget=forms.CheckboxSelectMultiple),
    ]
    meta_panels = [FieldPanel("slug"), FieldPanel("is_demo")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(media_panels, heading=_("Medien und Transkript")),
            ObjectList(classification_panels, heading=_("Einordnung")),
            ObjectList(meta_panels, heading=_("Verwaltung")),
        ]
    )

    class Meta:
        ordering = ["-recorded_on", "title"]
        verbose_name = _("Interview")
        verbose_name_plural = _("Interviews")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            base = german_slugify(self.title)[:100] or "interview"
            candidate, n = base, 2
            while Interview.objects.filter(slug=candidate).exclude(pk=self.pk).exists():
                candidate, n = f"{base}-{n}", n + 1
            self.slug = candidate
        super().save(*args, **kwargs)
        # The search document includes the chapters, which ClusterableModel saves only after post_save.
        from krisenwissen.search.signals import on_saved

        on_saved(type(self), self)

    def get_absolute_url(self) -> str:
        return reverse("interviews:detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "interviews/interview_detail.html"

    def get_preview_context(self, request, mode_name):
        from .views import detail_context

        return detail_context(self, preview=True)

    @property
    def media_extension(self) -> str:
        return PurePosixPath(self.media_file.name or "").suffix.lower().lstrip(".")

    @property
    def media_kind(self) -> str:
        """ "audio" or "video"."""
        return MEDIA_FORMATS.get(self.media_extension, ("audio", ""))[0]

    @property
    def media_type(self) -> str:
        return MEDIA_FORMATS.get(self.media_extension, ("", "application/octet-stream"))[1]

    @property
    def duration_label(self) -> str:
        return format_timestamp(self.duration_seconds) if self.duration_seconds else ""

    @property
    def transcript_paragraphs(self) -> list[TranscriptParagraph]:
        return parse_transcript(self.transcript)

    @property
    def interviewee_display(self) -> str:
        return f"{self.interviewee_name} ({self.interviewee_role}, {self.interviewee_organisation})"


class InterviewChapter(Orderable):
    interview = ParentalKey(Interview, related_name="chapters", on_delete=models.CASCADE)
    start = models.CharField(
        _("Beginn"), max_length=10, validators=[validate_timestamp], help_text=_("z. B. 4:05 oder 1:02:30")
    )
    title = models.CharField(_("Titel"), max_length=200)

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("title")])]

    class Meta(Orderable.Meta):
        verbose_name = _("Kapitel")
        verbose_name_plural = _("Kapitel")

    def __str__(self):
        return f"{self.start} {self.title}"

    @property
    def seconds(self) -> int:
        return parse_timestamp(self.start) or 0

    @property
    def label(self) -> str:
        return format_timestamp(self.seconds)
