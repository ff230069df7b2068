"""Survey results in the platform search: the questions and answers are part of the indexed text."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from krisenwissen.search.registry import SearchAdapter, register

from .models import Survey


def _url(survey: Survey) -> str:
    with translation.override("de"):
        return survey.get_absolute_url()


def _questions(survey: Survey) -> str:
    parts = []
    for question in survey.questions.all():
        answers = question.result.answers if question.result else []
        parts.append(f"{question.text} {' '.join(answers)}")
    return "\n".join(parts)


register(
    Survey,
    SearchAdapter(
        kind="survey",
        label=_("Befragung"),
        label_plural=_("Befragungen"),
        fields={
            "title": lambda s: s.title,
            "summary": lambda s: s.summary,
            "body": lambda s: f"{s.method}\n\n{_questions(s)}",
            "keywords": lambda s: f"Kommunalbefragung {s.population}",
            "taxonomy": lambda s: "\n".join(sorted(str(t) for t in s.themes.all())),
        },
        public_queryset=lambda: Survey.objects.public(),
        is_public=lambda s: bool(s.live),
        url=_url,
        external_id=lambda s: s.slug,
        title=lambda s: s.title,
        summary=lambda s: s.summary,
        embedding_text=lambda s: f"{s.title}. {s.summary}",
        prefetch=("questions", "themes"),
    ),
)
