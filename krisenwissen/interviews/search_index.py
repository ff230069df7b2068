"""Interviews in the platform search: the full transcript is indexed, so every spoken word is findable."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from krisenwissen.search.registry import SearchAdapter, register

from .models import Interview


def _url(interview: Interview) -> str:
    with translation.override("de"):
        return interview.get_absolute_url()


def _taxonomy(interview: Interview) -> str:
    names = [
        str(term) for relation in ("themes", "crisis_types", "levers") for term in getattr(interview, relation).all()
    ]
    return "\n".join(sorted(names))


register(
    Interview,
    SearchAdapter(
        kind="interview",
        label=_("Interview"),
        label_plural=_("Interviews"),
        fields={
            "title": lambda i: i.title,
            "summary": lambda i: i.summary,
            "body": lambda i: "\n\n".join(
                [i.transcript, *(f"{chapter.start} {chapter.title}" for chapter in i.chapters.all())]
            ),
            "keywords": lambda i: f"{i.interviewee_name}\n{i.interviewee_role}",
            "taxonomy": _taxonomy,
            "place": lambda i: i.interviewee_organisation,
        },
        public_queryset=lambda: Interview.objects.public(),
        is_public=lambda i: bool(i.live),
        url=_url,
        language=lambda i: i.language or "de",
        external_id=lambda i: i.slug,
        title=lambda i: i.title,
        summary=lambda i: i.summary,
        embedding_text=lambda i: f"{i.title}. {i.summary} {i.interviewee_role}, {i.interviewee_organisation}.",
        prefetch=("themes", "crisis_types", "levers", "chapters"),
    ),
)
