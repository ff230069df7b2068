import pytest

from krisenwissen.core.bootstrap import ensure_site_pages
from krisenwissen.taxonomy.services import load_taxonomy


@pytest.fixture
def site(db):
    """The shipped vocabularies and the editorial pages (home page and the legal pages)."""
    from tests.browser.conftest import restore_wagtail_tree

    # A transactional (browser) test run before may have emptied Wagtail's root nodes.
    restore_wagtail_tree()
    load_taxonomy()
    return ensure_site_pages()
