"""Test settings: fast hashing, tasks run immediately, static files without a manifest."""

import os

from .base import *  # noqa: F403
from .base import Path

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105 - tests only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rate-limit counters in the test database: each test's transaction rolls them back.
    "ratelimit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "krisenwissen_ratelimit_cache"},
}
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", BASE_DIR / "var" / "test-media"))  # noqa: F405
if not os.environ.get("DATABASE_URL"):
    # A file, not :memory:, so the live server of the browser tests shares the test database.
    _test_db_path = Path(os.environ.get("TEST_SQLITE_PATH", BASE_DIR / "var" / "test.sqlite3"))  # noqa: F405
    _test_db_path.parent.mkdir(parents=True, exist_ok=True)
    _test_db = str(_test_db_path)
    DATABASES["default"]["NAME"] = _test_db  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": _test_db}  # noqa: F405
# The read-replica alias exists in tests as a second connection to the test database (a mirror).
# No router is installed, so nothing reads from it except the routing test, which installs one.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
# The page cache outlives a test's rolled-back transaction; tests that need it switch it on.
PAGE_CACHE_SECONDS = 0
MAINTENANCE_FLAG_FILE = BASE_DIR / "var" / f"test-maintenance-{os.getpid()}.flag"  # noqa: F405
