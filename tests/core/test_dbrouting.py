"""Read replica routing: anonymous public reads go to the replica, everything else to the primary."""

import json
import os
import subprocess
import sys

import pytest

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory, override_settings

from krisenwissen.core.dbrouting import REPLICA, ReplicaReadsMiddleware, ReplicaRouter, is_public_read
from krisenwissen.literature.models import Literature
from krisenwissen.practices.models import Practice
from krisenwissen.search.models import IndexChange

REPLICA_DATABASES = {**settings.DATABASES, REPLICA: {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}}
router = ReplicaRouter()
ROUTER = "krisenwissen.core.dbrouting.ReplicaRouter"
#: The model the database cache reads through the router (rate-limit counters when there is no Redis).
CACHE_ENTRY = DatabaseCache("kw_cache", {}).cache_model_class


def seen_by_view(request):
    """What the router answers for reads and writes while the view runs."""
    return HttpResponse(
        json.dumps(
            {
                "practice": router.db_for_read(Practice),
                "literature": router.db_for_read(Literature),
                "write": router.db_for_write(Practice),
                "cache": router.db_for_read(CACHE_ENTRY),
                "search_journal": router.db_for_read(IndexChange),
            }
        )
    )


def run(request, view=seen_by_view):
    with override_settings(DATABASES=REPLICA_DATABASES, DATABASE_ROUTERS=[ROUTER]):
        return ReplicaReadsMiddleware(view)(request)


@pytest.mark.parametrize(
    ("method", "path", "cookies", "replica"),
    [
        ("get", "/praxisbeispiele/?themes=hitze", {}, True),
        ("head", "/en/literatur/12/", {}, True),
        ("get", "/api/v1/practices", {}, True),
        ("get", "/praxisbeispiele/", {settings.SESSION_COOKIE_NAME: "abc"}, False),  # signed in
        ("post", "/suche/", {}, False),
        ("get", "/cms/", {}, False),
        ("get", "/en/konto/anmelden/", {}, False),
        ("get", "/reflexionsraum/", {}, False),
        ("get", "/einreichen/entwurf/xyz/", {}, False),  # a submitter's private link right after saving
        ("get", "/einladung/abc/", {}, False),  # an invitation created a moment ago
        ("get", "/daten/benachrichtigungen/bestaetigen/tok/", {}, False),
        ("get", "/health/ready", {}, False),
    ],
)
def test_only_anonymous_public_reads_go_to_the_replica(method, path, cookies, replica):
    factory = RequestFactory()
    request = getattr(factory, method)(path)
    request.COOKIES.update(cookies)
    assert is_public_read(request) is replica
    if method == "head":
        return
    seen = json.loads(run(request).content)
    assert seen["practice"] == seen["literature"] == (REPLICA if replica else None)
    assert seen["write"] is None  # writes always go to the primary
    assert seen["cache"] is None  # rate-limit counters are never read stale
    assert seen["search_journal"] is None  # every process follows one journal


def test_streamed_downloads_read_their_rows_from_the_replica_and_the_choice_ends_with_the_request():
    def streaming_view(request):
        return StreamingHttpResponse(str(router.db_for_read(Practice)) for _ in range(3))

    response = run(RequestFactory().get("/daten/praxisbeispiele.csv"), streaming_view)
    assert b"".join(response.streaming_content) == b"replica" * 3
    assert router.db_for_read(Practice) is None


def test_without_a_replica_nothing_is_routed():
    request = RequestFactory().get("/praxisbeispiele/")
    without_replica = {alias: value for alias, value in settings.DATABASES.items() if alias != REPLICA}
    with override_settings(DATABASES=without_replica):
        seen = json.loads(ReplicaReadsMiddleware(seen_by_view)(request).content)
    assert seen["practice"] is None


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "practices") is True
    assert router.allow_migrate(REPLICA, "practices") is False


def test_settings_add_the_replica_alias_and_router_from_the_environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "krisenwissen.settings.dev",
        "DATABASE_URL": "postgres://app@db-primary:5432/krisenwissen",
        "DATABASE_REPLICA_URL": "postgres://reader@db-replica:5432/krisenwissen",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'aliases': sorted(s.DATABASES), 'host': s.DATABASES['replica']['HOST'], "
        "'mirror': s.DATABASES['replica']['TEST'].get('MIRROR'), 'routers': s.DATABASE_ROUTERS}))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    configured = json.loads(out.stdout.strip().splitlines()[-1])
    assert configured == {
        "aliases": ["default", "replica"],
        "host": "db-replica",
        "mirror": "default",
        "routers": ["krisenwissen.core.dbrouting.ReplicaRouter"],
    }


@pytest.fixture
def replica_connection():
    """The test settings' "replica" alias: a second, real connection to the test database.

    The test is transactional, so what it writes is committed and visible to the second
    connection, as it would be on a replica once replication caught up.
    """
    from django.db import connections

    with override_settings(DATABASE_ROUTERS=[ROUTER]):
        yield connections[REPLICA]


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_public_pages_query_the_replica_connection_and_the_cms_the_primary(client, replica_connection):
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from krisenwissen.taxonomy.services import load_taxonomy
    from tests.factories import PracticeFactory

    load_taxonomy()
    practice = PracticeFactory(title="Hitzetelefon aus der Replik")
    with (
        CaptureQueriesContext(replica_connection) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(practice.get_absolute_url())
    assert response.status_code == 200 and "Hitzetelefon aus der Replik" in response.content.decode()
    # The ORM lookup of the page runs on the replica. (The per-process facet index checks its
    # fingerprint with raw SQL on the primary, so all processes agree on one source.)
    lookup = '"practices_practice"."slug" ='
    assert any(lookup in q["sql"] for q in on_replica.captured_queries)
    assert not any(lookup in q["sql"] for q in on_primary.captured_queries)

    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "geheim-passwort-123"))
    with CaptureQueriesContext(replica_connection) as on_replica:
        assert client.get(practice.get_absolute_url()).status_code == 200
        assert client.get(f"/cms/snippets/practices/practice/edit/{practice.pk}/").status_code == 200
    assert on_replica.captured_queries == []


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_readiness_checks_the_replica_when_reads_are_routed_to_it(client):
    with override_settings(DATABASE_ROUTERS=[ROUTER]):
        body = client.get("/health/ready").json()
    assert body["checks"]["replica"]["ok"] is True

    unreachable = {**settings.DATABASES[REPLICA], "HOST": "replica.invalid", "NAME": "/nonexistent/dir/replica.db"}
    from django.db import connections

    original = connections[REPLICA].settings_dict
    connections[REPLICA].close()
    connections[REPLICA].settings_dict = unreachable
    try:
        with override_settings(DATABASE_ROUTERS=[ROUTER]):
            response = client.get("/health/ready")
    finally:
        connections[REPLICA].close()
        connections[REPLICA].settings_dict = original
    assert response.status_code == 503 and response.json()["checks"]["replica"]["ok"] is False
    assert "replica" not in client.get("/health/ready").json()["checks"]  # no router: not checked
