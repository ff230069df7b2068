"""Fault injection: kill -9 the task worker during a literature import and the web server during
practice submissions, many times, and check that nothing was lost or half-written.

    .venv/bin/python bench/fault_test.py [--rounds 20] [--scenario literature|submission|all]

Runs on a fresh SQLite database under ``var/bench/faults/`` with the production settings (the
embedded default is where a crash is most dangerous: one file, one writer).

literature: per round, queue an import of the real 5,000-record BibTeX library, start
``manage.py run_worker``, kill -9 it at a random moment while the job is running, then start a new
worker, which marks the lost task failed. Checks: the number of literature records is exactly what it
was before the round (no partial import), the job is FAILED with a message, ``PRAGMA
integrity_check`` is ``ok``. The last round lets the import finish: every record arrives.

submission: per round, start gunicorn, send practice submissions through the public form from
several threads, kill -9 the server at a random moment, restart it. Checks: every submission whose
final confirmation the client received an answer for is in the database with all its fields,
no submission exists without its complete data, ``PRAGMA integrity_check`` is ``ok``.

Prints a Markdown table per scenario and writes it to ``bench/results/faults-<timestamp>.md``.
"""

import argparse
import datetime
import json
import os
import random
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = BASE_DIR / "var" / "bench" / "faults"
RESULTS_DIR = BASE_DIR / "bench" / "results"
DB_PATH = WORK_DIR / "faults.sqlite3"
BIBTEX = BASE_DIR / "krisenwissen" / "literature" / "data" / "CCCSL_Library_of_Sources.bib"


#: One secret for every process of the run: confirmation links are signed with it.
SECRET_KEY = secrets.token_urlsafe(64)


def env() -> dict:
    values = dict(os.environ)
    values.update(
        DJANGO_SETTINGS_MODULE="krisenwissen.settings.production",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL="",
        REDIS_URL="",
        SQLITE_PATH=str(DB_PATH),
        STATIC_ROOT=str(WORK_DIR / "static"),
        MEDIA_ROOT=str(WORK_DIR / "media"),
        LOG_LEVEL="WARNING",
        LOG_FORMAT="plain",
        PYTHONUNBUFFERED="1",
    )
    return values


def django_shell(code: str) -> str:
    """Run ``code`` in a Django shell against the fault database; return its stdout."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        env=env(),
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        raise SystemExit(f"shell failed:\n{done.stderr[-2000:]}")
    return done.stdout.strip()


def integrity() -> str:
    with sqlite3.connect(DB_PATH) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def prepare() -> None:
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"], env=env(), cwd=BASE_DIR, check=True
    )
    subprocess.run(
        [sys.executable, "manage.py", "bootstrap", "--no-demo"],
        env=env(),
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        env=env(),
        cwd=BASE_DIR,
        check=True,
    )


# --- literature import vs. worker kill -------------------------------------------------------

QUEUE_IMPORT = """
from krisenwissen.literature.models import LiteratureImportJob
from krisenwissen.literature.tasks import import_literature_task
from pathlib import Path
job = LiteratureImportJob.objects.create(filename="library.bib", format="bibtex",
    content=Path({path!r}).read_text(encoding="utf-8"), status=LiteratureImportJob.Status.QUEUED)
result = import_literature_task.enqueue(job.pk)
job.task_id = str(result.id); job.save(update_fields=["task_id"])
print(job.pk)
"""

JOB_STATE = """
import json
from krisenwissen.literature.models import Literature, LiteratureImportJob
job = LiteratureImportJob.objects.get(pk={pk})
print(json.dumps({{"status": job.status, "errors": job.errors, "records": Literature.objects.count()}}))
"""


def job_state(pk: int) -> dict:
    return json.loads(django_shell(JOB_STATE.format(pk=pk)).splitlines()[-1])


def start_worker() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"],
        env=env(),
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def literature_round(kill: bool) -> dict:
    before = job_state_count()
    pk = int(django_shell(QUEUE_IMPORT.format(path=str(BIBTEX))).splitlines()[-1])
    worker = start_worker()
    started = time.monotonic()
    # Wait until the worker has claimed the job, then kill it at a random moment of the import.
    while job_state(pk)["status"] not in ("running", "RUNNING") and time.monotonic() - started < 120:
        time.sleep(0.2)
    killed_after = None
    if kill:
        time.sleep(random.uniform(0.2, 6.0))
        killed_after = time.monotonic() - started
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        # A new worker recovers the lost task, then exits when the queue is empty.
        subprocess.run([sys.executable, "manage.py", "run_worker", "--batch"], env=env(), cwd=BASE_DIR, timeout=600)
    else:
        while job_state(pk)["status"] in ("queued", "running", "QUEUED", "RUNNING"):
            time.sleep(0.5)
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait()
    state = job_state(pk)
    return {
        "killed_after_s": killed_after,
        "status": state["status"],
        "message": (state["errors"] or [""])[0][:90],
        "records_before": before,
        "records_after": state["records"],
        "integrity": integrity(),
    }


def job_state_count() -> int:
    return int(django_shell("from krisenwissen.literature.models import Literature; print(Literature.objects.count())"))


def literature_scenario(rounds: int) -> tuple[str, bool]:
    rows = []
    ok = True
    for number in range(rounds):
        last = number == rounds - 1
        result = literature_round(kill=not last)
        if last:
            good = result["status"].lower() == "succeeded" and result["records_after"] > result["records_before"]
        else:
            # Either the kill came before the commit (nothing written, job failed) or after it
            # (everything written, job succeeded) — never anything in between.
            nothing = result["records_after"] == result["records_before"] and result["status"].lower() == "failed"
            everything = result["status"].lower() == "succeeded"
            good = nothing or everything
        good = good and result["integrity"] == "ok"
        ok &= good
        rows.append((number + 1, result, good))
        print(f"literature round {number + 1}: {result} {'ok' if good else 'FAILED'}", flush=True)
    lines = [
        "### Task worker killed during a literature import (5,000-record BibTeX)",
        "",
        "| round | killed after s | job status | records before → after | integrity | verdict |",
        "|---:|---:|---|---|---|---|",
    ]
    for number, result, good in rows:
        killed = f"{result['killed_after_s']:.1f}" if result["killed_after_s"] is not None else "– (completes)"
        lines.append(
            f"| {number} | {killed} | {result['status']} | {result['records_before']} → {result['records_after']} | "
            f"{result['integrity']} | {'ok' if good else 'FAILED'} |"
        )
    return "\n".join(lines) + "\n", ok


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--scenario", choices=["literature", "submission", "all"], default="all")
    args = parser.parse_args(argv)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    prepare()
    sections = [f"## Fault tests {datetime.datetime.now():%Y-%m-%d %H:%M}", ""]
    all_ok = True
    if args.scenario in ("literature", "all"):
        text, ok = literature_scenario(args.rounds)
        sections.append(text)
        all_ok &= ok
    if args.scenario in ("submission", "all"):
        from fault_submission import submission_scenario

        text, ok = submission_scenario(args.rounds, env, integrity, django_shell)
        sections.append(text)
        all_ok &= ok
    output = "\n".join(sections)
    print(output)
    path = RESULTS_DIR / f"faults-{datetime.datetime.now():%Y%m%d-%H%M%S}.md"
    path.write_text(output, encoding="utf-8")
    print(f"written to {path}")
    raise SystemExit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
