"""Open-data wiring of interviews: download (with transcript), catalogue, sitemap, JSON-LD, API freshness.

On the detail page an interview is a schema.org ``VideoObject`` or ``AudioObject`` (by its media
file) with the full transcript, the captions, the chapters as ``Clip``s and the interviewed
person; the download lists the same, with the addresses of the media file, captions and the
plain-text transcript.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from krisenwissen.api.conventions import register_freshness
from krisenwissen.opendata.registry import Dataset, register_dataset, register_jsonld, register_sitemap
from krisenwissen.opendata.sitemaps import PublicRecordSitemap
from krisenwissen.research.open_data_support import (
    iso,
    keywords,
    lever_numbers,
    public_rows,
    snippet_freshness,
    term_slugs,
)

from .models import Interview

COLUMNS = (
    "slug",
    "title",
    "language",
    "summary",
    "interviewee_name",
    "interviewee_role",
    "interviewee_organisation",
    "interviewer",
    "recorded_on",
    "duration_seconds",
    "media_kind",
    "media_type",
    "media_url",
    "captions_url",
    "transcript_url",
    "transcript",
    "chapters",
    "themes",
    "crisis_types",
    "stellschrauben",
    "is_demo",
    "updated_at",
    "url",
)


def _urls(base_url: str, interview: Interview) -> dict:
    base_url = base_url.rstrip("/")
    with translation.override("de"):
        return {
            "url": base_url + interview.get_absolute_url(),
            "media_url": base_url + reverse("interviews:media", kwargs={"slug": interview.slug, "kind": "medium"})
            if interview.media_file
            else "",
            "captions_url": base_url
            + reverse("interviews:media", kwargs={"slug": interview.slug, "kind": "untertitel"})
            if interview.captions_file
            else "",
            "transcript_url": base_url + reverse("interviews:transcript", kwargs={"slug": interview.slug}),
        }


def _chapters(interview: Interview) -> list:
    return sorted(interview.chapters.all(), key=lambda chapter: chapter.seconds)


def interview_records(base_url: str) -> Iterator[dict]:
    for interview in public_rows(Interview.objects, "themes", "crisis_types", "levers", "chapters"):
        yield {
            "slug": interview.slug,
            "title": interview.title,
            "language": interview.language,
            "summary": interview.summary,
            "interviewee_name": interview.interviewee_name,
            "interviewee_role": interview.interviewee_role,
            "interviewee_organisation": interview.interviewee_organisation,
            "interviewer": interview.interviewer,
            "recorded_on": iso(interview.recorded_on),
            "duration_seconds": interview.duration_seconds,
            "media_kind": interview.media_kind if interview.media_file else "",
            "media_type": interview.media_type if interview.media_file else "",
            "transcript": interview.transcript,
            "chapters": [f"{chapter.start} {chapter.title}" for chapter in _chapters(interview)],
            "themes": term_slugs(interview, "themes"),
            "crisis_types": term_slugs(interview, "crisis_types"),
            "stellschrauben": lever_numbers(interview),
            "is_demo": interview.is_demo,
            "updated_at": iso(interview.updated_at),
            **_urls(base_url, interview),
        }


def _duration(seconds: int | None) -> str | None:
    if not seconds:
        return None
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def _node(record: dict, chapters: list[tuple[int, str]], url: str) -> dict:
    media_type = "VideoObject" if record["media_kind"] == "video" else "AudioObject"
    node = {
        "@type": media_type,
        "@id": url,
        "url": url,
        "name": record["title"],
        "description": record["summary"],
        "inLanguage": record["language"],
        "transcript": record["transcript"],
        "genre": "Interview",
        "about": {
            "@type": "Person",
            "name": record["interviewee_name"],
            "jobTitle": record["interviewee_role"],
            "affiliation": {"@type": "Organization", "name": record["interviewee_organisation"]},
        },
        "isAccessibleForFree": True,
    }
    if record["interviewer"]:
        node["author"] = {"@type": "Person", "name": record["interviewer"]}
    if record["media_url"]:
        node["contentUrl"] = record["media_url"]
        node["encodingFormat"] = record["media_type"]
    if record["captions_url"]:
        node["caption"] = {"@type": "MediaObject", "contentUrl": record["captions_url"], "encodingFormat": "text/vtt"}
    duration = _duration(record["duration_seconds"])
    if duration:
        node["duration"] = duration
    if record["recorded_on"]:
        node["uploadDate"] = record["recorded_on"]
        node["dateCreated"] = record["recorded_on"]
    if chapters:
        node["hasPart"] = [
            {"@type": "Clip", "name": title, "startOffset": seconds, "url": f"{url}#t={seconds}"}
            for seconds, title in chapters
        ]
    if record["is_demo"]:
        node["creativeWorkStatus"] = "Demo"
    return node


def interview_record_jsonld(record: dict, base_url: str) -> dict:
    node = _node(record, [], record["url"])
    node["keywords"] = record["themes"] + record["crisis_types"]
    return node


def interview_detail_jsonld(interview: Interview, request) -> dict:
    base_url = request.build_absolute_uri("/")
    urls = _urls(base_url, interview)
    record = {
        "title": interview.title,
        "summary": interview.summary,
        "language": interview.language,
        "transcript": interview.transcript,
        "interviewee_name": interview.interviewee_name,
        "interviewee_role": interview.interviewee_role,
        "interviewee_organisation": interview.interviewee_organisation,
        "interviewer": interview.interviewer,
        "media_kind": interview.media_kind if interview.media_file else "",
        "media_type": interview.media_type if interview.media_file else "",
        "duration_seconds": interview.duration_seconds,
        "recorded_on": iso(interview.recorded_on),
        "is_demo": interview.is_demo,
        **urls,
    }
    chapters = [(chapter.seconds, chapter.title) for chapter in _chapters(interview)]
    node = _node(record, chapters, urls["url"])
    node["mainEntityOfPage"] = urls["url"]
    node["keywords"] = keywords(interview, "themes", "crisis_types")
    return node


class InterviewSitemap(PublicRecordSitemap):
    model = Interview
    changefreq = "yearly"
    priority = 0.5


register_dataset(
    Dataset(
        key="interviews",
        title=_("Interviews zum kommunalen Krisenmanagement"),
        description=str(
            _(
                "Alle veröffentlichten Interviews mit Kurzbeschreibung, interviewter Person (Name, Funktion, "
                "Organisation), Aufnahmedatum, Dauer, vollständigem Transkript, Kapiteln und den Adressen von "
                "Audio- oder Videodatei, Untertiteln (WebVTT) und Transkript. Datensätze mit is_demo = true sind "
                "fiktive Demo-Daten."
            )
        ),
        columns=COLUMNS,
        records=interview_records,
        jsonld=interview_record_jsonld,
        modified=lambda: Interview.objects.public().aggregate(m=Max("updated_at"))["m"],
        landing_url_name="interviews:list",
        themes=("SOCI", "GOVE"),
        keywords=("Interviews", "Erfahrungsberichte", "Krisenmanagement", "Transkript"),
        sort_order=60,
    )
)
register_sitemap("interviews", InterviewSitemap)
register_jsonld(Interview, interview_detail_jsonld)
register_freshness("/api/v1/interviews", snippet_freshness(Interview))
