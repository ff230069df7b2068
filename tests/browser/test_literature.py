"""The literature list and detail page: WCAG 2.1 AA, no third-party requests, no cookies, the copy button."""

import re

import pytest

from .helpers import assert_accessible, visit


@pytest.fixture
def literature_data(browser_data):
    from krisenwissen.literature import facets
    from krisenwissen.literature.importers import import_text
    from krisenwissen.literature.models import Literature
    from krisenwissen.practices.models import Practice
    from tests.literature import samples

    import_text(samples.RIS, filename="liste.ris")
    import_text(samples.CSL_JSON.replace("10.1000/abc.123", "").replace("https://example.org/a", "https://x.org"))
    record = Literature.objects.get(title="Hitzeschutz in Städten")
    record.practices.add(Practice.objects.public().first())
    record.save()
    facets.reset_index()
    return record


def test_literature_list_and_filter(page, literature_data):
    visit(page, "/literatur/")
    assert re.search(r"\d+ Titel", page.locator(".result-count").inner_text())

    page.locator("form.facets input[name=type][value=article-journal]").check()
    page.locator("form.facets").get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url(re.compile(r"type=article-journal"))
    assert page.locator(".card-list .card__title a").all_inner_texts() == ["Hitzeschutz in Städten"]
    assert_accessible(page)


def test_literature_detail_page_with_citations_and_copy_button(page, context, literature_data):
    visit(page, f"/literatur/{literature_data.pk}/")
    assert page.locator("#citation-apa").inner_text().startswith("Weber, A. (2020).")
    assert page.locator("#citation-din").is_visible()
    assert page.locator(".card-list .card__title a").count() == 1  # the practice it supports

    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Zitat (APA 7) kopieren").click()
    page.wait_for_function("() => document.querySelector('.literature-citation__status').textContent.length > 0")
    assert page.evaluate("() => navigator.clipboard.readText()").startswith("Weber, A. (2020).")
    assert_accessible(page)


def test_practice_page_lists_the_literature_that_supports_it(page, literature_data):
    practice = literature_data.practices.get()
    visit(page, practice.get_absolute_url())
    assert_accessible(page)
    section = page.get_by_role("region", name="Literatur zu diesem Praxisbeispiel")
    section.get_by_role("link", name="Hitzeschutz in Städten").click()
    page.wait_for_url(re.compile(rf"/literatur/{literature_data.pk}/$"))
