"""Middleware that keeps the platform safe and responsive when it matters: security headers,
read-only maintenance mode, graceful answers when the database is busy or the disk is full, and
load shedding that protects the private workspace and the admin while public pages are under load.

Order in ``MIDDLEWARE`` (see settings): ``LoadShedding`` first (cheapest possible rejection),
then Django's security middleware, ``PlatformCSP``, ``PermissionsPolicy``, ``MaintenanceMode``, …
``DatabaseTrouble`` sits last so that it sees exceptions raised in views.
"""

from __future__ import annotations

import logging
import threading
import time

from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

from . import maintenance

logger = logging.getLogger("krisenwissen.availability")

#: Paths that must stay usable while public pages are under load or in maintenance (editors and
#: workspace members sign in through them).
PRIORITY_PREFIXES = ("/cms/", "/reflexionsraum/", "/en/reflexionsraum/", "/konto/", "/en/konto/", "/health/")


def unavailable(request, message: str, retry_after: int) -> HttpResponse:
    """A 503 page in the visitor's language that needs neither the database nor a session."""
    template = loader.get_template("503.html")
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        body = template.render({"message": message, "LANGUAGE_CODE": language})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class LoadSheddingMiddleware:
    """Answer 503 + Retry-After at once instead of letting public requests queue until they time out.

    Two signals, both cheap: the number of requests this process is already serving (threaded
    workers), and, behind nginx, how long the request waited in the queue before a worker took it
    (``X-Request-Start: t=<epoch seconds>``, see ``deploy/nginx/krisenwissen.conf``). Private
    workspace, admin and health paths are never shed, so they stay usable under load.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_in_flight = int(getattr(settings, "LOAD_SHED_MAX_IN_FLIGHT", 0))
        self.max_queue_ms = int(getattr(settings, "LOAD_SHED_MAX_QUEUE_MS", 0))
        self.in_flight = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        if request.path_info.startswith(PRIORITY_PREFIXES):
            return self.get_response(request)
        if self.max_queue_ms and self.queued_too_long(request):
            return unavailable(request, _("Die Plattform ist gerade stark ausgelastet."), retry_after=5)
        if not self.max_in_flight:
            return self.get_response(request)
        with self.lock:
            if self.in_flight >= self.max_in_flight:
                shed = True
            else:
                shed = False
                self.in_flight += 1
        if shed:
            logger.warning("load shed: %s in flight", self.max_in_flight)
            return unavailable(request, _("Die Plattform ist gerade stark ausgelastet."), retry_after=5)
        try:
            return self.get_response(request)
        finally:
            with self.lock:
                self.in_flight -= 1

    def queued_too_long(self, request) -> bool:
        header = request.META.get("HTTP_X_REQUEST_START", "")
        if not header.startswith("t="):
            return False
        try:
            started = float(header[2:])
        except ValueError:
            return False
        return (time.time() - started) * 1000 > self.max_queue_ms


class PlatformCSPMiddleware(CSPMiddleware):
    """The strict policy from ``CONTENT_SECURITY_POLICY`` everywhere, except on the Wagtail admin and
    the API's interactive documentation, whose bundled code needs inline scripts and styles
    (``CONTENT_SECURITY_POLICY_ADMIN``)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.CSP_ADMIN_PREFIXES):
            parts.config = parts.config or settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Switch off browser features the platform never uses (camera, geolocation, …)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.value)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class MaintenanceModeMiddleware:
    """Read-only maintenance: pages keep working, every write is refused with a clear 503.

    Switched on by ``MAINTENANCE_MODE=true`` in the environment or by ``manage.py maintenance on``
    (a flag file every process sees). Templates show a banner through the ``maintenance_mode``
    context variable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        active = maintenance.is_active()
        request.maintenance_mode = active
        if active and request.method not in ("GET", "HEAD", "OPTIONS") and not request.path_info.startswith("/health/"):
            return unavailable(
                request,
                _(
                    "Die Plattform ist wegen Wartungsarbeiten vorübergehend nur lesbar. "
                    "Ihre Eingabe wurde nicht gespeichert; bitte versuchen Sie es in einigen Minuten erneut."
                ),
                retry_after=300,
            )
        return self.get_response(request)


class DatabaseTroubleMiddleware:
    """A locked SQLite database (another writer held the lock longer than the busy timeout), a full
    disk or a database that is briefly unreachable ends in a 503 asking to retry — never a 500,
    and the transaction that failed was rolled back by Django, so no half-written data remains."""

    LOCKED = ("database is locked", "database table is locked", "could not obtain lock", "lock timeout")
    FULL = ("database or disk is full", "no space left on device", "disk full", "could not extend file")
    UNREACHABLE = ("connection refused", "could not connect", "server closed the connection", "terminating connection")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | OSError):
            return None
        text = str(exception).lower()
        if any(marker in text for marker in self.LOCKED):
            logger.warning("database busy: %s", text[:200])
            return unavailable(
                request,
                _(
                    "Die Datenbank ist gerade mit einer anderen Änderung beschäftigt. Es wurde nichts gespeichert; "
                    "bitte senden Sie Ihre Eingabe in einigen Sekunden erneut."
                ),
                retry_after=5,
            )
        if any(marker in text for marker in self.FULL):
            logger.error("storage full: %s", text[:200])
            return unavailable(
                request,
                _("Der Speicher des Servers ist voll. Es wurde nichts gespeichert; der Betrieb ist informiert."),
                retry_after=600,
            )
        if isinstance(exception, OperationalError) and any(marker in text for marker in self.UNREACHABLE):
            logger.error("database unreachable: %s", text[:200])
            return unavailable(
                request,
                _("Die Datenbank ist vorübergehend nicht erreichbar. Bitte versuchen Sie es gleich erneut."),
                30,
            )
        return None
