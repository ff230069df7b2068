"""The main journey: filter the list, open a practice, come back and find the same filters."""

import re
from urllib.parse import parse_qs, urlsplit

from .helpers import assert_accessible, assert_no_cookies, visit

FILTERS = {"themes": ["vulnerable-gruppen"], "crisis_types": ["hitze"]}
MATCHING = {"Hitzetelefon für ältere Menschen", "Hitzeaktionsplan mit Trinkbrunnen"}


def result_count(page) -> int:
    return int(re.search(r"\d+", page.locator(".result-count").inner_text()).group())


def card_titles(page) -> set[str]:
    return {title.strip() for title in page.locator(".card-list .card__title a").all_inner_texts()}


def assert_filters_applied(page):
    query = parse_qs(urlsplit(page.url).query)
    for name, values in FILTERS.items():
        assert query.get(name) == values, f"{name} missing from {page.url}"
        for value in values:
            assert page.locator(f"form.facets input[name={name}][value={value}]").is_checked(), (name, value)
    assert card_titles(page) == MATCHING
    assert result_count(page) == 2


def test_filter_open_a_practice_and_return_to_the_same_results(page, browser_data):
    visit(page, "/praxisbeispiele/")
    assert result_count(page) == 5

    page.locator("form.facets input[name=themes][value=vulnerable-gruppen]").check()
    page.locator("form.facets input[name=crisis_types][value=hitze]").check()
    page.locator("form.facets").get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url(re.compile(r"crisis_types=hitze"))

    assert_filters_applied(page)
    assert_accessible(page)

    # Open a practice and use the page's own way back.
    page.get_by_role("link", name="Hitzetelefon für ältere Menschen").click()
    page.wait_for_url(re.compile(r"/praxisbeispiele/hitzetelefon/"))
    assert_accessible(page)
    page.get_by_role("link", name="Zurück zu den Ergebnissen").click()
    page.wait_for_url(re.compile(r"/praxisbeispiele/\?"))
    assert_filters_applied(page)

    # Open the other one and use the browser's back button.
    page.get_by_role("link", name="Hitzeaktionsplan mit Trinkbrunnen").click()
    page.wait_for_url(re.compile(r"/praxisbeispiele/hitzeaktionsplan/"))
    page.go_back()
    page.wait_for_url(re.compile(r"/praxisbeispiele/\?"))
    assert_filters_applied(page)
    assert_no_cookies(page)


def test_keyboard_user_reaches_the_content_with_the_skip_link(page, browser_data):
    visit(page, "/praxisbeispiele/")

    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("el => el === document.activeElement")
    assert skip_link.is_visible()
    # The focus ring is drawn (outline and halo), not suppressed.
    outline = skip_link.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
