"""Security headers, maintenance mode, health checks, the anonymous page cache and graceful 503s."""

import sqlite3

import pytest

from django.db import OperationalError, connection
from django.test import RequestFactory, override_settings

from krisenwissen.core import maintenance
from krisenwissen.core.bootstrap import ensure_site_pages
from krisenwissen.core.middleware import DatabaseTroubleMiddleware, LoadSheddingMiddleware
from krisenwissen.taxonomy.services import load_taxonomy
from tests.factories import PracticeFactory


@pytest.fixture
def site(db):
    from krisenwissen.core.models import PlatformSettings

    load_taxonomy()
    home = ensure_site_pages()
    PlatformSettings.load()  # created on first use; that save would otherwise bump the page cache
    return home


@pytest.fixture
def maintenance_off():
    maintenance.switch(False)
    yield
    maintenance.switch(False)


def test_public_pages_send_a_strict_policy_without_inline_code(client, site):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_only_the_admin_gets_the_looser_policy(client, site):
    response = client.get("/cms/login/")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_liveness_needs_no_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.json() == {"status": "ok"}


def test_readiness_reports_every_check(client, db):
    response = client.get("/health/ready")
    body = response.json()
    assert set(body["checks"]) == {"database", "migrations", "cache", "disk", "tasks"}
    assert body["checks"]["migrations"]["ok"] is True
    assert response.status_code == (200 if all(check["ok"] for check in body["checks"].values()) else 503)


@override_settings(HEALTH_MIN_FREE_DISK_MB=10**12)
def test_readiness_fails_when_the_disk_is_nearly_full(client, db):
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["disk"]["ok"] is False


def test_maintenance_mode_keeps_pages_readable_but_refuses_writes(client, site, maintenance_off):
    maintenance.switch(True)
    page = client.get("/")
    assert page.status_code == 200
    assert "Wartungsarbeiten" in page.content.decode()
    refused = client.post("/cms/login/", {"username": "x", "password": "y"})
    assert refused.status_code == 503
    assert refused["Retry-After"] == "300"
    assert "nicht gespeichert" in refused.content.decode()
    maintenance.switch(False)
    assert client.post("/cms/login/", {"username": "x", "password": "y"}).status_code == 200


def test_database_errors_that_are_worth_a_retry_become_503():
    middleware = DatabaseTroubleMiddleware(lambda request: None)
    request = RequestFactory().post("/einreichen/")
    locked = middleware.process_exception(request, OperationalError("database is locked"))
    assert locked.status_code == 503 and locked["Retry-After"] == "5"
    full = middleware.process_exception(request, OperationalError("database or disk is full"))
    assert full.status_code == 503 and "Speicher" in full.content.decode()
    assert middleware.process_exception(request, ValueError("bug")) is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")
@pytest.mark.django_db(transaction=True)
def test_a_write_lock_held_too_long_gives_a_retry_message_not_a_500(client):
    from django.contrib.auth.models import User

    User.objects.create_user("anna", password="ein-langes-passwort")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout=200")
    blocker = sqlite3.connect(connection.settings_dict["NAME"], timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        response = client.post("/cms/login/", {"username": "anna", "password": "ein-langes-passwort"})
    finally:
        blocker.rollback()
        blocker.close()
    assert response.status_code == 503
    assert "nichts gespeichert" in response.content.decode()
    assert response["Retry-After"] == "5"


@override_settings(LOAD_SHED_MAX_IN_FLIGHT=1)
def test_load_shedding_answers_503_for_public_pages_but_never_for_the_workspace():
    from django.http import HttpResponse

    seen = []

    def inner(request):
        if request.path != "/":
            return HttpResponse("ok")
        # While one request is in flight, a second public one is shed, a workspace one is not.
        second = middleware(RequestFactory().get("/praxisbeispiele/"))
        private = middleware(RequestFactory().get("/reflexionsraum/"))
        seen.extend([second.status_code, private.status_code])
        return HttpResponse("ok")

    middleware = LoadSheddingMiddleware(inner)
    first = middleware(RequestFactory().get("/"))
    assert first.status_code == 200
    assert seen[0] == 503
    assert seen[1] == 200
    assert middleware(RequestFactory().get("/praxisbeispiele/")).status_code == 200  # capacity is back


@override_settings(PAGE_CACHE_SECONDS=600)
def test_anonymous_pages_are_served_from_the_cache_until_content_changes(client, site):
    first = client.get("/praxisbeispiele/")
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"].startswith("public")
    second = client.get("/praxisbeispiele/")
    assert second["X-Page-Cache"] == "hit"
    PracticeFactory(title="Neues Hitzetelefon im Cache-Test")
    third = client.get("/praxisbeispiele/")
    assert third["X-Page-Cache"] == "miss"
    assert "Neues Hitzetelefon im Cache-Test" in third.content.decode()


@override_settings(PAGE_CACHE_SECONDS=600)
def test_conditional_get_answers_304(client, site):
    first = client.get("/praxisbeispiele/")
    etag = first["ETag"]
    again = client.get("/praxisbeispiele/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


@override_settings(PAGE_CACHE_SECONDS=600)
def test_signed_in_people_and_private_paths_are_never_cached(client, site, django_user_model):
    user = django_user_model.objects.create_user("editor", password="ein-langes-passwort")
    client.force_login(user)
    response = client.get("/praxisbeispiele/")
    assert "X-Page-Cache" not in response
    client.logout()
    assert "X-Page-Cache" not in client.get("/cms/login/")


def test_json_logs_mask_personal_data():
    import json
    import logging

    from krisenwissen.core.logging import JsonFormatter

    record = logging.LogRecord("krisenwissen", logging.WARNING, __file__, 1, "login failed for %s from %s", None, None)
    record.args = ("anna@stadt.de", "192.0.2.7")
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "login failed for [email] from [ip]"
    assert line["level"] == "WARNING"


def test_the_editors_login_is_rate_limited_per_address(client, db):
    for _ in range(10):
        assert client.post("/cms/login/", {"username": "x", "password": "falsch"}).status_code == 200
    limited = client.post("/cms/login/", {"username": "x", "password": "falsch"})
    assert limited.status_code == 429
    assert "Zu viele Anfragen" in limited.content.decode()
