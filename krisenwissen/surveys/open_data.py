"""Open-data wiring of the survey waves: download, catalogue, sitemap, JSON-LD (``Dataset``), API freshness.

The results themselves are already open per wave (``/befragungen/<slug>/daten.csv``, one file per
question too); the bulk download lists every published wave with its method, participation, the
questions and the address of its results file.
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
from krisenwissen.research.open_data_support import iso, keywords, public_rows, snippet_freshness, term_slugs

from .models import Survey

COLUMNS = (
    "slug",
    "title",
    "wave",
    "period",
    "population",
    "population_size",
    "responses",
    "response_rate",
    "participation_is_real",
    "summary",
    "method",
    "questions",
    "has_demo_numbers",
    "themes",
    "is_demo",
    "updated_at",
    "results_csv_url",
    "url",
)


def _urls(base_url: str, survey: Survey) -> dict:
    base_url = base_url.rstrip("/")
    with translation.override("de"):
        return {
            "url": base_url + survey.get_absolute_url(),
            "results_csv_url": base_url + reverse("surveys:csv", kwargs={"slug": survey.slug}),
        }


def survey_records(base_url: str) -> Iterator[dict]:
    for survey in public_rows(Survey.objects, "themes", "questions"):
        rate = survey.rate
        yield {
            "slug": survey.slug,
            "title": survey.title,
            "wave": survey.wave,
            "period": survey.period,
            "population": survey.population,
            "population_size": survey.population_size,
            "responses": survey.responses,
            "response_rate": float(rate) if rate is not None else None,
            "participation_is_real": survey.participation_is_real,
            "summary": survey.summary,
            "method": survey.method,
            "questions": [question.text for question in survey.questions.all()],
            "has_demo_numbers": survey.has_demo_numbers,
            "themes": term_slugs(survey, "themes"),
            "is_demo": survey.is_demo,
            "updated_at": iso(survey.updated_at),
            **_urls(base_url, survey),
        }


def _node(record: dict) -> dict:
    node = {
        "@type": "Dataset",
        "@id": record["url"],
        "url": record["url"],
        "name": record["title"],
        "description": record["summary"],
        "inLanguage": "de",
        "isAccessibleForFree": True,
        "variableMeasured": record["questions"],
        "distribution": [
            {"@type": "DataDownload", "contentUrl": record["results_csv_url"], "encodingFormat": "text/csv"}
        ],
        "isPartOf": {"@type": "CreativeWork", "name": f"Befragungswelle {record['wave']}"},
    }
    if record["method"]:
        node["measurementTechnique"] = record["method"]
    if record["is_demo"] or record["has_demo_numbers"]:
        node["creativeWorkStatus"] = "Demo"
    return node


def survey_record_jsonld(record: dict, base_url: str) -> dict:
    node = _node(record)
    node["keywords"] = record["themes"]
    return node


def survey_detail_jsonld(survey: Survey, request) -> dict:
    urls = _urls(request.build_absolute_uri("/"), survey)
    node = _node(
        {
            "title": survey.title,
            "summary": survey.summary,
            "wave": survey.wave,
            "method": survey.method,
            "questions": [question.text for question in survey.questions.all()],
            "is_demo": survey.is_demo,
            "has_demo_numbers": survey.has_demo_numbers,
            **urls,
        }
    )
    node["mainEntityOfPage"] = urls["url"]
    node["keywords"] = keywords(survey, "themes")
    return node


class SurveySitemap(PublicRecordSitemap):
    model = Survey
    changefreq = "yearly"
    priority = 0.5


register_dataset(
    Dataset(
        key="befragungen",
        title=_("Befragungswellen der Wissensplattform"),
        description=str(
            _(
                "Alle veröffentlichten Befragungswellen mit Erhebungszeitraum, Grundgesamtheit, Teilnahme, "
                "Rücklaufquote, Methode, den gestellten Fragen und der Adresse der Ergebnisdatei (CSV) je Welle. "
                "has_demo_numbers = true: die Ergebnisse sind (teilweise) fiktive Demo-Zahlen."
            )
        ),
        columns=COLUMNS,
        records=survey_records,
        jsonld=survey_record_jsonld,
        modified=lambda: Survey.objects.public().aggregate(m=Max("updated_at"))["m"],
        landing_url_name="surveys:list",
        themes=("SOCI", "GOVE"),
        keywords=("Befragung", "Kommunen", "Krisenmanagement", "Umfrage"),
        sort_order=70,
    )
)
register_sitemap("befragungen", SurveySitemap)
register_jsonld(Survey, survey_detail_jsonld)
register_freshness("/api/v1/surveys", snippet_freshness(Survey))
