"""Open-data benchmark: API list and bulk-export throughput next to a static file, and export memory.

    python bench/opendata_bench.py                      # 10k practices, memory check at 10k and 100k
    python bench/opendata_bench.py --big-size 0         # skip the 100k database

For each database size the script builds a database with ``bench/practices_data.py`` (production
settings, SQLite), starts gunicorn with ONE sync worker (so its RSS is the memory one export
needs) and measures, in the same run and on the same server:

* the baseline: a static file served by WhiteNoise;
* ``/api/v1/practices`` (20 and 100 per page) and a 304 revalidation with ``If-None-Match``;
* the full CSV and JSON exports (``/daten/praxisbeispiele.csv|.json``), read as a stream.

Memory: the worker's peak RSS is sampled from /proc every 50 ms; the export is "flat" when the
peak during a 100k export is not materially higher than during a 10k export.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from practices_bench import (  # noqa: E402
    BASE_DIR,
    HOST,
    REQUEST_HEADERS,
    Server,
    bench_env,
    collect_static,
    remove_db,
    run_data_step,
)

READ_CHUNK = 64 * 1024


def stream_get(port: int, path: str, headers: dict | None = None) -> tuple[int, int, float, dict]:
    """GET ``path`` and read the body in chunks (never whole); returns status, bytes, seconds, headers."""
    conn = http.client.HTTPConnection(HOST, port, timeout=600)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers={**REQUEST_HEADERS, "Accept-Encoding": "identity", **(headers or {})})
        response = conn.getresponse()
        size = 0
        while True:
            chunk = response.read(READ_CHUNK)
            if not chunk:
                break
            size += len(chunk)
        return response.status, size, time.perf_counter() - started, dict(response.getheaders())
    finally:
        conn.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def measure(port: int, path: str, repeat: int, headers: dict | None = None, expect: int = 200) -> dict:
    stream_get(port, path, headers)  # warm-up (facet index, vocabularies, connection)
    times, sizes = [], []
    for _ in range(repeat):
        status, size, seconds, _headers = stream_get(port, path, headers)
        if status != expect:
            raise SystemExit(f"{path} answered {status}, expected {expect}")
        times.append(seconds)
        sizes.append(size)
    total = sum(times)
    return {
        "path": path,
        "n": repeat,
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "req_s": repeat / total,
        "mb_s": sum(sizes) / total / 1e6,
        "bytes": statistics.median(sizes),
    }


def export_memory(server: Server, port: int, path: str) -> dict:
    """The worker's resident memory just before and at its highest during one full export.

    Sampled from /proc every 50 ms during the export only: the kernel's high-water mark (VmHWM)
    would also count the transient peak of building the facet index on the first API request.
    """
    server.memory.interval = 0.05
    time.sleep(0.5)
    workers = server.memory.pids()[1:]
    before = max(server.memory.status_kb(pid).get("VmRSS", 0) for pid in workers)
    server.memory.peak_rss_by_pid = {}
    status, size, seconds, _ = stream_get(port, path)
    server.memory.sample()
    peak = max(server.memory.peak_rss_by_pid.get(pid, 0) for pid in workers)
    return {"status": status, "bytes": size, "seconds": seconds, "rss_before_mb": before / 1024, "peak_mb": peak / 1024}


def run_size(size: int, template: Path, workdir: Path, env_base: dict, static_url: str, args) -> dict:
    db = workdir / f"opendata-{size}.sqlite3"
    remove_db(db)
    shutil.copy(template, db)
    env = bench_env(db, Path(env_base["STATIC_ROOT"]))
    started = time.perf_counter()
    run_data_step("generate", db, env, size)
    build_seconds = time.perf_counter() - started
    server = Server(env, workers=1, log_path=workdir / f"gunicorn-{size}.log")
    try:
        port = server.port
        server.wait_ready("/api/v1/practices?limit=1")
        report = {"size": size, "build_s": build_seconds, "rows": []}
        # Memory first, before the throughput rows, so both sizes measure the same thing.
        stream_get(port, "/api/v1/practices")
        report["memory"] = export_memory(server, port, "/daten/praxisbeispiele.csv")
        if not args.memory_only:
            etag = stream_get(port, "/api/v1/practices")[3].get("ETag", "")
            report["rows"] = [
                ("static file (baseline)", measure(port, static_url, args.requests)),
                ("API list, 20 per page", measure(port, "/api/v1/practices", args.requests)),
                ("API list, 100 per page", measure(port, "/api/v1/practices?limit=100", args.requests)),
                (
                    "API list, 304 revalidation",
                    measure(port, "/api/v1/practices", args.requests, {"If-None-Match": etag}, expect=304),
                ),
                ("CSV export (all)", measure(port, "/daten/praxisbeispiele.csv", args.exports)),
                ("JSON export (all)", measure(port, "/daten/praxisbeispiele.json", args.exports)),
            ]
        return report
    finally:
        server.stop()
        if not args.keep:
            remove_db(db)


def print_report(report: dict) -> None:
    size = report["size"]
    print(f"\n## {size:,} practices (database built in {report['build_s']:.0f} s)\n")
    if report["rows"]:
        print("| request | n | p50 ms | p95 ms | req/s | MB/s | body |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, row in report["rows"]:
            body = f"{row['bytes'] / 1e6:.2f} MB" if row["bytes"] > 1e6 else f"{row['bytes'] / 1e3:.1f} kB"
            print(
                f"| {label} | {row['n']} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['req_s']:.1f} "
                f"| {row['mb_s']:.1f} | {body} |"
            )
        csv_row = dict(report["rows"])["CSV export (all)"]
        print(f"\nCSV export: {size / (csv_row['p50_ms'] / 1000):,.0f} practices/s (p50)")
    memory = report["memory"]
    print(
        f"\nFull CSV export, one worker: {memory['bytes'] / 1e6:.1f} MB in {memory['seconds']:.1f} s; "
        f"worker RSS before {memory['rss_before_mb']:.0f} MB, peak {memory['peak_mb']:.0f} MB"
    )


def memory_row(size: int, memory: dict) -> str:
    return (
        f"| {size:,} | {memory['bytes'] / 1e6:.1f} MB | {memory['seconds']:.1f} | {memory['rss_before_mb']:.0f} MB "
        f"| {memory['peak_mb']:.0f} MB |\n"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="practices for the throughput table")
    parser.add_argument("--big-size", type=int, default=100_000, help="practices for the memory check (0: skip)")
    parser.add_argument("--requests", type=int, default=200, help="requests per API/static row")
    parser.add_argument("--exports", type=int, default=5, help="full exports per export row")
    parser.add_argument("--workdir", type=Path, default=BASE_DIR / "var" / "bench-opendata")
    parser.add_argument("--keep", action="store_true", help="keep the generated databases")
    parser.add_argument("--memory-only", action="store_true")
    args = parser.parse_args(argv)

    args.workdir.mkdir(parents=True, exist_ok=True)
    static_root = Path(tempfile.mkdtemp(prefix="kw-opendata-static-"))
    template = args.workdir / "template.sqlite3"
    try:
        env = bench_env(template, static_root)
        if not template.exists():
            run_data_step("template", template, env)
        static_url = collect_static(env)
        reports = [run_size(args.size, template, args.workdir, env, static_url, args)]
        if args.big_size:
            big_args = argparse.Namespace(**{**vars(args), "memory_only": True})
            reports.append(run_size(args.big_size, template, args.workdir, env, static_url, big_args))
        print("# Open-data benchmark (gunicorn, 1 sync worker, SQLite, production settings)")
        for report in reports:
            print_report(report)
        if len(reports) == 2:
            small, big = reports[0]["memory"], reports[1]["memory"]
            print(
                "\n## Flat memory\n\n| practices | CSV size | seconds | worker RSS before | peak during export |\n"
                "|---:|---:|---:|---:|---:|\n"
                + memory_row(reports[0]["size"], small)
                + memory_row(reports[1]["size"], big)
                + f"\nDuring the export the worker grows by {small['peak_mb'] - small['rss_before_mb']:+.0f} MB at "
                f"{reports[0]['size']:,} and by {big['peak_mb'] - big['rss_before_mb']:+.0f} MB at "
                f"{reports[1]['size']:,} practices ({big['bytes'] / max(small['bytes'], 1):.0f}× the data); the "
                "higher starting point at the larger size is the facet index of the API, not the export."
            )
        print(json.dumps({"reports": [{k: v for k, v in r.items() if k != "rows"} for r in reports]}, default=str))
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
