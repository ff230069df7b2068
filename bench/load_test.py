"""The platform during a crisis: 0 → 500 anonymous visitors in 60 s against the production set-up.

    .venv/bin/python bench/load_test.py [--users 500] [--uncached-users 200] [--duration 120]

Production set-up on this machine: gunicorn with ``deploy/gunicorn.conf.py`` (gthread workers),
PostgreSQL (database ``krisenwissen_load``, recreated), Redis (database 3, flushed) as cache,
whitenoise for static files, production settings. The database gets the demo content of
``manage.py bootstrap``. Three runs with locust (``bench/locustfile.py``), each with a static file
as the baseline in the same run and one workspace member opening the Reflexionsraum login page:

1. ``cached``   — ramp to ``--users`` over 60 s; the anonymous page cache serves repeat pages.
2. ``uncached`` — ``--uncached-users`` visitors, page cache off: lists with three varying facets,
   searches with varying words, the API.
3. ``overload`` — like 2 with ``--users`` visitors and load shedding on: beyond capacity public
   requests get 503 + Retry-After quickly; the private page stays usable.

Prints a Markdown table per run (p50/p95/p99 ms, requests/s, error rate) plus server CPU and
memory, and writes it to ``bench/results/load-<timestamp>.md``. Needs ``locust`` and ``psutil``
(``pip install -r requirements-bench.txt``).
"""

import argparse
import csv
import datetime
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psutil

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "var" / "bench"
RESULTS_DIR = BASE_DIR / "bench" / "results"
PG_DB = "krisenwissen_load"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
REDIS_URL = "redis://127.0.0.1:6379/3"


def env_for(extra: dict) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="krisenwissen.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=PG_URL,
        REDIS_URL=REDIS_URL,
        STATIC_ROOT=str(BENCH_DIR / "static"),
        MEDIA_ROOT=str(BENCH_DIR / "media"),
        LOG_LEVEL="WARNING",
        LOG_FORMAT="plain",
        GUNICORN_WORKERS="3",
        GUNICORN_THREADS="4",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=BASE_DIR, check=True, timeout=3600)


def prepare_database(env: dict) -> None:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", PG_DB], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", PG_DB], check=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "bootstrap")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env: dict):
        self.port = free_port()
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.log = (BENCH_DIR / "load-server.log").open("a", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py", "krisenwissen.wsgi:application"],
            env=env,
            cwd=BASE_DIR,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.samples: list[tuple[float, float]] = []  # (cpu percent of both cores, rss MB)
        self._stop = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/health/live", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise SystemExit("server did not start; see var/bench/load-server.log")

    def sample(self) -> None:
        parent = psutil.Process(self.process.pid)
        procs = {}
        while not self._stop.is_set():
            try:
                current = [parent, *parent.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            cpu = rss = 0.0
            for proc in current:
                if proc.pid not in procs:
                    # cpu_percent() measures since the previous call on the same object: keep it.
                    procs[proc.pid] = proc
                    proc.cpu_percent(None)
                    continue
                try:
                    cpu += procs[proc.pid].cpu_percent(None)
                    rss += proc.memory_info().rss / 1e6
                except psutil.NoSuchProcess:
                    pass
            self.samples.append((cpu, rss))
            time.sleep(1.0)

    def start_sampling(self) -> None:
        self.samples.clear()
        self._stop.clear()
        threading.Thread(target=self.sample, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)


def detail_paths(base_url: str) -> list[str]:
    with urllib.request.urlopen(f"{base_url}/api/v1/practices?limit=10", timeout=30) as response:
        data = json.load(response)
    return [item["url"] for item in data["results"] if item.get("url")]


def static_url(env: dict) -> str:
    manifest = json.loads((Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text(encoding="utf-8"))
    return "/static/" + manifest["paths"]["css/krisenwissen.css"]


def run_locust(server: Server, scenario: str, users: int, spawn_rate: float, duration: int, extra_env: dict) -> Path:
    prefix = BENCH_DIR / f"load-{scenario}"
    env = {**os.environ, "SCENARIO": scenario.split("-")[0], **extra_env}
    cmd = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(BASE_DIR / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        f"{duration}s",
        "--host",
        server.url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "10",
    ]
    server.start_sampling()
    subprocess.run(cmd, env=env, cwd=BASE_DIR, timeout=duration + 120, capture_output=True)
    server._stop.set()
    return Path(f"{prefix}_stats.csv")


def read_stats(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def table(title: str, rows: list[dict], server: Server, note: str, stats_path: Path, max_users: int) -> str:
    lines = [
        f"### {title}",
        "",
        note,
        "",
        "| endpoint | requests | errors | error rate | p50 ms | p95 ms | p99 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        count = int(row["Request Count"])
        failures = int(row["Failure Count"])
        rate = f"{100 * failures / count:.1f} %" if count else "–"
        lines.append(
            f"| {row['Name']} | {count} | {failures} | {rate} | {row['50%']} | {row['95%']} | {row['99%']} | "
            f"{float(row['Requests/s']):.1f} |"
        )
    history = Path(str(stats_path).replace("_stats.csv", "_stats_history.csv"))
    if history.exists():
        full = [
            row
            for row in read_stats(history)
            if row["Name"] == "Aggregated" and int(row["User Count"] or 0) >= max_users
        ]
        if full:
            rates = [float(row["Requests/s"]) for row in full]
            lines += [
                "",
                f"At the full {max_users} users ({len(full)} s): {sum(rates) / len(rates):.0f} req/s on average, "
                f"{max(rates):.0f} req/s at most (the table's req/s averages the whole run, ramp included).",
            ]
    if server.samples:
        cpu = [s[0] for s in server.samples]
        rss = [s[1] for s in server.samples]
        lines += [
            "",
            f"Server (gunicorn master + workers): CPU mean {sum(cpu) / len(cpu):.0f} %, max {max(cpu):.0f} % "
            f"(200 % = both cores); memory peak {max(rss):.0f} MB.",
        ]
    return "\n".join(lines) + "\n"


def failures_summary(prefix: str) -> str:
    path = BENCH_DIR / f"load-{prefix}_failures.csv"
    if not path.exists():
        return ""
    rows = read_stats(path)
    if not rows:
        return ""
    parts = [f"{row['Name']}: {row['Error'][:80]} × {row['Occurrences']}" for row in rows[:6]]
    return "Errors: " + "; ".join(parts) + "\n"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--uncached-users", type=int, default=200)
    parser.add_argument("--duration", type=int, default=120, help="seconds per run, ramp included")
    parser.add_argument("--ramp", type=int, default=60, help="seconds to reach the full number of users")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database of the last run")
    parser.add_argument("--only", choices=["cached", "uncached", "uncached-overload"], help="run one scenario")
    args = parser.parse_args(argv)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    base_env = env_for({})
    if not args.skip_setup:
        print("preparing PostgreSQL database and static files …", flush=True)
        prepare_database(base_env)
    static = static_url(base_env)
    runs = [
        ("cached", args.users, {"PAGE_CACHE_SECONDS": "600"}, "Anonymous page cache on (Redis)."),
        ("uncached", args.uncached_users, {"PAGE_CACHE_SECONDS": "0"}, "Page cache off: every page rendered."),
        (
            "uncached-overload",
            args.users,
            {"PAGE_CACHE_SECONDS": "0", "GUNICORN_THREADS": "6", "LOAD_SHED_MAX_IN_FLIGHT": "4"},
            "Page cache off, 6 threads per process of which at most 4 serve public pages (load shedding); "
            "the other 2 stay free for the Reflexionsraum and the admin.",
        ),
    ]
    out = [
        f"## Load test {datetime.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"Machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 1e9:.0f} GB; load average before: "
        f"{os.getloadavg()[0]:.2f}. Server: gunicorn gthread 3 workers × 4 threads, PostgreSQL, Redis. "
        f"Clients: locust (FastHttpUser) on the same machine, ramp {args.ramp} s, {args.duration} s per run.",
        "",
    ]
    for scenario, users, server_env, note in runs:
        if args.only and scenario != args.only:
            continue
        flush_redis()
        server = Server(env_for(server_env))
        try:
            server.wait_ready()
            paths = detail_paths(server.url)
            print(f"run {scenario}: {users} users …", flush=True)
            stats = run_locust(
                server,
                scenario,
                users,
                users / args.ramp,
                args.duration,
                {"STATIC_URL": static, "DETAIL_PATHS": ",".join(paths)},
            )
            rows = read_stats(stats)
            section = table(f"{scenario}: {users} users", rows, server, note, stats, users) + failures_summary(scenario)
            print(section, flush=True)
            out.append(section)
        finally:
            server.stop()
    result = RESULTS_DIR / f"load-{datetime.datetime.now():%Y%m%d-%H%M%S}.md"
    result.write_text("\n".join(out), encoding="utf-8")
    print(f"written to {result}")


if __name__ == "__main__":
    main()
