"""Interviews, surveys and comparisons in the open-data machinery."""

import pytest

from krisenwissen.comparisons.models import CrisisStaffArrangement
from krisenwissen.surveys.models import Survey, SurveyQuestion
from tests.interviews.factories import InterviewFactory
from tests.opendata.wiring import (
    FORMULA_TITLE,
    assert_revalidates,
    csv_rows,
    detail_jsonld,
    json_export,
    jsonld_export,
    names_in,
    site,  # noqa: F401 - fixture
    sitemap_section,
)

pytestmark = pytest.mark.django_db

TABLE = "Gruppe;n;Ja;Nein\nGesamt;100;60;40\n"


def make_survey(title: str, **fields) -> Survey:
    values = {
        "title": title,
        "wave": 1,
        "population": "Städte über 50.000 Einwohner",
        "population_size": 191,
        "responses": 101,
        "response_rate": "52.0",
        "participation_is_real": True,
        "summary": "Kurz.",
        "method": "Online-Befragung",
        "live": True,
        **fields,
    }
    survey = Survey(**values)
    survey.questions = [SurveyQuestion(text="Stab einberufen?", table=TABLE, unit="percent", is_demo=False)]
    survey.save()
    return survey


def make_arrangement(land: str, title: str, **fields) -> CrisisStaffArrangement:
    values = {
        "land": land,
        "title": title,
        "summary": "Wie der Stab arbeitet.",
        "legal_basis": "Katastrophenschutzgesetz",
        "staff_model": "Verwaltungsstab",
        "convened_by": "Hauptverwaltungsbeamter",
        "departments": "Ordnung, Gesundheit",
        "exit_rules": "Auflösung durch Beschluss",
        "live": True,
        **fields,
    }
    return CrisisStaffArrangement.objects.create(**values)


@pytest.fixture
def content(site):  # noqa: F811
    return {
        "interviews": {
            "formula": InterviewFactory(
                title=FORMULA_TITLE, chapters=[("0:30", "Der Anruf")], recorded_on="2025-04-01"
            ),
            "demo": InterviewFactory(title="Demo-Interview", is_demo=True),
            "draft": InterviewFactory(title="Geheimes Interview", live=False),
        },
        "befragungen": {
            "formula": make_survey(FORMULA_TITLE),
            "demo": make_survey("Demo-Befragung", wave=2, is_demo=True),
            "draft": make_survey("Geheime Befragung", wave=3, live=False),
        },
        "vergleich-krisenstaebe": {
            "formula": make_arrangement("Bayern", FORMULA_TITLE),
            "demo": make_arrangement("Berlin", "Demo-Stab", is_demo=True),
            "draft": make_arrangement("Bremen", "Geheimer Stab", live=False),
        },
    }


KEYS = ("interviews", "befragungen", "vergleich-krisenstaebe")
TYPES = {"interviews": "AudioObject", "befragungen": "Dataset", "vergleich-krisenstaebe": "Article"}
API = {
    "interviews": "/api/v1/interviews",
    "befragungen": "/api/v1/surveys",
    "vergleich-krisenstaebe": "/api/v1/comparisons/krisenstaebe",
}


@pytest.mark.parametrize("key", KEYS)
def test_csv_has_published_records_only_and_neutralises_formulas(client, content, key):
    rows = csv_rows(client, key)
    titles = sorted(row["title"] for row in rows)
    assert len(rows) == 2
    assert "'" + FORMULA_TITLE in titles
    assert not any(title.startswith("Geheim") for title in titles)
    formula = next(row for row in rows if row["title"].startswith("'="))
    assert formula["url"] == f"http://testserver{content[key]['formula'].get_absolute_url()}"
    assert formula["is_demo"] == "false"


@pytest.mark.parametrize("key", KEYS)
def test_json_and_jsonld_exports(client, content, key):
    data = json_export(client, key)
    assert len(data["records"]) == 2 and FORMULA_TITLE in {r["title"] for r in data["records"]}
    document, graph = jsonld_export(client, key)
    assert [node["@type"] for node in document["@graph"]] == ["Dataset", TYPES[key], TYPES[key]]
    assert FORMULA_TITLE in names_in(graph)
    assert not any(name.startswith("Geheim") for name in names_in(graph))


@pytest.mark.parametrize("key", KEYS)
def test_detail_jsonld_type_and_breadcrumbs(client, content, key):
    obj = content[key]["formula"]
    node, crumbs = detail_jsonld(client, obj.get_absolute_url())
    assert node["@type"] == TYPES[key]
    assert node["name"] == FORMULA_TITLE
    assert crumbs["itemListElement"][0]["name"] == "Startseite"
    assert crumbs["itemListElement"][-1]["name"] == FORMULA_TITLE


def test_interview_jsonld_carries_transcript_media_captions_and_chapters(client, content):
    interview = content["interviews"]["formula"]
    node, _crumbs = detail_jsonld(client, interview.get_absolute_url())
    assert node["transcript"] == interview.transcript
    assert node["contentUrl"].endswith(f"/interviews/{interview.slug}/datei/medium/")
    assert node["encodingFormat"] == "audio/mpeg"
    assert node["caption"]["encodingFormat"] == "text/vtt"
    assert node["duration"] == "PT2M5S"
    assert node["about"]["name"] == "Erika Muster"
    assert node["hasPart"] == [{"@type": "Clip", "name": "Der Anruf", "startOffset": 30, "url": node["url"] + "#t=30"}]


def test_video_interview_is_a_video_object(client, content):
    from django.core.files.base import ContentFile

    video = InterviewFactory(title="Video", media_file=ContentFile(b"\0" * 64, name="film.mp4"))
    node, _crumbs = detail_jsonld(client, video.get_absolute_url())
    assert node["@type"] == "VideoObject" and node["encodingFormat"] == "video/mp4"


def test_survey_jsonld_links_the_results_file(client, content):
    survey = content["befragungen"]["formula"]
    node, _crumbs = detail_jsonld(client, survey.get_absolute_url())
    assert node["distribution"][0]["contentUrl"] == f"http://testserver/befragungen/{survey.slug}/daten.csv"
    assert node["variableMeasured"] == ["Stab einberufen?"]
    assert node["measurementTechnique"] == "Online-Befragung"


def test_comparison_jsonld_names_the_land(client, content):
    record = content["vergleich-krisenstaebe"]["formula"]
    node, crumbs = detail_jsonld(client, record.get_absolute_url())
    assert node["spatialCoverage"]["name"] == "Bayern"
    assert "Rechtsgrundlage: Katastrophenschutzgesetz" in node["articleBody"]
    assert len(crumbs["itemListElement"]) == 4  # Startseite › Vergleiche › Krisenstäbe der Länder › record


@pytest.mark.parametrize("key", KEYS)
def test_drafts_are_unreachable_and_previews_have_no_jsonld(client, content, key):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    draft = content[key]["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    request = RequestFactory().get("/")
    html = render_to_string(
        draft.get_preview_template(request, ""), draft.get_preview_context(request, ""), request=request
    )
    assert "application/ld+json" not in html


@pytest.mark.parametrize("key", KEYS)
def test_sitemap_lists_published_non_demo_records(client, content, key):
    text = sitemap_section(client, key)
    assert f"http://testserver{content[key]['formula'].get_absolute_url()}" in text
    assert content[key]["demo"].slug not in text and content[key]["draft"].slug not in text


@pytest.mark.parametrize("key", KEYS)
def test_api_revalidates_and_unpublishing_breaks_the_etag(client, content, key):
    assert_revalidates(client, API[key], content[key]["formula"].unpublish)
    assert FORMULA_TITLE not in client.get(API[key]).content.decode()
