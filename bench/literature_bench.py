"""Literature import and list speed: the four real corpus files, a synthetic 50k BibTeX file, the list.

    .venv/bin/python bench/literature_bench.py [--synthetic 50000] [--requests 60]

Every measurement runs in a child process on its own copy of a migrated SQLite database under
``var/bench/`` (created once with ``migrate``), so peak memory (``ru_maxrss`` of the child) and
time belong to that import alone. Steps:

1. each real file into an empty database (time, peak RSS, created / duplicates / invalid);
2. the overlap: CSL-JSON first, then each other format as a dry run against it (duplicates found);
3. a synthetic BibTeX file of N records (``--synthetic``) into an empty database, and 5k of the
   same generator for the linearity ratio;
4. in the 50k database: list page p50/p95 with two facets (type + language, and year + theme),
   next to a static file served by WhiteNoise in the same process (the baseline).

Prints Markdown tables; docs/literature.md has the numbers of the last run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "var" / "bench"
TEMPLATE_DB = BENCH_DIR / "literature-template.sqlite3"
DATA_DIR = BASE_DIR / "krisenwissen" / "literature" / "data"
REAL_FILES = [
    ("CCCSL_Library_Of_Sources.json", "csl-json"),
    ("CCCSL_Library_of_Sources.bib", "bibtex"),
    ("CCCSL_Library_of_Sources.ris", "ris"),
    ("CCCSL_Library_of_Sources.csv", "csv"),
]


def env_for(db: Path) -> dict:
    env = dict(os.environ)
    env.update(
        SQLITE_PATH=str(db),
        DJANGO_SETTINGS_MODULE="krisenwissen.settings.dev",
        PYTHONPATH=str(BASE_DIR),
        SEARCH_EMBEDDINGS_BENCH="1",
    )
    return env


def fresh_db(name: str) -> Path:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if not TEMPLATE_DB.exists():
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=BASE_DIR, env=env_for(TEMPLATE_DB), check=True
        )
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup(); "
                "from krisenwissen.taxonomy.services import load_taxonomy; load_taxonomy()",
            ],
            cwd=BASE_DIR,
            env=env_for(TEMPLATE_DB),
            check=True,
        )
    db = BENCH_DIR / f"literature-{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copy(TEMPLATE_DB, db)
    return db


def child(db: Path, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        stderr=None,
        cwd=BASE_DIR,
        env=env_for(db),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- Child side ------------------------------------------------------------------------------------


def child_import(path: str, fmt: str, dry_run: str, index: str = "1") -> dict:
    import django

    django.setup()
    from krisenwissen.literature.formats import decode
    from krisenwissen.literature.importers import analyse_text, commit, index_records, preview_report
    from krisenwissen.literature.models import Literature

    started = time.perf_counter()
    text = decode(Path(path).read_bytes())
    analysis = analyse_text(text, fmt, filename=Path(path).name)
    parsed = time.perf_counter() - started
    index_seconds = 0.0
    if dry_run == "1":
        report = preview_report(analysis)
    else:
        report = commit(analysis, duplicate_action="skip", source=Path(path).name, index=False)
    seconds = time.perf_counter() - started
    if dry_run != "1" and index == "1":
        index_started = time.perf_counter()
        index_records(list(Literature.objects.values_list("pk", flat=True)))
        index_seconds = time.perf_counter() - index_started
    return {
        "seconds": round(seconds, 2),
        "index_seconds": round(index_seconds, 2),
        "parse_analyse": round(parsed, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "records": len(analysis.new) + len(analysis.duplicates),
        "new": report.new,
        "duplicates": report.duplicates,
        "invalid": report.invalid,
        "created": report.created,
    }


def child_list(requests: int) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from krisenwissen.literature.models import Literature
    from krisenwissen.taxonomy.models import Theme

    # Measure the view, not the anonymous page cache in front of it (a hit costs < 1 ms).
    settings.PAGE_CACHE_SECONDS = 0
    client = Client()
    theme = Theme.objects.first()
    queries = [
        "/literatur/?type=report&language=de",
        f"/literatur/?year=2019&themes={theme.slug}",
        "/literatur/?type=article-journal&language=en&sort=title&page=3",
    ]
    client.get(queries[0], HTTP_HOST="localhost")  # builds the index once

    def measure(path: str) -> list[float]:
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(path, HTTP_HOST="localhost")
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        return times

    rows = {}
    for path in queries:
        rows[path] = measure(path)
    rows["static: /static/css/literature.css"] = measure("/static/css/literature.css")
    result = {"records": Literature.objects.public().count()}
    for name, times in rows.items():
        times.sort()
        result[name] = {
            "p50": round(statistics.median(times), 1),
            "p95": round(times[int(0.95 * (len(times) - 1))], 1),
        }
    return result


# --- Synthetic data --------------------------------------------------------------------------------

WORDS = [
    "Krisenstab",
    "Hochwasser",
    "Pandemie",
    "Kommune",
    "Evakuierung",
    "Warnung",
    "Bevölkerung",
    "Resilienz",
    "Hitze",
    "Stromausfall",
    "Kommunikation",
    "Ehrenamt",
    "Pflege",
    "Schule",
    "Verwaltung",
    "Lagebild",
    "Koordination",
    "Vorsorge",
    "Nachbereitung",
    "Netzwerk",
    "crisis",
    "municipal",
    "response",
    "public",
    "health",
    "communication",
    "vulnerable",
    "groups",
    "heat",
    "flood",
    "risk",
    "governance",
]
TYPES = ("article", "book", "incollection", "report", "online", "misc", "thesis", "inproceedings")
LANGS = ("de", "en", "fr", "nl", "pl")


def synthetic_bibtex(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize() + f" {i}"
        authors = " and ".join(
            f"{rng.choice(WORDS).capitalize()}{rng.randint(1, 999)}, {rng.choice('ABCDEFGHJKLMN')}." for _ in range(3)
        )
        if i % 7 == 0:
            authors = "{Bundesamt für Bevölkerungsschutz und Katastrophenhilfe}"
        fields = [
            f"title = {{{title}}}",
            f"author = {{{authors}}}",
            f"year = {{{rng.randint(1995, 2025)}}}",
            f"langid = {{{rng.choice(LANGS)}}}",
            f'journal = {{Zeitschrift f{{\\"u}}r {rng.choice(WORDS)}}}',
            f"abstract = {{{' '.join(rng.choice(WORDS) for _ in range(40))}}}",
            f"keywords = {{{rng.choice(WORDS)}, {rng.choice(WORDS)}}}",
        ]
        if i % 3 == 0:
            fields.append(f"doi = {{10.5555/syn.{i}}}")
        if i % 5 == 0:
            fields.append(f"url = {{https://example.org/lit/{i}}}")
        entries.append(f"@{rng.choice(TYPES)}{{syn{i},\n  " + ",\n  ".join(fields) + "\n}\n")
    return "\n".join(entries)


# --- Parent ------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--list-only", action="store_true", help="only the list, on the existing 50k database")
    parser.add_argument("--skip-real", action="store_true", help="only the synthetic file and the list")
    parser.add_argument("--child", nargs="*")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = child_import(*rest) if kind == "import" else child_list(int(rest[0]))
        print(json.dumps(result))
        return

    if args.list_only:
        list_table(args)
        return
    if not args.skip_real:
        real_corpus()
    synthetic_and_list(args)


def real_corpus() -> None:
    print("## Import of the real corpus (each file into an empty database)\n")
    print("Baseline: the CSL-JSON file, the platform's own format (json.loads, no conversion), in the same run.\n")
    print(
        "| file | format | entries | new | duplicates in file | invalid | import (s) | of which parse+check (s) "
        "| search indexing (s) | peak RSS (MB) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, fmt in REAL_FILES:
        db = fresh_db("real")
        r = child(db, "import", str(DATA_DIR / name), fmt, "0")
        print(
            f"| {name} | {fmt} | {r['records'] + r['invalid']} | {r['created']} | {r['duplicates']} | "
            f"{r['invalid']} | {r['seconds']} | {r['parse_analyse']} | {r['index_seconds']} | {r['peak_mb']} |",
            flush=True,
        )

    print("\n## Overlap: CSL-JSON imported first, then each other format checked against it\n")
    db = fresh_db("overlap")
    first = child(db, "import", str(DATA_DIR / REAL_FILES[0][0]), "csl-json", "0", "0")
    print(f"CSL-JSON imported: {first['created']} records.\n")
    print("| second file | records read | duplicates found | new | invalid |")
    print("|---|---:|---:|---:|---:|")
    for name, fmt in REAL_FILES[1:]:
        r = child(db, "import", str(DATA_DIR / name), fmt, "1")
        print(f"| {name} | {r['records']} | {r['duplicates']} | {r['new']} | {r['invalid']} |", flush=True)


def synthetic_and_list(args) -> None:
    print("\n## Synthetic BibTeX\n")
    print("| records | file (MB) | import (s), without search indexing | of which parse+check (s) | peak RSS (MB) |")
    print("|---:|---:|---:|---:|---:|")
    timings = {}
    for n in (5000, args.synthetic):
        path = BENCH_DIR / f"synthetic-{n}.bib"
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(synthetic_bibtex(n), encoding="utf-8")
        db = fresh_db(f"syn{n}")
        r = child(db, "import", str(path), "bibtex", "0", "0")
        timings[n] = r["seconds"]
        print(
            f"| {n} | {path.stat().st_size / 1048576:.1f} | {r['seconds']} | {r['parse_analyse']} | {r['peak_mb']} |",
            flush=True,
        )
    if 5000 in timings and args.synthetic in timings and timings[5000]:
        print(
            f"\nRatio {args.synthetic}/5000: {timings[args.synthetic] / timings[5000]:.1f}× "
            f"(for {args.synthetic / 5000:.0f}× the records)"
        )

    list_table(args)


def list_table(args) -> None:
    print(f"\n## List page at {args.synthetic} records ({args.requests} requests each, in-process client)\n")
    r = child(BENCH_DIR / f"literature-syn{args.synthetic}.sqlite3", "list", str(args.requests))
    print(f"{r.pop('records')} published records\n")
    print("| request | p50 (ms) | p95 (ms) |")
    print("|---|---:|---:|")
    for name, stats in r.items():
        print(f"| {name} | {stats['p50']} | {stats['p95']} |")


if __name__ == "__main__":
    main()
