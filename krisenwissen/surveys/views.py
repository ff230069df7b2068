"""Survey list, survey page with charts and tables, and the CSV downloads.

The survey page filters by size class (``size_class``) and Land (``state``), named like the
practice list's parameters. A filter adds the selected group next to "Gesamt" in every chart and
table; a question without that breakdown says so instead of silently showing the total.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from krisenwissen.places.models import SizeClass

from .charts import build_chart, percent_text
from .models import Survey, SurveyQuestion
from .tables import LAND, SIZE_CLASS, TOTAL, write_csv

MAX_VALUE_LENGTH = 80


def survey_list(request):
    surveys = list(Survey.objects.public().prefetch_related("questions"))
    return render(
        request,
        "surveys/survey_list.html",
        {"surveys": surveys, "has_demo": any(survey.has_demo_numbers for survey in surveys)},
    )


def _get_survey(slug: str) -> Survey:
    survey = Survey.objects.public().prefetch_related("questions", "themes").filter(slug=slug).first()
    if survey is None:
        raise Http404(_("Diese Befragung gibt es nicht oder sie ist nicht veröffentlicht."))
    return survey


def read_filters(params, questions: list[SurveyQuestion]) -> tuple[dict[str, str], list[str], dict[str, list]]:
    """The selected size class and Land, notices for unusable values, and the options the data has."""
    available = {SIZE_CLASS: [], LAND: []}
    for question in questions:
        if question.result is None:
            continue
        for kind in (SIZE_CLASS, LAND):
            for value in question.result.values_of(kind):
                if value not in available[kind]:
                    available[kind].append(value)
    size_order = {key: i for i, key in enumerate(SizeClass.values)}
    available[SIZE_CLASS].sort(key=lambda value: size_order.get(value, 99))
    available[LAND].sort()
    selected, notices = {}, []
    for param, kind, label in (("size_class", SIZE_CLASS, _("Größenklasse")), ("state", LAND, _("Land"))):
        value = (params.get(param) or "").strip()
        if not value:
            continue
        if value in available[kind]:
            selected[kind] = value
        else:
            notices.append(
                _(
                    "Für „%(facet)s“ gibt es in dieser Befragung keine Ergebnisse zu „%(value)s“; "
                    "der Filter wurde ignoriert."
                )
                % {"facet": label, "value": value[:MAX_VALUE_LENGTH]}
            )
    options = {
        SIZE_CLASS: [(value, str(dict(SizeClass.choices).get(value, value))) for value in available[SIZE_CLASS]],
        LAND: [(value, value) for value in available[LAND]],
    }
    return selected, notices, options


def question_view(question: SurveyQuestion, number: int, selected: dict[str, str]) -> dict:
    """Chart geometry, table rows and missing-breakdown notes of one question under the filters."""
    result = question.result
    if result is None:
        return {"question": question, "number": number, "broken": True}
    rows = [result.total]
    missing = []
    for kind in (SIZE_CLASS, LAND):
        if kind in selected:
            row = result.row(kind, selected[kind])
            if row is None:
                missing.append(kind)
            else:
                rows.append(row)
    groups = [(row.short_label, question.percentages(row)) for row in rows]
    table_rows = [
        {
            "label": row.label,
            "base": row.base,
            "cells": [
                {"raw": value, "percent": percent_text(pct)}
                for value, pct in zip(row.values, question.percentages(row), strict=True)
            ],
        }
        for row in rows
    ]
    return {
        "question": question,
        "number": number,
        "answers": result.answers,
        "chart": build_chart(result.answers, groups),
        "groups": [label for label, _values in groups],
        "table_rows": table_rows,
        "missing_size_class": SIZE_CLASS in missing,
        "missing_state": LAND in missing,
        "broken": False,
    }


def detail_context(survey: Survey, request, preview: bool = False) -> dict:
    questions = list(survey.questions.all())
    selected, notices, options = read_filters(request.GET if request is not None else {}, questions)
    return {
        "survey": survey,
        "preview": preview,
        "questions": [question_view(q, n, selected) for n, q in enumerate(questions, start=1)],
        "selected_size_class": selected.get(SIZE_CLASS, ""),
        "selected_state": selected.get(LAND, ""),
        "selected_size_class_label": dict(options[SIZE_CLASS]).get(selected.get(SIZE_CLASS, ""), ""),
        "size_class_options": options[SIZE_CLASS],
        "state_options": options[LAND],
        "notices": notices,
        "has_filters": bool(selected),
        "demo_questions": any(q.is_demo for q in questions),
    }


def survey_detail(request, slug):
    return render(request, "surveys/survey_detail.html", detail_context(_get_survey(slug), request))


def _csv_rows(survey: Survey, questions: list[tuple[int, SurveyQuestion]]) -> list[list]:
    rows = []
    kind_names = {TOTAL: "gesamt", SIZE_CLASS: "groessenklasse", LAND: "land"}
    for number, question in questions:
        if question.result is None:
            continue
        for row in question.result.rows:
            for answer, value in zip(question.result.answers, row.values, strict=True):
                rows.append(
                    [
                        survey.title,
                        survey.wave,
                        number,
                        question.text,
                        kind_names[row.kind],
                        row.value,
                        "" if row.base is None else row.base,
                        answer,
                        f"{value:g}",
                        "prozent" if question.unit == SurveyQuestion.Unit.PERCENT else "anzahl",
                        "ja" if (question.is_demo or survey.is_demo) else "nein",
                    ]
                )
    return rows


def _csv_response(text: str, filename: str) -> HttpResponse:
    # A byte-order mark so that spreadsheet programs read the umlauts as UTF-8.
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def survey_csv(request, slug):
    survey = _get_survey(slug)
    questions = list(enumerate(survey.questions.all(), start=1))
    return _csv_response(write_csv(_csv_rows(survey, questions)), f"{survey.slug}.csv")


def question_csv(request, slug, number: int):
    survey = _get_survey(slug)
    questions = list(survey.questions.all())
    if not 1 <= number <= len(questions):
        raise Http404(_("Diese Frage gibt es nicht."))
    return _csv_response(
        write_csv(_csv_rows(survey, [(number, questions[number - 1])])), f"{survey.slug}-frage-{number}.csv"
    )
