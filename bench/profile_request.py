"""Profile one URL in-process against a benchmark database: where the time of a request goes.

    .venv/bin/python bench/profile_request.py --db var/bench/practices-10000.sqlite3 \
        "/praxisbeispiele/?themes=vulnerable-gruppen&crisis_types=hitze&state=Nordrhein-Westfalen"

Uses the production settings and Django's test client (no server, no network). The first request
warms the process up (templates, in-process caches such as the facet index) and is reported
separately; then ``--repeat`` requests are timed without the profiler, and ``--repeat`` more are
profiled with cProfile with every SQL query timed. Prints the times, the queries of the last
request and the top functions.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="URL path with query string")
    parser.add_argument("--db", type=Path, required=True, help="SQLite file built by practices_bench.py")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=25, help="functions to list, by cumulative time")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime, …)")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        raise SystemExit(f"No database at {args.db}; run practices_bench.py first.")

    os.environ.update(
        DJANGO_SETTINGS_MODULE="krisenwissen.settings.production",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL="",
        REDIS_URL="",
        SQLITE_PATH=str(args.db.resolve()),
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    # Static files are not collected here, so the manifest storage would fail on {% static %};
    # the plain storage differs from it by one dictionary lookup per URL.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()

    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    started = time.perf_counter()
    response = client.get(args.path)
    first_ms = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{args.path} answered {response.status_code}")
    print(f"first request (cold process): {first_ms:.1f} ms, {len(response.content) / 1024:.1f} KB")

    plain = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        client.get(args.path)
        plain.append((time.perf_counter() - started) * 1000)
    plain.sort()
    print(
        f"{args.repeat} warm requests without profiler: mean {sum(plain) / len(plain):.1f} ms, "
        f"median {plain[len(plain) // 2]:.1f} ms, min {plain[0]:.1f} ms"
    )

    queries: list[tuple[float, str]] = []

    def time_query(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(((time.perf_counter() - started) * 1000, sql))

    profiler = cProfile.Profile()
    timings = []
    for _ in range(args.repeat):
        queries.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(time_query):
            profiler.enable()
            client.get(args.path)
            profiler.disable()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        f"{args.repeat} profiled requests: mean {sum(timings) / len(timings):.1f} ms, "
        f"median {timings[len(timings) // 2]:.1f} ms (profiler overhead included)"
    )
    print(f"\n{len(queries)} SQL queries in the last request, {sum(ms for ms, _ in queries):.1f} ms executing:")
    for ms, sql in sorted(queries, reverse=True):
        print(f"  {ms:7.2f} ms  {sql[:160]}")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
