"""A page cache for anonymous visitors, invalidated the moment content changes.

When a press article links the platform, hundreds of people open the same few public pages. For a
visitor without a session the rendered page is the same for everybody, so it is stored in the
shared cache (Redis in production) under a key that contains a *content generation* number. Any
save or delete of public content bumps the generation (:func:`bump`), which makes every stored page
unreachable at once — on every app server, because the number lives in the shared cache too.

Never cached: requests with a session cookie (editors, workspace members), non-GET requests,
private paths, responses that set a cookie, used the CSRF token, are private/no-store or not 200.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from wagtail.signals import page_published, page_unpublished, published, unpublished

from .paths import PRIVATE_AREAS, in_areas, is_anonymous_read

GENERATION_KEY = "pagecache:generation"
#: Apps whose rows are shown on public pages; a change to any of their rows bumps the generation.
PUBLIC_APPS = {
    "core",
    "taxonomy",
    "places",
    "practices",
    "search",
    "literature",
    "research",
    "recommendations",
    "news",
    "publications",
    "interviews",
    "surveys",
    "comparisons",
    "maps",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
}
#: Never cached: the private areas, the API (its own ETags and CORS), health checks and files.
SKIP_AREAS = (*PRIVATE_AREAS, "api/", "health/", "static/", "media/")


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def generation() -> int:
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def bump(**kwargs) -> None:
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): start a new series
        cache.add(GENERATION_KEY, 2, None)


def _on_change(sender, **kwargs):
    if sender._meta.app_label in PUBLIC_APPS:
        bump()


def connect_signals() -> None:
    post_save.connect(_on_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(bump, dispatch_uid=f"pagecache-{id(signal)}")


class AnonymousPageCacheMiddleware:
    """Serve stored pages to anonymous visitors; store what is safe to share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.timeout = settings.PAGE_CACHE_SECONDS
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = self.key(request)
        cache = _cache()
        stored = cache.get(key)
        if stored is not None:
            response = stored
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.cacheable_response(request, response):
            response["Cache-Control"] = f"public, max-age={settings.PAGE_CACHE_BROWSER_SECONDS}"
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.add_post_render_callback(lambda r: cache.set(key, r, self.timeout))
            else:
                cache.set(key, response, self.timeout)
            response["X-Page-Cache"] = "miss"
        return response

    def cacheable_request(self, request) -> bool:
        if not self.timeout or not is_anonymous_read(request):
            return False
        if getattr(request, "maintenance_mode", False):
            return False
        return not in_areas(request.path_info, SKIP_AREAS)

    def cacheable_response(self, request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_USED"):
            return False
        if getattr(request, "_csp_nonce", None):  # a nonce is valid for one response only
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control and "no-cache" not in cache_control

    def key(self, request) -> str:
        digest = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogatepass")).hexdigest()
        return f"pagecache:{generation()}:{translation.get_language()}:{request.method}:{digest}"
