import time
from types import SimpleNamespace

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _ratelimit_clock(monkeypatch):
    """django-ratelimit counts in fixed windows of wall-clock time (one minute for "20/m"): requests
    of a test that straddle the end of a window would see the count start again. The limiter's
    clock stands still during a test, so "the 21st request is refused" holds every time."""
    import django_ratelimit.core

    frozen = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: frozen))


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in German: a request to /en/ leaves English active in the thread, and
    ``reverse()`` would then build /en/ addresses for the next test."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.deactivate()


def _is_transactional(item) -> bool:
    names = getattr(item, "fixturenames", [])
    if "transactional_db" in names or "live_server" in names:
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


def pytest_collection_modifyitems(config, items):
    """Transactional tests (browser tests, lock and restore drills) empty every table when they end.

    - Each of them restores the database as the migrations left it (groups, workflows, the page
      tree, the levers …) before it starts: serialized rollback, the same for all of them, so the
      content types keep their ids from one to the next.
    - Under pytest-xdist they form one group that runs on one worker after the plain database
      tests have been handed out (pytest-django sorts transactional tests last), so no flush can
      reach a worker that still runs tests expecting the migrated data.
    """
    for item in items:
        if not _is_transactional(item):
            continue
        if "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")
        item.add_marker(pytest.mark.xdist_group("transactional"))
