"""The map's data (``/karte/daten.json``) and page at growing numbers of practices.

    .venv/bin/python bench/map_bench.py [--sizes 1000,10000] [--repeat 30]

For each size the script builds a SQLite database under ``var/bench/`` with ``practices_data.py``
(reference data plus N practices scaled from the demo corpus, all placed in real German
municipalities with coordinates), then, in a child process with the production settings, times
in-process (Django test client, no network):

* ``list page`` – the practice list with three facets (the baseline: what the map reuses);
* ``map data`` – ``maps.services.map_data`` for all practices and for the three facets;
* ``map JSON`` – the whole ``/karte/daten.json`` response (filtering, grouping, serialising);
* ``map page`` – the whole ``/karte/`` HTML page (filter form and municipality table).

It prints p50/p95 latency, throughput (one client), the JSON size and the peak Python memory
(``tracemalloc``) of one request, as Markdown.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
BENCH_DIR = BASE_DIR / "var" / "bench"
DATA_SCRIPT = Path(__file__).resolve().parent / "practices_data.py"
FACETS = {"themes": "vulnerable-gruppen", "crisis_types": "hitze", "state": "Nordrhein-Westfalen"}


def env_for(db: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="krisenwissen.settings.production",
        DJANGO_SECRET_KEY="bench-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL="",
        REDIS_URL="",
        SQLITE_PATH=str(db),
        STATIC_ROOT=str(BENCH_DIR / "map-static"),
        LOG_LEVEL="WARNING",
        # Measure the work, not the page cache (which would answer repeated requests from memory).
        PAGE_CACHE_SECONDS="0",
    )
    return env


def build(size: int) -> Path:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    template = BENCH_DIR / "map-template.sqlite3"
    if not template.exists():
        subprocess.run(
            [sys.executable, str(DATA_SCRIPT), "template", "--db", str(template)],
            check=True,
            cwd=BASE_DIR,
            env=env_for(template),
            stdout=subprocess.DEVNULL,
        )
    db = BENCH_DIR / f"map-{size}.sqlite3"
    if not db.exists():
        shutil.copy(template, db)
        subprocess.run(
            [sys.executable, str(DATA_SCRIPT), "generate", "--db", str(db), "--size", str(size)],
            check=True,
            cwd=BASE_DIR,
            env=env_for(db),
            stdout=subprocess.DEVNULL,
        )
    return db


def measure(repeat: int) -> dict:
    """Run inside the child process (settings bound to one database)."""
    import django

    django.setup()
    from django.test import Client

    from krisenwissen.maps.services import map_data
    from krisenwissen.practices.facets import PracticeBrowser

    client = Client()

    def timed(fn):
        fn()  # warm: facet index, vocabularies, template cache
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - started) * 1000)
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        samples.sort()
        return {
            "p50": statistics.median(samples),
            "p95": samples[min(len(samples) - 1, int(len(samples) * 0.95))],
            "rps": 1000 / statistics.mean(samples),
            "peak_mib": peak / 2**20,
        }

    def get(path, params=None):
        def run():
            response = client.get(path, params or {})
            assert response.status_code == 200, (path, response.status_code)
            return response

        return run

    facets = {name: [value] for name, value in FACETS.items()}
    rows = {
        "list page (3 facets), baseline": timed(get("/praxisbeispiele/", FACETS)),
        "map data, all": timed(lambda: map_data(PracticeBrowser.current(), {})),
        "map data (3 facets)": timed(lambda: map_data(PracticeBrowser.current(), facets)),
        "map JSON, all": timed(get("/karte/daten.json")),
        "map JSON (3 facets)": timed(get("/karte/daten.json", FACETS)),
        "map page, all": timed(get("/karte/")),
        "map page (3 facets)": timed(get("/karte/", FACETS)),
    }
    payload = client.get("/karte/daten.json").content
    data = json.loads(payload)
    return {"rows": rows, "json_kib": len(payload) / 1024, "markers": len(data["practices"]), "total": data["total"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--child", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.repeat)))
        return
    for size in (int(s) for s in args.sizes.split(",")):
        db = build(size)
        # Production settings serve hashed static files: the manifest must exist to render pages.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            env=env_for(db),
            cwd=BASE_DIR,
            check=True,
        )
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(db), "--repeat", str(args.repeat)],
            env=env_for(db),
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            sys.stderr.write(done.stderr[-3000:])
            raise SystemExit(done.returncode)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"\n### {size:,} practices ({result['markers']:,} markers of {result['total']:,}; "
            f"JSON {result['json_kib']:.0f} KiB)\n"
        )
        print("| request | p50 ms | p95 ms | req/s (1 client) | peak MiB |")
        print("|---|---:|---:|---:|---:|")
        for name, row in result["rows"].items():
            print(f"| {name} | {row['p50']:.1f} | {row['p95']:.1f} | {row['rps']:.1f} | {row['peak_mib']:.1f} |")


if __name__ == "__main__":
    main()
