"""Recommendations, research projects, news, events, training offers, publications, theme hubs and the header:
WCAG 2.1 A/AA by axe-core, no third-party requests, no cookies; the header at 320 px."""

import pytest

from .helpers import assert_accessible, visit


@pytest.fixture
def content_a(browser_data):
    """The browser data plus the seeded recommendations and the demo records of the four sections."""
    from krisenwissen.news import demo_content as news
    from krisenwissen.publications import demo_content as publications
    from krisenwissen.recommendations import demo_content as recommendations
    from krisenwissen.research import demo_content as research

    for module in (recommendations, research, news, publications):
        module.load()
    return browser_data


@pytest.mark.parametrize(
    "path",
    [
        "/handlungsempfehlungen/",
        "/handlungsempfehlungen/stellschraube-6/",
        "/en/handlungsempfehlungen/stellschraube-1/",
        "/forschungsprojekte/",
        "/forschungsprojekte/?themes=vulnerable-gruppen&status=abgeschlossen",
        "/forschungsprojekte/demo-warnmix/",
        "/aktuelles/",
        "/aktuelles/demo-zweite-kommunalbefragung/",
        "/termine/",
        "/termine/archiv/",
        "/termine/demo-fachtag-krisenstab/",
        "/termine/demo-werkstatt-hitzeschutz/",
        "/fortbildungen/",
        "/fortbildungen/demo-grundkurs-stabsarbeit/",
        "/publikationen/",
        "/publikationen/demo-lernen-aus-krisen/",
        "/themen/vulnerable-gruppen/",
    ],
)
def test_content_a_pages(page, content_a, path):
    visit(page, path)


def test_header_at_320px_reflows_and_opens_its_menus_by_keyboard(page, content_a):
    page.set_viewport_size({"width": 320, "height": 800})
    visit(page, "/forschungsprojekte/")

    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    summary = page.locator(".site-nav summary", has_text="Aktuelles")
    summary.focus()
    page.keyboard.press("Enter")
    events_link = page.locator(".site-nav a[href='/termine/']")
    assert events_link.is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    # The current section is marked on the group's label for screen readers and sighted users.
    assert "aktueller Bereich" in page.locator(".site-nav summary", has_text="Forschung & Daten").inner_text()

    page.keyboard.press("Escape")
    assert not events_link.is_visible()

    events_link_via_menu = page.locator(".site-nav summary", has_text="Aktuelles")
    events_link_via_menu.click()
    page.locator(".site-nav a[href='/termine/']").click()
    page.wait_for_url("**/termine/")
    assert page.locator("h1").inner_text() == "Termine"


def test_event_calendar_file_downloads(page, content_a):
    visit(page, "/termine/demo-fachtag-krisenstab/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="In den Kalender übernehmen (.ics)").click()

    download = download_info.value
    assert download.suggested_filename == "demo-fachtag-krisenstab.ics"
    with open(download.path(), encoding="utf-8") as calendar:
        assert "BEGIN:VEVENT" in calendar.read()
