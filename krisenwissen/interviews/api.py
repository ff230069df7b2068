"""``/api/v1/interviews``: published expert interviews with chapters, transcript and file addresses."""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from krisenwissen.api.schemas import ErrorOut

from .models import Interview

router = Router(tags=["Interviews"])


class ChapterOut(Schema):
    start: str = Field(description="Beginn als m:ss oder h:mm:ss")
    seconds: int
    title: str


class InterviewOut(Schema):
    slug: str
    title: str
    summary: str
    language: str
    interviewee_name: str
    interviewee_role: str
    interviewee_organisation: str
    recorded_on: datetime.date | None
    duration_seconds: int | None
    media_kind: str = Field(description="audio oder video")
    themes: list[str]
    is_demo: bool = Field(description="Fiktive Demo-Daten; muss bei der Anzeige gekennzeichnet werden")
    url: str


class InterviewDetailOut(InterviewOut):
    media_url: str = Field(description="Audio- oder Videodatei (von dieser Website)")
    media_type: str
    captions_url: str = Field(description="Untertitel im Format WebVTT")
    chapters: list[ChapterOut]
    transcript: str


class InterviewListOut(Schema):
    count: int
    results: list[InterviewOut]


class InterviewFilters(Schema):
    themes: list[str] = Field(default_factory=list, description="Schwerpunktthemen (Kürzel); mehrere = UND")


def _record(request: HttpRequest, interview: Interview) -> dict:
    with translation.override("de"):
        url = request.build_absolute_uri(interview.get_absolute_url())
    return {
        "slug": interview.slug,
        "title": interview.title,
        "summary": interview.summary,
        "language": interview.language,
        "interviewee_name": interview.interviewee_name,
        "interviewee_role": interview.interviewee_role,
        "interviewee_organisation": interview.interviewee_organisation,
        "recorded_on": interview.recorded_on,
        "duration_seconds": interview.duration_seconds,
        "media_kind": interview.media_kind,
        "themes": sorted(theme.slug for theme in interview.themes.all()),
        "is_demo": interview.is_demo,
        "url": url,
    }


@router.get("/interviews", response=InterviewListOut, summary="Interviews", operation_id="list_interviews")
def list_interviews(request: HttpRequest, filters: Query[InterviewFilters]):
    """Veröffentlichte Interviews, neueste zuerst; optional nach Schwerpunktthemen gefiltert."""
    queryset = Interview.objects.public().prefetch_related("themes")
    for slug in filters.themes[:20]:
        queryset = queryset.filter(themes__slug=slug)
    interviews = list(queryset.distinct())
    return {"count": len(interviews), "results": [_record(request, interview) for interview in interviews]}


@router.get(
    "/interviews/{slug}",
    response={200: InterviewDetailOut, 404: ErrorOut},
    summary="Ein Interview mit Transkript",
    operation_id="get_interview",
)
def get_interview(request: HttpRequest, slug: str):
    """Ein veröffentlichtes Interview mit Kapiteln, Transkript und den Adressen von Datei und Untertiteln."""
    interview = Interview.objects.public().prefetch_related("themes", "chapters").filter(slug=slug).first()
    if interview is None:
        raise HttpError(404, _("Kein veröffentlichtes Interview mit dem Kürzel „%(slug)s“.") % {"slug": slug})
    record = _record(request, interview)
    with translation.override("de"):
        media = reverse("interviews:media", kwargs={"slug": interview.slug, "kind": "medium"})
        captions = reverse("interviews:media", kwargs={"slug": interview.slug, "kind": "untertitel"})
    chapters = sorted(interview.chapters.all(), key=lambda chapter: chapter.seconds)
    record.update(
        media_url=request.build_absolute_uri(media),
        media_type=interview.media_type,
        captions_url=request.build_absolute_uri(captions),
        chapters=[{"start": c.label, "seconds": c.seconds, "title": c.title} for c in chapters],
        transcript=interview.transcript,
    )
    return record
