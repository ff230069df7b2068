"""Health endpoints for the load balancer and the operators.

``/health/live``: the process answers (no database, no cache: a database outage must not make the
orchestrator restart every app server). ``/health/ready``: this instance can serve traffic —
database reachable (and the read replica, if configured), every migration applied, cache working,
enough free disk, task backlog small.
Each check reports ok/fail with a short reason; the status is 200 only when all pass, else 503.
"""

import shutil
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from . import maintenance
from .dbrouting import REPLICA, replica_in_use


@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


def check_database(alias: str = DEFAULT_DB_ALIAS) -> tuple[bool, str]:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, connections[alias].vendor


def check_replica() -> tuple[bool, str]:
    """The read replica answers (only when one is configured: anonymous pages read from it)."""
    return check_database(REPLICA)


def check_migrations() -> tuple[bool, str]:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return False, f"{len(plan)} migration(s) not applied"
    return True, "all applied"


def check_cache() -> tuple[bool, str]:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return ok, settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_disk() -> tuple[bool, str]:
    minimum = settings.HEALTH_MIN_FREE_DISK_MB
    worst = None
    for path in {settings.MEDIA_ROOT, settings.SQLITE_PATH.parent}:
        try:
            free_mb = shutil.disk_usage(path).free // (1024 * 1024)
        except FileNotFoundError:
            continue
        worst = free_mb if worst is None else min(worst, free_mb)
    if worst is None:
        return True, "no local data directory"
    return worst >= minimum, f"{worst} MB free (minimum {minimum} MB)"


def check_task_backlog() -> tuple[bool, str]:
    from django_tasks_db.models import DBTaskResult

    threshold = timezone.now() - timedelta(seconds=settings.HEALTH_MAX_TASK_WAIT_S)
    waiting = DBTaskResult.objects.filter(status="READY").count()
    stale = DBTaskResult.objects.filter(status="READY", enqueued_at__lt=threshold).count()
    return stale == 0, f"{waiting} waiting, {stale} waiting longer than {settings.HEALTH_MAX_TASK_WAIT_S} s"


CHECKS = {
    "database": check_database,
    "migrations": check_migrations,
    "cache": check_cache,
    "disk": check_disk,
    "tasks": check_task_backlog,
}


@never_cache
def ready(request):
    results = {}
    healthy = True
    checks = dict(CHECKS)
    if replica_in_use():
        checks["replica"] = check_replica
    for name, check in checks.items():
        started = time.perf_counter()
        try:
            ok, detail = check()
        except Exception as exc:  # noqa: BLE001 - a failing check is a result, not an error page
            ok, detail = False, f"{type(exc).__name__}: {str(exc)[:200]}"
        healthy &= ok
        results[name] = {"ok": ok, "detail": detail, "ms": round((time.perf_counter() - started) * 1000, 1)}
    body = {"status": "ok" if healthy else "fail", "maintenance": maintenance.is_active(), "checks": results}
    return JsonResponse(body, status=200 if healthy else 503)
