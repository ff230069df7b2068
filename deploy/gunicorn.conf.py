"""gunicorn for Krisenwissen: threaded workers, one per core plus one, with a fixed number of threads.

Why gthread: requests spend much of their time waiting for the database; threads keep a core busy
meanwhile, and the per-process in-memory indexes (facets, search) are shared by the threads of a
process instead of being built once per sync worker. Set ``LOAD_SHED_MAX_IN_FLIGHT`` two below
``threads``: a process that is already serving that many public requests answers the next public
one with 503 + Retry-After immediately, and the remaining threads stay free for the admin and the
Reflexionsraum, which are never shed (measured in bench/load_test.py, docs/deployment.md).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "6"))
# Requests that take longer than this are bugs or attacks; the proxy gives up after 30 s too.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never take a server down in a long crisis.
max_requests = 5000
max_requests_jitter = 500
# Small listen queue: beyond it the kernel refuses and nginx answers 503 at once, instead of
# requests piling up for minutes.
backlog = int(os.environ.get("GUNICORN_BACKLOG", "128"))
accesslog = "-"
# No client IPs in the access log (GDPR): method, path, status, size, duration in microseconds.
access_log_format = '"%(r)s" %(s)s %(b)s %(D)s'
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Load the search index snapshot before the first request instead of on it."""
    from krisenwissen.search.engine import warm_up

    warm_up()
