"""Speed of the faceted lists of research projects and events (``research/listing.py``) as they grow.

    .venv/bin/python bench/content_lists_bench.py [--sizes 200 2000] [--repeat 30]

Works on a copy of a bootstrapped development database (``--source``, default
``var/krisenwissen.sqlite3``; run ``make run`` or ``manage.py bootstrap`` once), in
``var/bench/content-lists.sqlite3``. For each size it adds that many synthetic published research
projects and events (classified at random by theme, crisis type, target group and lever), then
requests list pages and API calls through Django's test client and prints p50/p95 latency, the number
of SQL queries and the peak Python memory. The practice list page (its own bitset index) is measured in
the same run as the baseline. The anonymous page cache is switched off, so every request renders.
"""

import argparse
import datetime
import os
import random
import shutil
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORK = BASE_DIR / "var" / "bench" / "content-lists.sqlite3"

REQUESTS = [
    ("research list", "/forschungsprojekte/"),
    ("research list, 2 facets + q", "/forschungsprojekte/?themes=vulnerable-gruppen&status=laufend&q=projekt"),
    ("research list, page 5", "/forschungsprojekte/?page=5"),
    ("research API, facets", "/api/v1/research-projects?stellschrauben=3&limit=50"),
    ("events list", "/termine/"),
    ("events API", "/api/v1/events?audiences=fachkraefte"),
    ("practice list (baseline)", "/praxisbeispiele/"),
]


def setup_django(db_path: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krisenwissen.settings.dev")
    os.environ["SQLITE_PATH"] = str(db_path)
    os.environ["LOG_LEVEL"] = "WARNING"
    # Measure rendering, not the anonymous page cache (core/pagecache.py) that would answer repeats.
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)


def add_records(count: int) -> None:
    """Bulk-insert ``count`` projects and events (no revisions: the lists only read live rows)."""
    from django.db import transaction

    from krisenwissen.news.models import Audience, Event
    from krisenwissen.research.models import ResearchProject
    from krisenwissen.taxonomy.models import CrisisType, Lever, TargetGroup, Theme

    rng = random.Random(count)
    themes, crisis, groups, levers = (list(m.objects.all()) for m in (Theme, CrisisType, TargetGroup, Lever))
    audiences = list(Audience.objects.all())
    today = datetime.date.today()
    start = ResearchProject.objects.count()
    with transaction.atomic():
        projects = ResearchProject.objects.bulk_create(
            [
                ResearchProject(
                    slug=f"bench-{start + i}",
                    title=f"Synthetisches Projekt {start + i}",
                    acronym=f"SYN{start + i}",
                    summary="Ein synthetisches Projekt für den Benchmark.",
                    funder=rng.choice(["BMBF", "DFG", "EU", "Land"]),
                    start_date=today - datetime.timedelta(days=rng.randint(-400, 3000)),
                    end_date=today + datetime.timedelta(days=rng.randint(-2000, 2000)),
                    lead="Bench",
                    live=True,
                    is_demo=True,
                )
                for i in range(count)
            ]
        )
        for relation, terms, k in (
            ("themes", themes, 2),
            ("crisis_types", crisis, 2),
            ("target_groups", groups, 2),
            ("levers", levers, 3),
        ):
            through = getattr(ResearchProject, relation).through
            fk = f"{ResearchProject._meta.model_name}_id"
            term_fk = f"{terms[0]._meta.model_name}_id"
            through.objects.bulk_create(
                [through(**{fk: p.pk, term_fk: t.pk}) for p in projects for t in rng.sample(terms, rng.randint(1, k))]
            )
        events = Event.objects.bulk_create(
            [
                Event(
                    slug=f"bench-termin-{start + i}",
                    title=f"Synthetischer Termin {start + i}",
                    teaser="Ein synthetischer Termin.",
                    start_date=today + datetime.timedelta(days=rng.randint(-300, 300)),
                    city="Musterstadt",
                    live=True,
                    is_demo=True,
                )
                for i in range(count)
            ]
        )
        through = Event.audiences.through
        through.objects.bulk_create(
            [through(event_id=e.pk, audience_id=a.pk) for e in events for a in rng.sample(audiences, 1)]
        )


def measure(client, path: str, repeat: int) -> dict:
    from django.db import connection, reset_queries

    client.get(path)  # warm-up
    times, queries = [], 0
    from django.conf import settings

    settings.DEBUG = True
    for _ in range(repeat):
        reset_queries()
        begin = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - begin) * 1000)
        queries = len(connection.queries)
        assert response.status_code == 200, (path, response.status_code)
    settings.DEBUG = False
    tracemalloc.start()
    client.get(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[min(len(times) - 1, int(len(times) * 0.95))],
        "queries": queries,
        "rps": 1000 / statistics.mean(times),
        "peak_kib": peak / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--source", default=os.environ.get("SQLITE_PATH", str(BASE_DIR / "var" / "krisenwissen.sqlite3"))
    )
    args = parser.parse_args()
    WORK.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{WORK}{suffix}").unlink(missing_ok=True)
    shutil.copy(args.source, WORK)
    setup_django(WORK)
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    from krisenwissen.research.models import ResearchProject

    print(f"Faceted lists (research/listing.py); {args.repeat} requests each; SQLite copy of {args.source}\n")
    print("| records | request | p50 ms | p95 ms | req/s | SQL queries | peak Python memory KiB |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    total = ResearchProject.objects.count()
    for size in sorted(args.sizes):
        if size > total:
            add_records(size - total)
            total = size
        for label, path in REQUESTS:
            row = measure(client, path, args.repeat)
            print(
                f"| {size} | {label} | {row['p50']:.1f} | {row['p95']:.1f} | {row['rps']:.0f} | "
                f"{row['queries']} | {row['peak_kib']:.0f} |"
            )


if __name__ == "__main__":
    main()
