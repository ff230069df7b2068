"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see ``.env.example``);
the defaults here are safe for local development.
"""

import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from ``.env`` without overriding the real environment."""
    if not path.is_file():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "krisenwissen.core",
    "krisenwissen.taxonomy",
    "krisenwissen.places",
    "krisenwissen.practices",
    "krisenwissen.search",
    "krisenwissen.literature",
    "krisenwissen.research",
    "krisenwissen.recommendations",
    "krisenwissen.news",
    "krisenwissen.publications",
    "krisenwissen.interviews",
    "krisenwissen.surveys",
    "krisenwissen.comparisons",
    "krisenwissen.maps",
    "krisenwissen.contributions",
    "krisenwissen.workspace",
    "krisenwissen.reflection",
    "krisenwissen.assessment",
    "krisenwissen.opendata",
    "krisenwissen.api",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "ninja",  # serves the API docs (Swagger UI) from its bundled static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    # Reflexionsraum accounts: TOTP two-factor (with recovery codes) and rate limits
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_ratelimit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Cheapest possible 503 first when public pages are overloaded (see core/middleware.py).
    "krisenwissen.core.middleware.LoadSheddingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "krisenwissen.core.middleware.PlatformCSPMiddleware",
    "krisenwissen.core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag/Last-Modified/304 for /api/, CORS for the API and the open-data URLs (api/conventions.py).
    "krisenwissen.api.conventions.OpenDataHeadersMiddleware",
    "krisenwissen.core.middleware.MaintenanceModeMiddleware",
    # Reads of anonymous public GET requests from the read replica, if one is configured.
    "krisenwissen.core.dbrouting.ReplicaReadsMiddleware",
    "krisenwissen.core.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it sees exceptions from views first: busy/full database → 503, never 500.
    "krisenwissen.core.middleware.DatabaseTroubleMiddleware",
]

ROOT_URLCONF = "krisenwissen.urls"
WSGI_APPLICATION = "krisenwissen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "krisenwissen.core.context_processors.platform",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers run beside one writer; IMMEDIATE transactions
# take the write lock at BEGIN so two writers queue on the busy timeout instead of failing
# with "database is locked" halfway through a transaction.
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", BASE_DIR / "var" / "krisenwissen.sqlite3"))
SQLITE_BUSY_TIMEOUT_S = int(os.environ.get("SQLITE_BUSY_TIMEOUT_S", "20"))

if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"],
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
    # A PostgreSQL read replica for what anonymous visitors read (core/dbrouting.py); the primary
    # keeps every write and every read of editors, signed-in staff and private links.
    if os.environ.get("DATABASE_REPLICA_URL"):
        DATABASES["replica"] = dj_database_url.parse(
            os.environ["DATABASE_REPLICA_URL"],
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
        # Tests run against one database: the replica alias mirrors the primary there.
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
        DATABASE_ROUTERS = ["krisenwissen.core.dbrouting.ReplicaRouter"]
else:
    # The database file lives in var/ (not versioned); a fresh checkout has no such folder yet.
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Keep the connection for the life of the worker: reopening costs PRAGMAs and a schema read.
            "CONN_MAX_AGE": int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_BUSY_TIMEOUT_S,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000};"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background tasks ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Cache -----------------------------------------------------------------------------------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rate limits and failed-login counters need a cache every worker process shares: the Redis cache
# when REDIS_URL is set, otherwise a table in the database (created by the workspace migrations).
# The database cache increments by read-then-write, so a burst of parallel requests may get a few
# more attempts through than the limit says; production should set REDIS_URL (docs/reflexionsraum-access.md).
if os.environ.get("REDIS_URL"):
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "ratelimit",
    }
else:
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "krisenwissen_ratelimit_cache",
    }
RATELIMIT_USE_CACHE = "ratelimit"
# django-ratelimit only knows third-party Redis/memcached classes; Django's own RedisCache is atomic
# too (W001), and the database cache is the documented development fallback (E003, see above).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# --- Auth ------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
OTP_TOTP_ISSUER = "Krisenwissen"

# --- Reflexionsraum: invitations and login throttling (docs/reflexionsraum-access.md) ------------
WORKSPACE_INVITATION_MAX_AGE_DAYS = int(os.environ.get("WORKSPACE_INVITATION_MAX_AGE_DAYS", "7"))
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_IP = int(os.environ.get("LOGIN_FAILURES_PER_IP", "20"))
LOGIN_FAILURE_WINDOW_S = int(os.environ.get("LOGIN_FAILURE_WINDOW_S", "900"))

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Krisenwissen"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch")]
# No outgoing requests: no update check, no Gravatar, no embeds from third parties.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Platform search (docs/search.md): snapshots of the in-memory index under var/search-index/ let a
# new worker load the index instead of rebuilding it; the first request starts that in the background.
SEARCH_SNAPSHOTS = env_bool("SEARCH_SNAPSHOTS", True)
SEARCH_SNAPSHOT_DIR = os.environ.get("SEARCH_SNAPSHOT_DIR") or str(BASE_DIR / "var" / "search-index")
SEARCH_WARM_UP = env_bool("SEARCH_WARM_UP", True)
SEARCH_SYNC_BUILD_MAX_DOCS = int(os.environ.get("SEARCH_SYNC_BUILD_MAX_DOCS", "10000"))

# --- E-mail ----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Krisenwissen <noreply@localhost>")

# --- Cookies: only the essential session and CSRF cookies, never for tracking ----------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# --- Security headers ------------------------------------------------------------------------
# Public pages: no inline scripts or styles at all (templates load every script and stylesheet
# from /static/). The Wagtail admin and the API's Swagger page bring inline code of their own and
# get the looser CONTENT_SECURITY_POLICY_ADMIN (see core/middleware.py).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
# Shown in the map's attribution when MAP_TILE_URL is set (the tile provider's licence notice).
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
_TILE_SOURCES = []
if MAP_TILE_URL:
    from urllib.parse import urlsplit as _urlsplit

    _tile = _urlsplit(MAP_TILE_URL.replace("{s}", "a"))
    _TILE_SOURCES = [f"{_tile.scheme}://{_tile.netloc.replace('a.', '*.', 1)}"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_TILE_SOURCES],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
CSP_ADMIN_PREFIXES = ("/cms/", "/api/v1/docs")
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]

# --- Availability -----------------------------------------------------------------------------
# Anonymous page cache (core/pagecache.py): seconds a page stays in the shared cache (0 = off),
# and the max-age browsers and proxies may keep it.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
# Load shedding (core/middleware.py): public requests beyond this many in flight per process, or
# waiting longer than this in the proxy queue, get 503 + Retry-After at once (0 = off).
LOAD_SHED_MAX_IN_FLIGHT = int(os.environ.get("LOAD_SHED_MAX_IN_FLIGHT", "0"))
LOAD_SHED_MAX_QUEUE_MS = int(os.environ.get("LOAD_SHED_MAX_QUEUE_MS", "0"))
MAINTENANCE_MODE = env_bool("MAINTENANCE_MODE", False)
MAINTENANCE_FLAG_FILE = Path(os.environ.get("MAINTENANCE_FLAG_FILE", BASE_DIR / "var" / "maintenance.flag"))
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "var" / "backups"))
HEALTH_MIN_FREE_DISK_MB = int(os.environ.get("HEALTH_MIN_FREE_DISK_MB", "500"))
HEALTH_MAX_TASK_WAIT_S = int(os.environ.get("HEALTH_MAX_TASK_WAIT_S", "600"))

# --- Platform --------------------------------------------------------------------------------
KRISENWISSEN_DATA_DIR = PROJECT_DIR / "data"
PRACTICES_PAGE_SIZE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "krisenwissen.core.logging.JsonFormatter"},
    },
    # LOG_FORMAT=json in production: one JSON object per line, e-mail and IP addresses masked.
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": os.environ.get("LOG_FORMAT", "plain")}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # bibtexparser logs every damaged entry; the import reports those to the editor instead.
        "bibtexparser": {"level": "ERROR"},
    },
}
