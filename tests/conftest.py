import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in German: a request to /en/ leaves English active in the thread, and
    ``reverse()`` would then build /en/ addresses for the next test."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.deactivate()
