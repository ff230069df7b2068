import pytest

from krisenwissen.search.engine import reset_index
from krisenwissen.search.thesaurus import reset_thesaurus
from krisenwissen.taxonomy.services import load_taxonomy


@pytest.fixture(scope="session")
def taxonomy(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_taxonomy()


@pytest.fixture
def searchdb(taxonomy, db):
    """A database with the taxonomy and a fresh in-memory search index."""
    reset_index()
    reset_thesaurus()
    yield
    reset_index()
    reset_thesaurus()
