"""Public reads from a PostgreSQL read replica; everything else from the primary.

With ``DATABASE_REPLICA_URL`` set (next to ``DATABASE_URL``), the settings add the database alias
``replica`` and :class:`ReplicaRouter`. :class:`ReplicaReadsMiddleware` then decides per request:

* a visitor who is only reading – ``GET`` or ``HEAD``, no session cookie, a public path – reads
  from the replica (the practice and literature lists, search, detail pages, the map, the API,
  downloads and feeds: the traffic that grows with visitors);
* everything else reads from the primary: the CMS, the Reflexionsraum, accounts and invitation
  links, the submission form and its private links, alert confirmation links, documents (which
  may be access-restricted), health checks, and every request of a signed-in person. Whoever
  has just changed something therefore never misses the change because the replica lags behind.

Writes always go to the primary (a replica is read-only) and migrations run only there. A
streamed response (the CSV and JSON downloads) reads its rows while it is being sent, after the
view has returned; the middleware keeps the replica choice for producing each chunk.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from .paths import PRIVATE_AREAS, in_areas, is_anonymous_read

REPLICA = "replica"

#: Areas whose GET requests must see the latest writes: the private areas, alert confirmation
#: links, documents (which may be access-restricted), Wagtail's helper URLs and health checks.
PRIMARY_ONLY_AREAS = (*PRIVATE_AREAS, "daten/benachrichtigungen/", "dokumente/", "_util/", "health/")

#: Shared state that must never be read stale: cache entries (rate-limit counters when the cache
#: is the database), sessions, the task queue, and the search index's documents and change journal
#: (each process keeps its index in step with the journal; reading it from two sources that lag
#: differently would make it jump back and forth). The facet indexes read with raw SQL on the
#: primary for the same reason.
PRIMARY_ONLY_APPS = frozenset({"django_cache", "sessions", "django_tasks_database", "search"})

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


@contextmanager
def replica_reads():
    """Reads inside this block go to the replica (when one is configured)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_reads.get() and model._meta.app_label not in PRIMARY_ONLY_APPS:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


def replica_in_use() -> bool:
    """A replica is configured and reads are routed to it (the settings do both together)."""
    return REPLICA in settings.DATABASES and f"{__name__}.ReplicaRouter" in settings.DATABASE_ROUTERS


def is_public_read(request) -> bool:
    """A reading visitor outside the areas that must see the latest writes."""
    return is_anonymous_read(request) and not in_areas(request.path_info, PRIMARY_ONLY_AREAS)


def _chunks_from_replica(content: Iterable) -> Iterator:
    iterator = iter(content)
    while True:
        with replica_reads():
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


class ReplicaReadsMiddleware:
    """Routes the reads of public, anonymous GET requests to the replica (see the module text)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = replica_in_use()

    def __call__(self, request):
        if not self.enabled or not is_public_read(request):
            return self.get_response(request)
        with replica_reads():
            response = self.get_response(request)
        if response.streaming:
            response.streaming_content = _chunks_from_replica(response.streaming_content)
        return response
