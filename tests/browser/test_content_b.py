"""Interviews, survey results, comparisons and the map in the browser: axe-core on every page type,
no third-party requests (checked by the ``context`` fixture), the player, the compare form, the map."""

import pytest

from .helpers import assert_accessible, visit


@pytest.fixture
def content_b(browser_data):
    from krisenwissen.comparisons import demo_content as comparisons
    from krisenwissen.comparisons.models import CrisisStaffArrangement
    from krisenwissen.interviews import demo_content as interviews
    from krisenwissen.interviews.models import Interview
    from krisenwissen.places.models import Place
    from krisenwissen.practices.facets import reset_index
    from krisenwissen.surveys import demo_content as surveys
    from krisenwissen.surveys.models import Survey

    interviews.load()
    surveys.load()
    comparisons.load()
    Place.objects.filter(slug="koeln").update(latitude=50.94, longitude=6.96)
    Place.objects.filter(slug="zell").update(latitude=49.1, longitude=11.6)
    Place.objects.filter(slug="wien").update(latitude=48.2, longitude=16.37)
    reset_index()
    return {
        "interview": Interview.objects.get(),
        "survey": Survey.objects.get(wave=1),
        "records": {record.land: record for record in CrisisStaffArrangement.objects.all()},
    }


def test_interview_pages(page, content_b):
    visit(page, "/interviews/")
    visit(page, "/interviews/?themes=krisenmanagement")
    interview = content_b["interview"]
    visit(page, interview.get_absolute_url())

    assert page.locator(".demo-notice").is_visible()
    assert page.locator("video track[kind=captions]").count() == 1
    assert "Willkommen zu diesem Demo-Interview." in page.locator(".interview-transcript").inner_text()


def test_interview_player_plays_own_file_with_captions_and_chapters_seek(page, content_b):
    visit(page, content_b["interview"].get_absolute_url())
    video = page.locator("#interview-player")

    # The file and its captions come from this server and the browser can read them.
    page.wait_for_function("document.getElementById('interview-player').readyState >= 1", timeout=15_000)
    assert page.evaluate("document.getElementById('interview-player').duration") > 30
    page.wait_for_function(
        "() => { const t = document.getElementById('interview-player').textTracks[0];"
        " return t && t.cues && t.cues.length === 8; }",
        timeout=15_000,
    )

    # A chapter link, used with the keyboard, moves the player to its time and focuses it.
    chapter = page.locator(".interview-chapters a").nth(2)
    seconds = int(chapter.get_attribute("data-seek"))
    chapter.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.getElementById('interview-player').currentTime >= {seconds}")
    assert page.evaluate("document.activeElement.id") == "interview-player"
    assert video.get_attribute("controls") is not None
    assert page.locator("#interview-status").inner_text().endswith("Was sich bewährt hat")


def test_survey_pages(page, content_b):
    visit(page, "/befragungen/")
    assert "101" in page.locator("table").inner_text()
    survey = content_b["survey"]
    visit(page, survey.get_absolute_url())
    assert page.locator("svg[role=img]").count() == 3
    page.select_option("#survey-size-class", "grossstadt")
    page.select_option("#survey-state", "Nordrhein-Westfalen")
    page.get_by_role("button", name="Vergleichen").click()
    page.wait_for_url("**size_class=grossstadt**")
    assert_accessible(page)
    assert page.locator("th[scope=row]", has_text="Großstadt").count() == 3


def test_comparison_pick_more_than_five_then_five(page, content_b):
    visit(page, "/vergleiche/")
    visit(page, "/vergleiche/krisenstaebe/")
    lands = ["Bayern", "Berlin", "Bremen", "Hamburg", "Hessen", "Sachsen"]
    for land in lands:
        page.get_by_label(land, exact=True).check()
    page.get_by_role("button", name="Vergleichen").click()
    page.wait_for_load_state()

    assert "höchstens 5" in page.locator("[role=alert]").inner_text()
    assert_accessible(page)
    page.get_by_label("Sachsen", exact=True).uncheck()
    page.get_by_role("button", name="Vergleichen").click()
    page.wait_for_selector(".comparison-table")
    assert_accessible(page)
    headers = page.locator(".comparison-table thead th[scope=col] a").all_inner_texts()
    assert headers == lands[:5]

    visit(page, content_b["records"]["Thüringen"].get_absolute_url())


def test_map_renders_markers_and_outlines_offline(page, content_b, request_log):
    visit(page, "/karte/")
    page.wait_for_selector("#practice-map.practice-map--ready")
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-overlay-pane path").count() >= 16
    assert page.locator(".leaflet-marker-icon").count() >= 1
    assert page.locator("#practice-map").get_attribute("data-markers") == "5"
    assert page.locator(".practice-map__fallback").count() == 0
    assert_accessible(page)
    assert any(url.endswith("/static/geo/laender.geojson") for url in request_log.urls)
    assert request_log.third_party() == []


def test_map_with_filters_and_without_its_script(page, content_b):
    # The map script is blocked, as for a visitor without JavaScript (axe-core itself needs
    # JavaScript, so the page's own script is switched off instead of the whole engine).
    page.route("**/static/js/map.js", lambda route: route.abort())
    visit(page, "/karte/?crisis_types=hitze")

    assert "Die Karte braucht JavaScript." in page.locator("#practice-map").inner_text()
    assert page.get_by_role("link", name="Dieselbe Auswahl als Liste").get_attribute("href") == (
        "/praxisbeispiele/?crisis_types=hitze"
    )
    assert page.locator("form.facets input[name=crisis_types][value=hitze]").is_checked()
    assert page.locator("#places-heading + .table-scroll tbody tr").count() == 2  # Köln and Wien
