"""Interview list, detail page, and the media and caption files of published interviews.

The files are streamed by :func:`interview_media` rather than linked to ``MEDIA_URL``: that works
the same in development and production (no extra web-server rule), serves only published
interviews, and answers HTTP range requests, which browsers use to seek in audio and video.
"""

from __future__ import annotations

import re

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from krisenwissen.taxonomy.models import Theme

from .models import Interview

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
MAX_FILTER_VALUES = 20
CHUNK = 64 * 1024


def _theme_filter(request) -> tuple[list[Theme], list[str]]:
    wanted = [value.strip() for value in request.GET.getlist("themes")[:MAX_FILTER_VALUES] if value.strip()]
    themes = list(Theme.objects.filter(slug__in=wanted))
    known = {theme.slug for theme in themes}
    notices = [
        _("Das Thema „%(value)s“ ist unbekannt und wurde ignoriert.") % {"value": value[:80]}
        for value in dict.fromkeys(wanted)
        if value not in known
    ]
    return themes, notices


def interview_list(request):
    selected, notices = _theme_filter(request)
    interviews = Interview.objects.public().prefetch_related("themes")
    for theme in selected:
        interviews = interviews.filter(themes=theme)
    interviews = list(interviews.distinct())
    all_themes = list(Theme.objects.filter(interviews__live=True).distinct()) + [
        t for t in selected if not t.interviews.filter(live=True).exists()
    ]
    selected_slugs = {theme.slug for theme in selected}
    return render(
        request,
        "interviews/interview_list.html",
        {
            "interviews": interviews,
            "themes": [{"theme": theme, "selected": theme.slug in selected_slugs} for theme in all_themes],
            "selected": selected,
            "notices": notices,
            "has_demo": any(interview.is_demo for interview in interviews),
        },
    )


def detail_context(interview: Interview, *, preview: bool = False) -> dict:
    """What the detail template needs; also the Wagtail preview of a draft."""
    if preview:
        media_url = interview.media_file.url if interview.media_file else ""
        captions_url = interview.captions_file.url if interview.captions_file else ""
        chapters = list(interview.chapters.all())
    else:
        media_url = reverse("interviews:media", kwargs={"slug": interview.slug, "kind": "medium"})
        captions_url = reverse("interviews:media", kwargs={"slug": interview.slug, "kind": "untertitel"})
        chapters = list(interview.chapters.all())
    chapters.sort(key=lambda chapter: chapter.seconds)
    return {
        "interview": interview,
        "preview": preview,
        "media_url": media_url,
        "captions_url": captions_url,
        "chapters": chapters,
        "paragraphs": interview.transcript_paragraphs,
        "themes": list(interview.themes.all()),
        "crisis_types": list(interview.crisis_types.all()),
        "levers": sorted(interview.levers.all(), key=lambda lever: lever.number),
    }


def interview_detail(request, slug):
    interview = Interview.objects.public().prefetch_related("chapters").filter(slug=slug).first()
    if interview is None:
        raise Http404(_("Dieses Interview gibt es nicht oder es ist nicht veröffentlicht."))
    return render(request, "interviews/interview_detail.html", detail_context(interview))


def transcript_text(request, slug):
    """The transcript as a plain-text download (UTF-8), e.g. for reading offline or a screen reader."""
    interview = Interview.objects.public().filter(slug=slug).first()
    if interview is None:
        raise Http404(_("Dieses Interview gibt es nicht oder es ist nicht veröffentlicht."))
    header = f"{interview.title}\n{interview.interviewee_display}\n\n"
    response = HttpResponse(header + interview.transcript, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{interview.slug}-transkript.txt"'
    return response


@require_GET
def interview_media(request, slug, kind):
    """Stream the media or caption file of a published interview, with support for byte ranges."""
    interview = Interview.objects.public().filter(slug=slug).first()
    if interview is None or kind not in {"medium", "untertitel"}:
        raise Http404(_("Diese Datei gibt es nicht."))
    field = interview.media_file if kind == "medium" else interview.captions_file
    content_type = interview.media_type if kind == "medium" else "text/vtt; charset=utf-8"
    if not field:
        raise Http404(_("Diese Datei gibt es nicht."))
    try:
        size = field.size
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("Diese Datei gibt es nicht.")) from exc
    return _ranged_response(request, handle, size, content_type)


def _ranged_response(request, handle, size: int, content_type: str):
    header = request.headers.get("Range", "")
    match = RANGE_RE.match(header.strip()) if header else None
    if not match or (not match.group(1) and not match.group(2)):
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    else:  # "bytes=-500": the last 500 bytes
        start = max(0, size - int(last))
        end = size - 1
    if start >= size or start > end:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle.seek(start)
    length = end - start + 1

    def chunks():
        remaining = length
        try:
            while remaining > 0:
                data = handle.read(min(CHUNK, remaining))
                if not data:
                    break
                remaining -= len(data)
                yield data
        finally:
            handle.close()

    from django.http import StreamingHttpResponse

    response = StreamingHttpResponse(chunks(), status=206, content_type=content_type)
    response["Content-Length"] = str(length)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
