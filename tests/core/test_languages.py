"""German at /, English below /en/: routing, the lang attribute and the language switch."""

import pytest


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("/", "de"),
        ("/en/", "en"),
        ("/themen/krisenmanagement/", "de"),
        ("/en/themen/krisenmanagement/", "en"),
        ("/ueber-die-daten/", "de"),
        ("/en/ueber-die-daten/", "en"),
        ("/en/impressum/", "en"),
    ],
)
def test_pages_are_served_under_the_language_prefix_with_the_right_lang_attribute(client, site, path, lang):
    response = client.get(path)

    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


def test_language_switch_links_the_same_page_in_english_keeping_the_query(client, site):
    html = client.get("/themen/krisenmanagement/?seite=2").content.decode()

    assert 'href="/en/themen/krisenmanagement/?seite=2" lang="en" hreflang="en"' in html


def test_language_switch_links_back_to_german_for_wagtail_pages(client, site):
    html = client.get("/en/datenschutz/").content.decode()

    assert 'href="/datenschutz/" lang="de" hreflang="de"' in html


def test_english_pages_keep_internal_links_in_english(client, site):
    html = client.get("/en/").content.decode()

    assert 'href="/en/praxisbeispiele/"' in html
    assert 'href="/en/themen/krisenkommunikation/"' in html
    assert 'class="site-logo" href="/en/"' in html
    assert 'action="/en/suche/"' in html


def test_terms_show_english_names_on_english_pages(client, site):
    html = client.get("/en/themen/krisenkommunikation/").content.decode()

    assert "<h1>Crisis communication with citizens</h1>" in html
