"""Recommendation pages in the open-data machinery: JSON-LD (Article, CollectionPage), sitemap, API freshness."""

import pytest

from krisenwissen.recommendations import demo_content
from krisenwissen.recommendations.models import RecommendationIndexPage, RecommendationPage
from tests.factories import PracticeFactory
from tests.opendata.wiring import (
    assert_revalidates,
    detail_jsonld,
    jsonld_blocks,
    site,  # noqa: F401 - fixture
    sitemap_section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(site):  # noqa: F811
    demo_content.load()
    return RecommendationIndexPage.objects.get()


def lever_page(number: int) -> RecommendationPage:
    return RecommendationPage.objects.get(lever__number=number)


def test_lever_page_is_an_article_about_its_lever(client, seeded):
    page = lever_page(3)
    node, crumbs = detail_jsonld(client, page.url)
    assert node["@type"] == "Article"
    assert node["name"] == page.title and node["description"] == page.summary
    assert node["about"]["@type"] == "DefinedTerm" and node["about"]["termCode"] == "3"
    assert node["url"] == f"http://testserver{page.url}"
    assert node["datePublished"] and node["articleBody"]
    assert [item["name"] for item in crumbs["itemListElement"]] == ["Startseite", seeded.title, page.title]
    assert crumbs["itemListElement"][1]["item"] == f"http://testserver{seeded.url}"


def test_overview_is_a_collection_of_the_live_lever_pages(client, seeded):
    page = lever_page(7)
    page.unpublish()
    node, crumbs = detail_jsonld(client, seeded.url)
    assert node["@type"] == "CollectionPage"
    assert len(node["hasPart"]) == 6
    assert page.title not in {part["name"] for part in node["hasPart"]}
    assert [item["name"] for item in crumbs["itemListElement"]] == ["Startseite", seeded.title]


def test_unpublished_page_is_gone_from_sitemap_and_api(client, seeded):
    page = lever_page(5)
    text = sitemap_section(client, "seiten")
    assert f"http://testserver{page.url}" in text and f"http://testserver{seeded.url}" in text
    url = page.url
    page.unpublish()
    assert url not in sitemap_section(client, "seiten")
    assert client.get("/api/v1/recommendations/5").status_code == 404
    assert client.get(url).status_code == 404


def test_preview_renders_no_jsonld(seeded):
    page = lever_page(2)
    response = page.make_preview_request()  # builds a preview request and serves the preview
    html = response.render().content.decode()
    assert page.title in html
    assert jsonld_blocks(html) == []


def test_api_revalidates_and_page_or_practice_changes_break_the_etag(client, seeded):
    assert_revalidates(client, "/api/v1/recommendations", lever_page(1).unpublish)
    first = client.get("/api/v1/recommendations/2")
    assert client.get("/api/v1/recommendations/2", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    PracticeFactory(stellschrauben=[2])  # the detail shows the practice count of the lever
    changed = client.get("/api/v1/recommendations/2", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed.json()["practice_count"] >= 1
