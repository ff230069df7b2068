import pytest

from krisenwissen.literature import facets


@pytest.fixture
def taxonomy(db):
    from krisenwissen.taxonomy.services import load_taxonomy

    load_taxonomy()


@pytest.fixture(autouse=True)
def _fresh_facet_index():
    """Every test reads its own data: no facet index survives from another test's database."""
    facets.reset_index()
    yield
    facets.reset_index()
