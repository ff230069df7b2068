"""Speed of the Reflexionsraum's reflection and self-assessment pages as boards and comparisons grow.

    .venv/bin/python bench/reflection_bench.py [--cards 50 200 500] [--peers 10 100 500] [--repeat 20]
        [--db var/bench/reflection.sqlite3] [--no-assessment]

Works in its own database (``--db``, default ``var/bench/reflection.sqlite3``; migrated on first
use, emptied of bench data on every run). For each board size it pins that many cards (with
levers, clusters and votes) on one board and requests the board page, the live-refresh fingerprint
and both reports through Django's test client; for each comparison size it creates that many
opted-in workspaces with one complete self-assessment each and requests the results page (peer
comparison + recommendations + radar chart). It prints p50/p95 latency, SQL queries per request,
peak Python memory and the ratio to the baseline: the reflection list page of the same signed-in
person (the assessment overview for the comparison), requested in turn with the measured page (one
baseline request before each timed request), so both see the same load of a shared machine.
Latency is timed without tracemalloc (which slows allocation-heavy code such as WeasyPrint several
times over); peak memory comes from one extra traced request.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORK = BASE_DIR / "var" / "bench" / "reflection.sqlite3"


def setup_django(db: Path = WORK) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krisenwissen.settings.dev")
    os.environ["SQLITE_PATH"] = str(db)
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,localhost"
    sys.path.insert(0, str(BASE_DIR))
    db.parent.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from krisenwissen.assessment.services import ensure_questionnaire
    from krisenwissen.taxonomy.services import load_taxonomy

    load_taxonomy()
    ensure_questionnaire()


def reset():
    from django.contrib.auth import get_user_model

    from krisenwissen.places.models import Place
    from krisenwissen.workspace.models import Workspace

    Workspace.objects.filter(slug__startswith="bench-").delete()
    get_user_model().objects.filter(username__startswith="bench-").delete()
    Place.objects.filter(key__startswith="bench:").delete()


def make_place(n: int, population: int):
    from krisenwissen.places.models import Place

    return Place.objects.create(
        key=f"bench:{n}",
        level=Place.Level.GEMEINDE,
        ags=f"98{n:06d}",
        name=f"Benchstadt {n}",
        official_kind="Stadt",
        slug=f"benchstadt-{n}",
        country="DE",
        state="Niedersachsen",
        population=population,
    )


def signed_in_workspace(n: int, votes: int = 5):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from krisenwissen.workspace.models import Membership, Role, Workspace

    workspace = Workspace.objects.create(
        name=f"Bench {n}", slug=f"bench-{n}", place=make_place(n, 50_000), votes_per_member=votes
    )
    user = get_user_model().objects.create_user(f"bench-{n}", f"bench-{n}@example.org", "x")
    Membership.objects.create(workspace=workspace, user=user, role=Role.MODERATOR)
    client = Client()
    client.force_login(user)
    return workspace, user, client


def fill_board(workspace, user, cards: int):
    from django.contrib.auth import get_user_model

    from krisenwissen.reflection.models import Card, Cluster, Column, Reflection, Vote
    from krisenwissen.reflection.services import create_reflection
    from krisenwissen.taxonomy.models import CrisisType, Lever

    rng = random.Random(cards)
    reflection = create_reflection(
        Reflection(
            workspace=workspace,
            title="Bench",
            crisis_type=CrisisType.objects.get(slug="hochwasser"),
            period_start=datetime.date(2024, 1, 1),
        )
    )
    board = reflection.boards.first()
    clusters = [Cluster.objects.create(board=board, title=f"Cluster {i}") for i in range(8)]
    levers = list(Lever.objects.all())
    created = Card.objects.bulk_create(
        Card(
            board=board,
            column=rng.choice(Column.values),
            text=f"Beitrag {i}: " + "Lage, Stab und Kommunikation. " * rng.randint(1, 6),
            cluster=rng.choice([None, *clusters]),
            author=user,
        )
        for i in range(cards)
    )
    through = Card.levers.through
    through.objects.bulk_create(
        through(card_id=card.pk, lever_id=lever.pk) for card in created for lever in rng.sample(levers, 2)
    )
    voters = [
        get_user_model().objects.create_user(f"bench-{workspace.slug}-voter-{v}", f"v{v}@example.org", "x")
        for v in range(10)
    ]
    Vote.objects.bulk_create(Vote(card=card, user=voter) for voter in voters for card in rng.sample(created, 5))
    return reflection, board


def fill_peers(count: int):
    from krisenwissen.assessment.models import Assessment, Indicator, Score
    from krisenwissen.workspace.models import Workspace

    rng = random.Random(count)
    indicators = list(Indicator.objects.all())
    for n in range(count):
        workspace = Workspace.objects.create(
            name=f"Bench Peer {n}",
            slug=f"bench-peer-{count}-{n}",
            place=make_place(100_000 + count * 1000 + n, rng.randint(2_000, 600_000)),
            peer_comparison_opt_in=True,
        )
        assessment = Assessment.objects.create(workspace=workspace, date=datetime.date(2025, 1, 1))
        Score.objects.bulk_create(
            Score(assessment=assessment, indicator=indicator, value=rng.randint(0, 5)) for indicator in indicators
        )


def own_assessment(workspace):
    from krisenwissen.assessment.models import Assessment, Indicator, Score

    assessment = Assessment.objects.create(workspace=workspace, date=datetime.date(2025, 2, 1))
    Score.objects.bulk_create(
        Score(assessment=assessment, indicator=indicator, value=(indicator.lever.number % 5))
        for indicator in Indicator.objects.select_related("lever")
    )
    return assessment


def _timed(client, path: str) -> float:
    start = time.perf_counter()
    client.get(path)
    return (time.perf_counter() - start) * 1000


def measure(client, path: str, repeat: int, baseline: str | None = None) -> dict:
    """Time ``path``; with ``baseline``, each request of ``path`` is paired with one of the baseline
    page right before it, so both see the same load of the shared machine (``× baseline``)."""
    from django.db import connection

    client.get(path)  # warm up
    timings, base_timings = [], []
    queries = []

    def count(execute, sql, params, many, context):
        # Django resets connection.queries at every request start, so count through a wrapper.
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    for _ in range(repeat):
        if baseline:
            base_timings.append(_timed(client, baseline))
        timings.append(_timed(client, path))
    tracemalloc.start()
    client.get(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
        "base_p50": statistics.median(base_timings) if base_timings else None,
        "queries": len(queries),
        "peak_mb": peak / 1024 / 1024,
        "bytes": len(response.content),
    }


def row(label: str, size: str, result: dict) -> str:
    ratio = f"{result['p50'] / result['base_p50']:.1f}×" if result["base_p50"] else "–"
    return (
        f"| {label:<34} | {size:>7} | {result['p50']:>8.1f} | {result['p95']:>8.1f} | {ratio:>10} | "
        f"{result['queries']:>7} | {result['peak_mb']:>8.1f} | {result['bytes'] / 1024:>8.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--peers", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", type=Path, default=WORK, help="SQLite file of the bench (default: %(default)s)")
    parser.add_argument("--no-assessment", action="store_true", help="measure only the reflection pages")
    args = parser.parse_args()
    setup_django(args.db)
    reset()
    from django.urls import reverse

    print(
        "| request                            |    size | p50 (ms) | p95 (ms) | × baseline "
        "| queries | peak MiB | KiB resp |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    try:
        for size in args.cards:
            workspace, user, client = signed_in_workspace(size)
            reflection, board = fill_board(workspace, user, size)
            kw = {"workspace": workspace.slug, "reflection": reflection.pk}
            list_url = reverse("workspace:reflection:list", kwargs={"workspace": workspace.slug})
            print(row("baseline: reflection list", f"{size}", measure(client, list_url, args.repeat)))
            pages = [
                ("board page", reverse("workspace:reflection:board", kwargs={**kw, "board": board.pk}), args.repeat),
                (
                    "board fingerprint (live refresh)",
                    reverse("workspace:reflection:board_state", kwargs={**kw, "board": board.pk}),
                    args.repeat,
                ),
                ("report PDF", reverse("workspace:reflection:export_pdf", kwargs=kw), max(3, args.repeat // 5)),
                ("report DOCX", reverse("workspace:reflection:export_docx", kwargs=kw), max(3, args.repeat // 5)),
            ]
            for label, path, repeat in pages:
                print(row(label, f"{size}", measure(client, path, repeat, baseline=list_url)), flush=True)
        if args.no_assessment:
            return
        previous = 0
        workspace, user, client = signed_in_workspace(999_999)
        assessment = own_assessment(workspace)
        path = reverse("workspace:assessment:detail", kwargs={"workspace": workspace.slug, "assessment": assessment.pk})
        overview = reverse("workspace:assessment:overview", kwargs={"workspace": workspace.slug})
        print(row("baseline: assessment overview", "-", measure(client, overview, args.repeat)))
        for size in sorted(args.peers):
            fill_peers(size - previous)
            previous = size
            print(
                row("results + peer comparison", f"{size}", measure(client, path, args.repeat, baseline=overview)),
                flush=True,
            )
    finally:
        reset()


if __name__ == "__main__":
    main()
