import pytest

from krisenwissen.places.registry import load_registry
from krisenwissen.taxonomy.services import load_taxonomy


@pytest.fixture(scope="session")
def reference_data(django_db_setup, django_db_blocker):
    """The taxonomy and the 11.7k-row municipality registry, loaded once for the whole run."""
    with django_db_blocker.unblock():
        load_taxonomy()
        load_registry()


@pytest.fixture
def refdb(reference_data, db):
    """A test database holding the reference data (each test's own writes are rolled back)."""
