"""End-to-end sanity checks on the 180 demo practices (imported once for this module)."""

import pytest

from krisenwissen.search.engine import reset_index
from krisenwissen.search.service import search_page


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from krisenwissen.places.models import Place
    from krisenwissen.places.registry import load_registry
    from krisenwissen.practices.importers import DEMO_FILE, import_practices
    from krisenwissen.practices.models import Practice
    from krisenwissen.taxonomy.services import load_taxonomy

    with django_db_blocker.unblock():
        load_taxonomy()
        load_registry()
        last_registered = Place.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        import_practices(DEMO_FILE, is_demo=True)
        reset_index()
        yield Practice.objects.public().count()
        # Committed outside the tests' transactions: remove the practices and the European places
        # the import created, so later tests on this worker start from the registry alone.
        Practice.objects.all().delete()
        Place.objects.filter(pk__gt=last_registered).delete()
        reset_index()


def ranked(q, n=10):
    return search_page(q, limit=n).items


@pytest.mark.django_db
@pytest.mark.slow
def test_every_demo_practice_is_indexed_and_finds_itself_by_title(demo):
    from krisenwissen.practices.models import Practice
    from krisenwissen.search.models import SearchDocument

    assert SearchDocument.objects.count() == demo == 180
    for practice in Practice.objects.public().order_by("?")[:15]:
        assert practice.title in [item.title for item in ranked(practice.title, 3)]


@pytest.mark.django_db
@pytest.mark.slow
def test_results_share_the_query_concept(demo):
    items = ranked("Hochwasser", 10)
    assert len(items) == 10
    assert all("<mark>" in item.snippet or "<mark>" in item.title_html for item in items[:5])


@pytest.mark.django_db
@pytest.mark.slow
def test_english_query_finds_german_practices(demo):
    languages = {item.language for item in ranked("heat protection for older people", 10)}
    assert "de" in languages
