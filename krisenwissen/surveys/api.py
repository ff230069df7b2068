"""``/api/v1/surveys``: survey waves with participation and the answer distributions of each question."""

from decimal import Decimal

from ninja import Field, Router, Schema
from ninja.errors import HttpError

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from krisenwissen.api.schemas import ErrorOut

from .models import Survey
from .tables import LAND, SIZE_CLASS, TOTAL

router = Router(tags=["Kommunalbefragungen"])
GROUP_NAMES = {TOTAL: "gesamt", SIZE_CLASS: "size_class", LAND: "state"}


class SurveyOut(Schema):
    slug: str
    title: str
    wave: int
    period: str
    population: str
    population_size: int
    responses: int
    response_rate: Decimal | None = Field(description="Rücklaufquote in Prozent (wie berichtet oder berechnet)")
    participation_is_real: bool = Field(description="Teilnahmezahlen stammen aus der echten Befragung")
    is_demo: bool = Field(description="Die ganze Befragung ist fiktiv")
    url: str


class GroupOut(Schema):
    group: str = Field(description="gesamt, size_class oder state")
    value: str = Field(description="Größenklasse bzw. Land; leer für gesamt")
    n: int | None
    values: list[float] = Field(description="Ein Wert je Antwort, in der Einheit der Frage")


class QuestionOut(Schema):
    number: int
    text: str
    kind: str
    unit: str = Field(description="percent oder count")
    is_demo: bool = Field(description="Die Zahlen dieser Frage sind fiktive Demo-Daten")
    answers: list[str]
    groups: list[GroupOut]


class SurveyDetailOut(SurveyOut):
    summary: str
    questions: list[QuestionOut]


def _record(request: HttpRequest, survey: Survey) -> dict:
    with translation.override("de"):
        url = request.build_absolute_uri(survey.get_absolute_url())
    return {
        "slug": survey.slug,
        "title": survey.title,
        "wave": survey.wave,
        "period": survey.period,
        "population": survey.population,
        "population_size": survey.population_size,
        "responses": survey.responses,
        "response_rate": survey.rate,
        "participation_is_real": survey.participation_is_real,
        "is_demo": survey.is_demo,
        "url": url,
    }


@router.get("/surveys", response=list[SurveyOut], summary="Befragungswellen", operation_id="list_surveys")
def list_surveys(request: HttpRequest):
    """Alle veröffentlichten Befragungswellen mit ihren Teilnahmezahlen."""
    return [_record(request, survey) for survey in Survey.objects.public()]


@router.get(
    "/surveys/{slug}",
    response={200: SurveyDetailOut, 404: ErrorOut},
    summary="Eine Befragung mit allen Ergebnissen",
    operation_id="get_survey",
)
def get_survey(request: HttpRequest, slug: str):
    """Eine Befragungswelle mit den Antwortverteilungen aller Fragen, gesamt und aufgeschlüsselt."""
    survey = Survey.objects.public().prefetch_related("questions").filter(slug=slug).first()
    if survey is None:
        raise HttpError(404, _("Keine veröffentlichte Befragung mit dem Kürzel „%(slug)s“.") % {"slug": slug})
    record = _record(request, survey)
    questions = []
    for number, question in enumerate(survey.questions.all(), start=1):
        result = question.result
        questions.append(
            {
                "number": number,
                "text": question.text,
                "kind": question.kind,
                "unit": question.unit,
                "is_demo": question.is_demo or survey.is_demo,
                "answers": result.answers if result else [],
                "groups": [
                    {"group": GROUP_NAMES[row.kind], "value": row.value, "n": row.base, "values": list(row.values)}
                    for row in (result.rows if result else [])
                ],
            }
        )
    record.update(summary=survey.summary, questions=questions)
    return record
