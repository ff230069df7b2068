"""Every public page type: WCAG 2.1 A/AA by axe-core, no third-party requests, no cookies."""

import pytest

from .helpers import visit


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/themen/krisenmanagement/",
        "/ueber-die-daten/",
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        "/en/",
        "/en/themen/vulnerable-gruppen/",
    ],
)
def test_editorial_pages(page, browser_data, path):
    visit(page, path)


def test_home_page_entry_points_lead_to_the_filtered_list(page, browser_data):
    visit(page, "/")

    page.get_by_role("link", name="Hitze und Dürre").click()

    page.wait_for_url("**/praxisbeispiele/?crisis_types=hitze")
    assert page.locator("form.facets input[name=crisis_types][value=hitze]").is_checked()


def test_not_found_page(page, browser_data):
    visit(page, "/gibt-es-nicht/", status=404)

    assert page.locator("h1").inner_text() == "Seite nicht gefunden"


@pytest.mark.parametrize(
    "path",
    [
        "/praxisbeispiele/",
        "/praxisbeispiele/?themes=vulnerable-gruppen&crisis_types=hitze",
        "/praxisbeispiele/?q=Hitze&sort=title",
        "/en/praxisbeispiele/",
        "/en/praxisbeispiele/?themes=krisenkommunikation",
    ],
)
def test_practice_list(page, browser_data, path):
    visit(page, path)


def test_english_list_is_marked_as_english(page, browser_data):
    visit(page, "/en/praxisbeispiele/")

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator('a[hreflang="de"]').get_attribute("href") == "/praxisbeispiele/"


def test_practice_detail(page, browser_data):
    visit(page, "/praxisbeispiele/hitzetelefon/")

    assert page.locator("h1").inner_text().startswith("Hitzetelefon für ältere Menschen")
    assert page.locator(".demo-notice").is_visible()


def test_place_page(page, browser_data):
    visit(page, "/kommunen/koeln/")

    assert "Köln" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="Hitzetelefon für ältere Menschen").count() == 1


def test_print_stylesheet_hides_navigation_and_shows_link_addresses(page, browser_data):
    visit(page, "/praxisbeispiele/hitzetelefon/")

    page.emulate_media(media="print")

    assert page.locator(".site-nav").is_hidden()
    assert page.locator(".site-search").is_hidden()
    assert page.locator(".language-switch").is_hidden()
    footer_lists = page.locator(".footer-links")
    assert footer_lists.count() >= 1
    assert all(footer_lists.nth(i).is_hidden() for i in range(footer_lists.count()))
    assert page.locator("h1").is_visible()
    place_link = page.locator('main a[href="/kommunen/koeln/"]').first
    after = place_link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "/kommunen/koeln/" in after
    assert page.locator("body").evaluate("b => getComputedStyle(b).color") == "rgb(0, 0, 0)"

    page.emulate_media(media="screen")
    assert page.locator(".site-nav").is_visible()


@pytest.mark.parametrize("path", ["/", "/praxisbeispiele/?themes=vulnerable-gruppen", "/praxisbeispiele/hitzetelefon/"])
def test_pages_reflow_to_320_pixels_without_horizontal_scrolling(page, browser_data, path):
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, path)

    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    # On a narrow screen the filters come before the results, in one column.
    if "praxisbeispiele/?" in path:
        aside = page.locator(".layout-sidebar__aside").bounding_box()
        main = page.locator(".layout-sidebar__main").bounding_box()
        assert aside["y"] + aside["height"] <= main["y"]


@pytest.mark.parametrize("path", ["/suche/", "/suche/?q=Hitzetelefon", "/suche/?q=hitzetelefn", "/en/suche/?q=heat"])
def test_search_page(page, browser_data, path):
    visit(page, path)


def test_search_finds_a_practice_and_offers_a_correction(page, browser_data):
    visit(page, "/suche/?q=Hitzetelefn")

    assert page.get_by_role("link", name="Hitzetelefon für ältere Menschen").count() >= 1
    assert "Hitzetelefon" in page.locator("main").inner_text()
