"""Fixtures of the browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every test gets a fresh browser context (no cookies, no cache) whose requests are recorded; the
test fails if the page asked any host other than the live server for anything (fonts, scripts,
images, prefetches …). The helpers the tests call and the skip without Chromium are in
``helpers.py``; nothing here touches Playwright before a browser test actually runs.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest


def pytest_collection_modifyitems(items):
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run; ``launch()`` starts it with a fresh temporary user-data-dir."""
    from playwright.sync_api import sync_playwright

    from .helpers import CHROMIUM_ARGS, CHROMIUM_PATH

    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls while
    # one runs unless told that this (test-only) synchronous use is intended.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class RequestLog:
    """Every request a page made, so requests to the live server can be told from third-party ones."""

    def __init__(self, server_url: str):
        self.allowed_host = urlsplit(server_url).netloc
        self.urls: list[str] = []

    def record(self, request) -> None:
        self.urls.append(request.url)

    def third_party(self) -> list[str]:
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in {"data", "blob", "about"} and urlsplit(url).netloc != self.allowed_host
        ]


@pytest.fixture
def request_log(live_server):
    return RequestLog(live_server.url)


@pytest.fixture
def context(browser, live_server, request_log):
    """A fresh browser context (own cookies and cache) for one test; fails the test on third-party requests."""
    ctx = browser.new_context(base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900})
    ctx.on("request", request_log.record)
    yield ctx
    ctx.close()
    third_party = request_log.third_party()
    if third_party:
        pytest.fail("requests to hosts other than the live server:\n  " + "\n  ".join(third_party), pytrace=False)


@pytest.fixture
def page(context):
    """A page whose test fails if the browser refused anything under the Content-Security-Policy
    (an inline script or style, a foreign source): the policy must hold on every page we render."""
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    violations: list[str] = []
    pg.on(
        "console",
        lambda message: (
            violations.append(f"{pg.url}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield pg
    if violations:
        pytest.fail("Content-Security-Policy violations:\n  " + "\n  ".join(violations), pytrace=False)


def restore_wagtail_tree() -> None:
    """Recreate what Wagtail's migrations put into an empty database: the locale and the root nodes.

    A transactional test ends by emptying every table, and the next one starts without them.
    (Serialized rollback would restore them too, but breaks as soon as any other transactional
    test has flushed before: the content types come back with new ids.)
    """
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Collection, Locale, Page

    # The content types may have come back with other ids; the per-process cache must not hand
    # out the old ones.
    ContentType.objects.clear_cache()
    locale, _ = Locale.objects.get_or_create(language_code="de")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def browser_data(transactional_db):
    """Data the live server can see: the vocabularies, the editorial pages, three places, five practices.

    The live server answers from another thread with its own connection, so the data must be
    committed (transactional_db) rather than wrapped in a test transaction.
    """
    from krisenwissen.core.bootstrap import ensure_site_pages
    from krisenwissen.places.models import Place
    from krisenwissen.taxonomy.services import load_taxonomy
    from tests.factories import PlaceFactory, PracticeFactory

    restore_wagtail_tree()
    # The municipality registry that plain database tests load once per session was committed
    # outside their transactions; the first transactional test of a worker still finds it.
    if Place.objects.exists():
        Place.objects.all().delete()
    load_taxonomy()
    ensure_site_pages()
    koeln = PlaceFactory(
        name="Köln", slug="koeln", key="05315000", ags="05315000", state="Nordrhein-Westfalen", population=1_080_000
    )
    zell = PlaceFactory(name="Zell", slug="zell", key="07135501", ags="07135501", state="Bayern", population=3_900)
    wien = PlaceFactory(
        name="Wien", slug="wien", key="geonames:2761369", ags="", country="AT", state="Wien", population=1_900_000
    )
    practices = {
        "hitzetelefon": PracticeFactory(
            title="Hitzetelefon für ältere Menschen",
            slug="hitzetelefon",
            municipality=koeln,
            themes=["vulnerable-gruppen"],
            crisis_types=["hitze"],
            phases=["vorsorge"],
            target_groups=["aeltere-menschen"],
            stellschrauben=[6],
            start_year=2019,
            is_demo=True,
        ),
        "lagezentrum": PracticeFactory(
            title="Lagezentrum mit festen Unterstäben",
            slug="lagezentrum",
            municipality=koeln,
            themes=["krisenmanagement"],
            crisis_types=["pandemie"],
            phases=["bewaeltigung"],
            stellschrauben=[1, 3],
            start_year=2020,
            end_year=2022,
            is_demo=True,
        ),
        "hochwasserwarnung": PracticeFactory(
            title="Mehrsprachige Hochwasserwarnung",
            slug="hochwasserwarnung",
            municipality=zell,
            themes=["krisenkommunikation", "vulnerable-gruppen"],
            crisis_types=["hochwasser"],
            phases=["bewaeltigung"],
            target_groups=["geringe-deutschkenntnisse"],
            start_year=2021,
            is_demo=True,
        ),
        "hitzeaktionsplan": PracticeFactory(
            title="Hitzeaktionsplan mit Trinkbrunnen",
            slug="hitzeaktionsplan",
            municipality=wien,
            themes=["krisenmanagement", "vulnerable-gruppen"],
            crisis_types=["hitze"],
            phases=["vorsorge"],
            target_groups=["aeltere-menschen", "wohnungslose"],
            start_year=2018,
            is_demo=True,
        ),
        "buergertelefon": PracticeFactory(
            title="Bürgertelefon und Chat im Stromausfall",
            slug="buergertelefon",
            municipality=zell,
            themes=["krisenkommunikation"],
            crisis_types=["stromausfall"],
            phases=["bewaeltigung"],
            start_year=2022,
            is_demo=True,
        ),
    }
    return {"places": {"koeln": koeln, "zell": zell, "wien": wien}, "practices": practices}
