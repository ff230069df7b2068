"""Practice pages under load: list with three facets, detail page and API, next to a static file.

    .venv/bin/python bench/practices_bench.py [--sizes 1000,10000,100000] [--requests N] [--concurrency C]

For each size the script builds a fresh SQLite database under ``var/bench/`` (see
``practices_data.py``), starts gunicorn with the production settings on a free port on 127.0.0.1,
warms it up and sends a bounded number of requests to each endpoint: once one at a time (the
latency a single visitor sees) and once with C parallel clients (throughput and queueing). It
prints a Markdown table per size and a summary, and writes the same Markdown to
``bench/results/practices-<timestamp>.md``. How to read the numbers: ``docs/benchmarks.md``.
"""

import argparse
import datetime
import http.client
import itertools
import json
import math
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from practices_data import BENCH_FACETS

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "var" / "bench"
RESULTS_DIR = BASE_DIR / "bench" / "results"
DATA_SCRIPT = Path(__file__).resolve().parent / "practices_data.py"
HOST = "127.0.0.1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
STATIC_FILE = "css/krisenwissen.css"
REQUEST_HEADERS = {"Accept-Language": "de", "Accept-Encoding": "gzip", "User-Agent": "krisenwissen-bench"}


# --- Environment and database ------------------------------------------------------------------


def bench_env(db_path: Path, static_root: Path) -> dict[str, str]:
    """The environment of every child process: production settings, plain HTTP on localhost."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="krisenwissen.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_DEBUG="false",
        # Empty values win over a developer's .env (which is only read with setdefault).
        DATABASE_URL="",
        REDIS_URL="",
        SQLITE_PATH=str(db_path),
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def run_data_step(step: str, db_path: Path, env: dict, size: int = 0) -> dict:
    cmd = [sys.executable, str(DATA_SCRIPT), step, "--db", str(db_path), "--size", str(size)]
    done = subprocess.run(cmd, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{step} failed for {db_path.name} (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def remove_db(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def collect_static(env: dict) -> str:
    """Collect static files once; return the URL of the hashed baseline file from the manifest."""
    cmd = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(cmd, env=env, cwd=BASE_DIR, check=True, timeout=600)
    manifest = json.loads((Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text(encoding="utf-8"))
    return "/static/" + manifest["paths"][STATIC_FILE]


# --- Server ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn in its own process group; stopped by ``stop()`` whatever happened before."""

    def __init__(self, env: dict, workers: int, log_path: Path):
        self.port = free_port()
        self.log = log_path.open("w", encoding="utf-8")
        cmd = [
            sys.executable,
            "-m",
            "gunicorn",
            "krisenwissen.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(
            cmd, env=env, cwd=BASE_DIR, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.memory = MemorySampler(self.process.pid)

    def wait_ready(self, path: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}; see {self.log.name}")
            try:
                status, _, _ = fetch(self.port, path)
                if status == 200:
                    self.memory.start()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn not ready after {timeout:.0f} s; see {self.log.name}")

    def stop(self) -> None:
        self.memory.stop()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


class MemorySampler(threading.Thread):
    """Samples the summed resident memory of the gunicorn master and its workers from /proc."""

    def __init__(self, master_pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.master_pid = master_pid
        self.interval = interval
        self.peak_rss_kb = 0
        self.peak_hwm_kb: dict[int, int] = {}
        self.peak_rss_by_pid: dict[int, int] = {}
        self._stop_event = threading.Event()

    def pids(self) -> list[int]:
        children = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children")
        try:
            return [self.master_pid, *map(int, children.read_text().split())]
        except (OSError, ValueError):
            return [self.master_pid]

    def cpu_seconds(self) -> float:
        """User + system CPU time consumed so far by the master and the live workers."""
        ticks = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
            except (OSError, ValueError, IndexError):
                pass
        return ticks / CLOCK_TICKS

    @staticmethod
    def status_kb(pid: int) -> dict[str, int]:
        values = {}
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
        except (OSError, ValueError, IndexError):
            pass
        return values

    def sample(self) -> None:
        total = 0
        for pid in self.pids():
            values = self.status_kb(pid)
            total += values.get("VmRSS", 0)
            self.peak_rss_by_pid[pid] = max(self.peak_rss_by_pid.get(pid, 0), values.get("VmRSS", 0))
            if "VmHWM" in values:
                self.peak_hwm_kb[pid] = max(self.peak_hwm_kb.get(pid, 0), values["VmHWM"])
        self.peak_rss_kb = max(self.peak_rss_kb, total)

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        if self.is_alive():
            self.sample()
            self._stop_event.set()
            self.join(timeout=5)

    @property
    def processes(self) -> int:
        return len(self.peak_hwm_kb)

    def breakdown_mb(self) -> str:
        """Peak RSS of the master and of each worker, e.g. "master 25, workers 120/118"."""
        master = self.peak_rss_by_pid.get(self.master_pid, 0) / 1024
        workers = [kb / 1024 for pid, kb in sorted(self.peak_rss_by_pid.items()) if pid != self.master_pid]
        return f"master {master:.0f} MB, workers " + "/".join(f"{mb:.0f}" for mb in workers) + " MB"


# --- Load --------------------------------------------------------------------------------------


def fetch(port: int, path: str, conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes, float]:
    own = conn is None
    conn = conn or http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers=REQUEST_HEADERS)
        response = conn.getresponse()
        body = response.read()
        return response.status, body, time.perf_counter() - started
    finally:
        if own:
            conn.close()


@dataclass
class LoadResult:
    endpoint: str
    concurrency: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    bytes: int = 0
    wall_s: float = 0.0
    server_cpu_s: float = math.nan
    first_error: str = ""

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    def percentile_ms(self, q: float) -> float:
        """Nearest-rank percentile of the successful requests' latencies, in milliseconds."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))] * 1000

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.wall_s if self.wall_s else math.nan

    @property
    def cpu_ms_per_request(self) -> float:
        return self.server_cpu_s / self.requests * 1000 if self.requests else math.nan

    @property
    def mean_kb(self) -> float:
        return self.bytes / len(self.latencies) / 1024 if self.latencies else math.nan


def run_load(
    port: int, endpoint: str, paths: list[str], total: int, concurrency: int, max_seconds: float
) -> LoadResult:
    """Send ``total`` GETs (cycling ``paths``) from ``concurrency`` threads, stopping early at ``max_seconds``.

    Each thread keeps one HTTP/1.1 connection; gunicorn's sync workers close it after every
    response, and http.client then reconnects, so every request pays a loopback TCP handshake.
    """
    result = LoadResult(endpoint, concurrency)
    counter = itertools.count()
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        while time.monotonic() < deadline:
            i = next(counter)
            if i >= total:
                break
            try:
                status, body, elapsed = fetch(port, paths[i % len(paths)], conn)
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                with lock:
                    result.errors += 1
                    result.first_error = result.first_error or repr(error)
                continue
            with lock:
                if status == 200:
                    result.latencies.append(elapsed)
                    result.bytes += len(body)
                else:
                    result.errors += 1
                    result.first_error = result.first_error or f"HTTP {status} for {paths[i % len(paths)]}"
        conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max_seconds + 120)
    result.wall_s = time.perf_counter() - started
    return result


# --- One size ----------------------------------------------------------------------------------


@dataclass
class SizeReport:
    size: int
    data: dict
    results: list[LoadResult]
    peak_rss_mb: float
    peak_hwm_mb: float
    processes: int
    api_count: object
    db_mb: float
    memory_breakdown: str
    load_before: str
    notes: list[str]


def endpoints(static_url: str, data: dict) -> dict[str, list[str]]:
    query = urlencode(BENCH_FACETS)
    return {
        "static file (baseline)": [static_url],
        "list, 3 facets": [f"/praxisbeispiele/?{query}"],
        "detail page": [f"/praxisbeispiele/{slug}/" for slug in data["detail_slugs"]],
        "API list, 3 filters": [f"/api/v1/practices?{query}"],
    }


def resolve_redirects(port: int, targets: dict[str, list[str]]) -> list[str]:
    """Replace paths that answer with a local redirect (e.g. a missing trailing slash) by their target.

    The benchmark should time the page, not a redirect; every substitution is reported. These are
    the first requests the server sees, so the first one per endpoint is timed as the cold start
    of one worker (templates, in-process caches such as the facet index).
    """
    notes = []
    for name, paths in targets.items():
        for i, path in enumerate(paths):
            conn = http.client.HTTPConnection(HOST, port, timeout=120)
            try:
                started = time.perf_counter()
                conn.request("GET", path, headers=REQUEST_HEADERS)
                response = conn.getresponse()
                response.read()
                elapsed_ms = (time.perf_counter() - started) * 1000
                location = response.getheader("Location", "")
            finally:
                conn.close()
            if i == 0:
                notes.append(f"{name}: first request after start (cold worker) {elapsed_ms:.0f} ms")
            if response.status in (301, 302, 307, 308) and location.startswith("/"):
                paths[i] = location
                notes.append(f"{name}: {path} redirects ({response.status}) to {location}; timed the target")
    return notes


def api_count(port: int, path: str) -> object:
    """The result count the API reports, as a cross-check of the facet selection (None if absent)."""
    try:
        status, body, _ = fetch(port, path)
        payload = json.loads(body) if status == 200 else {}
    except (OSError, ValueError):
        return None
    if isinstance(payload, dict):
        for key in ("count", "total"):
            if isinstance(payload.get(key), int):
                return payload[key]
    return None


def wait_for_quiet_machine(max_load: float, max_wait: float) -> str:
    """Wait (at most ``max_wait`` seconds) until the 1-minute load average is below ``max_load``.

    Other processes on the machine compete for the same cores and inflate every latency; the
    load average at the start is reported either way.
    """
    deadline = time.monotonic() + max_wait
    load = float(Path("/proc/loadavg").read_text().split()[0])
    if load >= max_load and max_wait > 0:
        print(f"   waiting for the load average ({load:.2f}) to drop below {max_load} …", flush=True)
    while load >= max_load and time.monotonic() < deadline:
        time.sleep(5)
        load = float(Path("/proc/loadavg").read_text().split()[0])
    return f"{load:.2f}"


def bench_size(size: int, template: Path, static_url: str, static_root: Path, args) -> SizeReport:
    db_path = BENCH_DIR / f"practices-{size}.sqlite3"
    remove_db(db_path)
    shutil.copyfile(template, db_path)
    env = bench_env(db_path, static_root)
    print(f"\n== {size:,} practices: generating …", flush=True)
    data = run_data_step("generate", db_path, env, size)
    print(
        f"   generated in {data['generate_s']} s {data['timings']}, {data['links']:,} taxonomy/keyword links; "
        f"{data['facet_matches']:,} practices match {BENCH_FACETS}",
        flush=True,
    )
    server = Server(env, args.workers, BENCH_DIR / f"gunicorn-{size}.log")
    results, notes = [], []
    load_before = wait_for_quiet_machine(args.max_load, args.max_wait)
    try:
        server.wait_ready(static_url)
        targets = endpoints(static_url, data)
        notes = resolve_redirects(server.port, targets)
        for note in notes:
            print(f"   note: {note}", flush=True)
        # Warm-up: every worker loads its templates and builds its in-process caches (the facet
        # index on the first list request); the slowest warm-up request shows the second worker's.
        for name, paths in targets.items():
            warm_up = max(args.workers * 5, len(paths))
            result = run_load(server.port, name, paths, total=warm_up, concurrency=args.workers, max_seconds=120)
            cold_ms = result.percentile_ms(1.0)
            notes.append(f"{name}: slowest warm-up request {num(cold_ms)} ms")
            print(f"   warm-up {name}: slowest {num(cold_ms)} ms, errors {result.errors}", flush=True)
        count = api_count(server.port, targets["API list, 3 filters"][0])
        for name, paths in targets.items():
            passes = [(1, args.latency_requests), (args.concurrency, args.requests)]
            for concurrency, total in passes:
                if total <= 0:
                    continue
                cpu_before = server.memory.cpu_seconds()
                result = run_load(server.port, name, paths, total, concurrency, args.max_seconds)
                result.server_cpu_s = server.memory.cpu_seconds() - cpu_before
                results.append(result)
                print(f"   {format_row(size, result)}", flush=True)
                if result.first_error:
                    print(f"     first error: {result.first_error}", flush=True)
    finally:
        server.stop()
    db_mb = sum(Path(f"{db_path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db_path}{s}").exists()) / 2**20
    return SizeReport(
        size=size,
        data=data,
        results=results,
        peak_rss_mb=server.memory.peak_rss_kb / 1024,
        peak_hwm_mb=sum(server.memory.peak_hwm_kb.values()) / 1024,
        processes=server.memory.processes,
        api_count=count,
        db_mb=db_mb,
        memory_breakdown=server.memory.breakdown_mb(),
        load_before=load_before,
        notes=notes,
    )


# --- Output ------------------------------------------------------------------------------------

HEADER = (
    "| size | endpoint | clients | requests | p50 ms | p95 ms | p99 ms | req/s | server CPU ms/req | errors | KB/resp |"
)
RULE = "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"


def num(value: float, digits: int = 1) -> str:
    return "–" if math.isnan(value) else f"{value:.{digits}f}"


def format_row(size: int, r: LoadResult) -> str:
    return (
        f"| {size:,} | {r.endpoint} | {r.concurrency} | {r.requests} | {num(r.percentile_ms(0.5))} | "
        f"{num(r.percentile_ms(0.95))} | {num(r.percentile_ms(0.99))} | {num(r.rps, 0)} | "
        f"{num(r.cpu_ms_per_request)} | {r.errors} | {num(r.mean_kb)} |"
    )


def size_markdown(report: SizeReport) -> str:
    d = report.data
    t = d["timings"]
    lines = [
        f"### {report.size:,} practices",
        "",
        f"- generation: {d['generate_s']} s (build {t['build_s']} s, practices {t['practices_s']} s, "
        f"links {t['links_s']} s, ANALYZE {t['analyze_s']} s); "
        f"{d['links']:,} taxonomy and keyword links; database {report.db_mb:.0f} MB",
        f"- facet selection `{urlencode(BENCH_FACETS)}`: {d['facet_matches']:,} matching practices"
        + (f" (API reports {report.api_count:,})" if isinstance(report.api_count, int) else ""),
        f"- server peak memory: {report.peak_rss_mb:.0f} MB (largest sampled sum of VmRSS over {report.processes} "
        f"processes: {report.memory_breakdown}); sum of per-process VmHWM {report.peak_hwm_mb:.0f} MB",
        f"- machine load average before the run: {report.load_before}",
        *(f"- note: {note}" for note in report.notes),
        "",
        HEADER,
        RULE,
        *(format_row(report.size, r) for r in report.results),
    ]
    return "\n".join(lines)


def summary_markdown(reports: list[SizeReport], args) -> str:
    c = args.concurrency
    lines = [
        "| size | endpoint | p50 ms (1 client) | p95 ms (1 client) "
        f"| p95 ms ({c} clients) | req/s ({c} clients) | server CPU ms/req | errors | peak RSS MB | generation s |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for report in reports:
        by_endpoint: dict[str, dict[int, LoadResult]] = {}
        for r in report.results:
            by_endpoint.setdefault(r.endpoint, {})[r.concurrency] = r
        for endpoint, runs in by_endpoint.items():
            single, loaded = runs.get(1), runs.get(args.concurrency)

            lines.append(
                f"| {report.size:,} | {endpoint} | {num(single.percentile_ms(0.5)) if single else '–'} "
                f"| {num(single.percentile_ms(0.95)) if single else '–'} "
                f"| {num(loaded.percentile_ms(0.95)) if loaded else '–'} | {num(loaded.rps, 0) if loaded else '–'} "
                f"| {num(loaded.cpu_ms_per_request) if loaded else '–'} "
                f"| {sum(r.errors for r in runs.values())} | {report.peak_rss_mb:.0f} | {report.data['generate_s']} |"
            )
    return "\n".join(lines)


def machine_line(args) -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import sqlite3

    return (
        f"{os.cpu_count()} CPU cores ({cpu}), Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"gunicorn {args.workers} sync workers, {args.requests} requests at {args.concurrency} clients and "
        f"{args.latency_requests} at 1 client per endpoint (each pass capped at {args.max_seconds:.0f} s)"
    )


# --- Main --------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated numbers of practices")
    parser.add_argument("--requests", type=int, default=500, help="requests per endpoint in the parallel pass")
    parser.add_argument("--concurrency", type=int, default=4, help="parallel clients in the parallel pass")
    parser.add_argument("--latency-requests", type=int, default=200, help="requests per endpoint, one client (0: skip)")
    parser.add_argument("--max-seconds", type=float, default=60, help="time cap per pass")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--max-load", type=float, default=1.0, help="wait before each size until the load is below")
    parser.add_argument("--max-wait", type=float, default=300, help="longest wait for --max-load, in seconds")
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if not args.sizes or min(args.sizes) < 1 or args.concurrency < 1 or args.requests < 0:
        parser.error("sizes, requests and concurrency must be positive")
    return args


def stop_on_sigterm(signum, frame):
    # Turn SIGTERM into an exception so that every ``finally`` runs and the server is stopped.
    raise KeyboardInterrupt


def main(argv=None) -> None:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    reports = []
    with tempfile.TemporaryDirectory(prefix="kw-bench-static-") as static_dir:
        static_root = Path(static_dir)
        template = BENCH_DIR / "template.sqlite3"
        remove_db(template)
        env = bench_env(template, static_root)
        print("Preparing: migrate, taxonomy, municipality registry, site pages; collectstatic …", flush=True)
        prep = run_data_step("template", template, env)
        static_url = collect_static(env)
        print(f"   migrate {prep['migrate_s']} s, reference data {prep['reference_data_s']} s; baseline {static_url}")
        for size in args.sizes:
            reports.append(bench_size(size, template, static_url, static_root, args))

    sections = [
        f"## Practice benchmark, {stamp}",
        "",
        machine_line(args),
        "",
        "### Summary",
        "",
        summary_markdown(reports, args),
        "",
        *(size_markdown(report) + "\n" for report in reports),
    ]
    markdown = "\n".join(sections)
    out = RESULTS_DIR / f"practices-{stamp}.md"
    out.write_text(markdown + "\n", encoding="utf-8")
    print("\n" + markdown)
    print(f"\nWritten to {out.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
