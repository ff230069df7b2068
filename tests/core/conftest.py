import pytest

from krisenwissen.core.bootstrap import ensure_site_pages
from krisenwissen.taxonomy.services import load_taxonomy


@pytest.fixture
def site(db):
    """The shipped vocabularies and the editorial pages (home page and the three legal pages)."""
    load_taxonomy()
    return ensure_site_pages()
