"""Reflexionsraum access: the cost of the tenancy check, login throttling and the GDPR export/deletion.

    .venv/bin/python bench/workspace_access.py [--requests 200] [--sizes 1,10,50]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kw_bench_ws .venv/bin/python bench/workspace_access.py

Runs in a fresh test database (test settings: MD5 password hashing, database cache for the rate
limits). Prints p50/p95 latencies of in-process requests (Django test client, no network):

* baseline: the anonymous Reflexionsraum start page (no membership lookup);
* the dashboard of a workspace (``workspace_view``: membership query, 2FA check, private headers);
* an admin page (plus the admin's verified second factor) and a refused request (403);
* login POSTs with a wrong password (throttle counters + audit entry) and with the right one;

and the time and peak memory of export and deletion for a workspace filled *n* times by every
app's matrix populator (reflections with boards, cards, ideas, measures; assessments; members …).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def timed(function, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--sizes", default="1,10,50")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krisenwissen.settings.test")
    os.environ.setdefault("TEST_SQLITE_PATH", str(BASE_DIR / "var" / "bench-workspace.sqlite3"))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import setup_databases, teardown_databases
    from django.urls import reverse

    settings.LOGIN_FAILURES_PER_ACCOUNT = settings.LOGIN_FAILURES_PER_IP = 10**9
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        from krisenwissen.taxonomy.services import load_taxonomy
        from krisenwissen.workspace import gdpr
        from krisenwissen.workspace.models import Role
        from tests.workspace.authz_registry import POPULATORS
        from tests.workspace.helpers import PASSWORD, login, make_member, make_workspace
        from tests.workspace.test_authorization_matrix import ALL_ROUTES  # noqa: F401 - loads every app's populator

        load_taxonomy()
        try:
            from krisenwissen.assessment.services import ensure_questionnaire

            ensure_questionnaire()
        except ImportError:
            pass
        workspace = make_workspace("Benchstadt")
        admin = make_member(workspace, Role.ADMIN)
        reader = make_member(workspace, Role.READER)
        n = args.requests
        anonymous, reader_client, admin_client = (
            Client(),
            login(Client(), reader),
            login(Client(), admin, second_factor=True),
        )
        addresses = iter(range(10**6))

        def fresh_client():
            """A new visitor from a new address, so the per-IP login rate limit does not answer instead."""
            number = next(addresses)
            return Client(REMOTE_ADDR=f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}")

        home = reverse("workspace:home")
        dashboard = reverse("workspace:dashboard", args=[workspace.slug])
        members = reverse("workspace:members", args=[workspace.slug])
        login_url = reverse("workspace:login")
        rows = [
            ("baseline: start page, anonymous", timed(lambda: anonymous.get(home), n)),
            ("dashboard, reader", timed(lambda: reader_client.get(dashboard), n)),
            ("members page, admin with 2FA", timed(lambda: admin_client.get(members), n)),
            ("members page, reader (403)", timed(lambda: reader_client.get(members), n)),
            (
                "login POST, wrong password",
                timed(lambda: fresh_client().post(login_url, {"username": reader.email, "password": "falsch"}), n // 2),
            ),
            (
                "login POST, right password",
                timed(lambda: fresh_client().post(login_url, {"username": reader.email, "password": PASSWORD}), n // 2),
            ),
        ]
        print(f"\nRequests ({connection.vendor}, in-process test client)\n")
        print(f"| {'request':<34} | {'n':>4} | {'p50 ms':>7} | {'p95 ms':>7} | {'req/s':>7} |")
        print(f"|{'-' * 36}|{'-' * 6}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
        for label, samples in rows:
            p50, p95 = percentiles(samples)
            print(
                f"| {label:<34} | {len(samples):>4} | {p50:>7.2f} | {p95:>7.2f} | {len(samples) / sum(samples):>7.0f} |"
            )

        print(f"\nGDPR export and deletion ({connection.vendor})\n")
        print(f"| {'fills':>5} | {'rows':>6} | {'export s':>8} | {'JSON KiB':>8} | {'peak MiB':>8} | {'delete s':>8} |")
        print(f"|{'-' * 7}|{'-' * 8}|{'-' * 10}|{'-' * 10}|{'-' * 10}|{'-' * 10}|")
        for size in [int(s) for s in args.sizes.split(",")]:
            target = make_workspace(f"Groß {size}")
            for number in range(size):
                for populate in POPULATORS:
                    try:
                        with transaction.atomic():
                            populate(target, f"bench{size}x{number}")
                    except Exception:  # noqa: S112 - a populator with a per-workspace unique field fills once
                        continue
            row_count = sum(len(objs) for objs in gdpr.owned_objects(target).values())
            tracemalloc.start()
            start = time.perf_counter()
            payload = gdpr.export_json(target)
            export_s = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            start = time.perf_counter()
            gdpr.delete_workspace(target)
            delete_s = time.perf_counter() - start
            print(
                f"| {size:>5} | {row_count:>6} | {export_s:>8.3f} | {len(payload) / 1024:>8.0f} "
                f"| {peak:>8.1f} | {delete_s:>8.3f} |"
            )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
