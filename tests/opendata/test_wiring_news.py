"""News, events and training offers in the open-data machinery."""

import datetime

import pytest

from krisenwissen.news.models import Format
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
from tests.research.factories import EventFactory, NewsItemFactory, TrainingModuleFactory, TrainingOfferFactory

pytestmark = pytest.mark.django_db

FACTORIES = {"aktuelles": NewsItemFactory, "termine": EventFactory, "fortbildungen": TrainingOfferFactory}
TYPES = {"aktuelles": "NewsArticle", "termine": "Event", "fortbildungen": "Course"}
API = {"aktuelles": "/api/v1/news", "termine": "/api/v1/events", "fortbildungen": "/api/v1/training"}


@pytest.fixture
def content(site):  # noqa: F811
    made = {}
    for key, factory in FACTORIES.items():
        made[key] = {
            "formula": factory(title=FORMULA_TITLE, themes=["vulnerable-gruppen"]),
            "demo": factory(title=f"Demo {key}", is_demo=True),
            "draft": factory(title=f"Geheimer Entwurf {key}", live=False),
        }
    return made


@pytest.mark.parametrize("key", FACTORIES)
def test_csv_has_published_records_only_and_neutralises_formulas(client, content, key):
    rows = csv_rows(client, key)
    titles = sorted(row["title"] for row in rows)
    assert titles == sorted(["'" + FORMULA_TITLE, f"Demo {key}"])
    formula = next(row for row in rows if row["title"].startswith("'="))
    assert formula["themes"] == "vulnerable-gruppen" and formula["is_demo"] == "false"
    assert formula["url"] == f"http://testserver{content[key]['formula'].get_absolute_url()}"


@pytest.mark.parametrize("key", FACTORIES)
def test_json_and_jsonld_exports(client, content, key):
    data = json_export(client, key)
    assert {record["title"] for record in data["records"]} == {FORMULA_TITLE, f"Demo {key}"}
    document, graph = jsonld_export(client, key)
    assert [node["@type"] for node in document["@graph"]] == ["Dataset", TYPES[key], TYPES[key]]
    names = names_in(graph)
    assert FORMULA_TITLE in names and f"Geheimer Entwurf {key}" not in names


@pytest.mark.parametrize("key", FACTORIES)
def test_detail_jsonld_type_and_breadcrumbs(client, content, key):
    obj = content[key]["formula"]
    node, crumbs = detail_jsonld(client, obj.get_absolute_url())
    assert node["@type"] == TYPES[key]
    assert node["name"] == FORMULA_TITLE
    assert node["url"] == f"http://testserver{obj.get_absolute_url()}"
    assert node["license"] == "https://creativecommons.org/licenses/by/4.0/deed.de"
    assert [item["name"] for item in crumbs["itemListElement"]][0] == "Startseite"
    assert crumbs["itemListElement"][-1]["name"] == FORMULA_TITLE


def test_event_jsonld_has_dates_place_and_attendance_mode(client, content):
    event = EventFactory(
        title="Hybrider Workshop",
        format=Format.HYBRID,
        start_date=datetime.date(2030, 5, 6),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 30),
        venue="Rathaus",
        address="Markt 1",
        city="Kassel",
        organiser="Stadt Kassel",
        fee="",
    )
    node, _crumbs = detail_jsonld(client, event.get_absolute_url())
    assert node["startDate"] == "2030-05-06T10:00:00+02:00"
    assert node["endDate"] == "2030-05-06T12:30:00+02:00"
    assert node["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert node["location"][0]["address"]["addressLocality"] == "Kassel"
    assert node["location"][1]["@type"] == "VirtualLocation"
    assert node["organizer"]["name"] == "Stadt Kassel"
    assert node["offers"]["price"] == 0 and node["isAccessibleForFree"] is True


def test_news_jsonld_is_a_dated_news_article(client, content):
    item = NewsItemFactory(title="Neue Meldung", date=datetime.date(2026, 3, 1), body="<p>Text <b>fett</b></p>")
    node, _crumbs = detail_jsonld(client, item.get_absolute_url())
    assert node["datePublished"] == "2026-03-01"
    assert node["articleBody"] == "Text fett"
    assert node["headline"] == "Neue Meldung"


def test_training_jsonld_names_provider_and_modules(client, content):
    offer = TrainingOfferFactory(title="Stabsarbeit", certificate="Teilnahmebescheinigung")
    TrainingModuleFactory(offer=offer, title="Lagebild")
    node, _crumbs = detail_jsonld(client, offer.get_absolute_url())
    assert node["provider"]["name"] == "Akademie Musterstadt"
    assert node["educationalCredentialAwarded"] == "Teilnahmebescheinigung"
    assert node["syllabusSections"] == [{"@type": "Syllabus", "name": "Lagebild"}]


@pytest.mark.parametrize("key", FACTORIES)
def test_drafts_are_unreachable_and_previews_have_no_jsonld(client, content, key):
    draft = content[key]["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    from django.template.loader import render_to_string

    context = draft.get_preview_context(None, "")
    html = render_to_string(draft.get_preview_template(None, ""), context)
    assert "application/ld+json" not in html


@pytest.mark.parametrize("key", FACTORIES)
def test_sitemap_lists_published_non_demo_records(client, content, key):
    text = sitemap_section(client, key)
    assert f"http://testserver{content[key]['formula'].get_absolute_url()}" in text
    assert f"http://testserver/en{content[key]['formula'].get_absolute_url()}" in text
    assert content[key]["demo"].slug not in text and content[key]["draft"].slug not in text


def test_daten_lists_datasets_and_the_ical_feed(client, content):
    html = client.get("/daten/").content.decode()
    for key in FACTORIES:
        assert f"/daten/{key}.csv" in html
    assert "/termine/feed.ics" in html


@pytest.mark.parametrize("key", FACTORIES)
def test_api_revalidates_and_unpublishing_breaks_the_etag(client, content, key):
    assert_revalidates(client, API[key], content[key]["formula"].unpublish)
    assert FORMULA_TITLE not in client.get(API[key]).content.decode()


def test_publishing_a_draft_breaks_the_etag(client, content):
    first = client.get("/api/v1/news")
    draft = content["aktuelles"]["draft"]
    draft.save_revision().publish()
    again = client.get("/api/v1/news", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and "Geheimer Entwurf" in again.content.decode()
