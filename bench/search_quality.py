"""Search relevance on the development queries: this search against Wagtail's default backend.

    .venv/bin/python bench/search_quality.py [--queries PATH] [--verbose] [--write-docs]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kw_bench .venv/bin/python bench/search_quality.py

Creates a fresh test database (SQLite under ``var/``, or a ``test_…`` database next to the one in
``DATABASE_URL``), loads the taxonomy, the municipality registry and the 180 demo practices, then
runs every query

(a) through ``GET /api/v1/search`` (Django's test client), and
(b) through ``Practice.objects.public().search(q)`` with Wagtail's default database backend
    (FTS5 on SQLite, ``tsvector`` on PostgreSQL), its index built with ``update_index``,

and prints nDCG@10 (gain 2^grade − 1, log2 discount), recall@10 and MRR, overall and per kind of
query. ``--write-docs`` puts the tables into ``docs/search.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
DEFAULT_QUERIES = BASE_DIR.parent / "shared" / "data" / "practices" / "queries-dev.jsonl"
DOCS = BASE_DIR / "docs" / "search.md"
KINDS = ("keyword", "morphology", "compound", "synonym", "abbreviation", "crosslingual", "typo", "natural", "multi")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krisenwissen.settings.test")
os.environ.setdefault("TEST_SQLITE_PATH", str(BASE_DIR / "var" / "bench-search-quality.sqlite3"))
os.environ.setdefault("LOG_LEVEL", "WARNING")


def ndcg_at(ranked: list[str], judgments: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** judgments.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted(judgments.values(), reverse=True)[:k]
    idcg = sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], judgments: dict[str, int], k: int = 10) -> float:
    relevant = {doc for doc, grade in judgments.items() if grade > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], judgments: dict[str, int]) -> float:
    for i, doc in enumerate(ranked):
        if judgments.get(doc, 0) > 0:
            return 1 / (i + 1)
    return 0.0


def evaluate(queries: list[dict], run) -> dict:
    per_query = []
    for query in queries:
        ranked = run(query["query"])
        per_query.append(
            {
                "id": query["id"],
                "kind": query["kind"],
                "query": query["query"],
                "ranked": ranked,
                "ndcg": ndcg_at(ranked, query["judgments"]),
                "recall": recall_at(ranked, query["judgments"]),
                "rr": reciprocal_rank(ranked, query["judgments"]),
            }
        )
    return {"queries": per_query}


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def summary_table(results: dict[str, dict], vendor: str) -> str:
    names = list(results)
    lines = [
        f"Database: **{vendor}**, {len(results[names[0]]['queries'])} queries.",
        "",
        "| Kind | Queries | " + " | ".join(f"nDCG@10 {n} | R@10 {n} | MRR {n}" for n in names) + " |",
        "|---|---:|" + "---:|" * (3 * len(names)),
    ]
    for kind in (*KINDS, "all"):
        cells = []
        count = 0
        for name in names:
            rows = [q for q in results[name]["queries"] if kind == "all" or q["kind"] == kind]
            count = len(rows)
            cells += [f"{mean(q['ndcg'] for q in rows):.3f}", f"{mean(q['recall'] for q in rows):.3f}"]
            cells.append(f"{mean(q['rr'] for q in rows):.3f}")
        if count:
            label = "**all**" if kind == "all" else kind
            lines.append(f"| {label} | {count} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_docs(marker: str, text: str) -> None:
    if not DOCS.exists():
        return
    content = DOCS.read_text(encoding="utf-8")
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    if start not in content or end not in content:
        return
    before, rest = content.split(start, 1)
    _old, after = rest.split(end, 1)
    DOCS.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", default=str(DEFAULT_QUERIES))
    parser.add_argument("--verbose", action="store_true", help="print every query with its top results")
    parser.add_argument("--write-docs", action="store_true", help="write the table into docs/search.md")
    parser.add_argument("--keepdb", action="store_true", help="reuse the database of the last run (faster tuning)")
    parser.add_argument("--reindex", action="store_true", help="rebuild the search index before measuring")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_databases, teardown_databases

    queries = [json.loads(line) for line in Path(args.queries).read_text(encoding="utf-8").splitlines() if line]
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=args.keepdb)
    try:
        from wagtail.search.backends import get_search_backend

        from krisenwissen.places.registry import load_registry
        from krisenwissen.practices.importers import DEMO_FILE, import_practices
        from krisenwissen.practices.models import Practice
        from krisenwissen.taxonomy.services import load_taxonomy

        started = time.monotonic()
        if not (args.keepdb and Practice.objects.public().count() >= 180):
            load_taxonomy()
            load_registry()
            print(f"Reference data loaded in {time.monotonic() - started:.1f} s.")
            import_practices(DEMO_FILE, is_demo=True)
            print(f"Practices imported and indexed in {time.monotonic() - started:.1f} s.")
            call_command("update_index", verbosity=0)
        if args.reindex:
            from krisenwissen.search.indexing import rebuild

            rebuild()
        print(f"Corpus ready after {time.monotonic() - started:.1f} s ({connection.vendor}).")
        backend = get_search_backend()

        client = Client()

        def ours(q: str) -> list[str]:
            response = client.get("/api/v1/search", {"q": q, "limit": 10})
            assert response.status_code == 200, response.content
            return [r["external_id"] for r in response.json()["results"]]

        def wagtail_default(q: str) -> list[str]:
            # What ``Practice.objects.public().search(q)`` does with a searchable queryset.
            return [p.external_id for p in backend.search(q, Practice.objects.public())[:10]]

        results = {"Krisenwissen": evaluate(queries, ours), "Wagtail default": evaluate(queries, wagtail_default)}
        table = summary_table(results, connection.vendor)
        print()
        print(table)
        ours_ndcg = mean(q["ndcg"] for q in results["Krisenwissen"]["queries"])
        base_ndcg = mean(q["ndcg"] for q in results["Wagtail default"]["queries"])
        print()
        print(f"nDCG@10: {ours_ndcg:.3f} vs {base_ndcg:.3f} (difference {ours_ndcg - base_ndcg:+.3f})")
        if args.verbose:
            judgments = {q["id"]: q["judgments"] for q in queries}
            for q in results["Krisenwissen"]["queries"]:
                marks = " ".join(f"{doc}:{judgments[q['id']].get(doc, 0)}" for doc in q["ranked"])
                print(f"{q['id']} {q['kind']:<12} nDCG {q['ndcg']:.2f} | {q['query']} | {marks}")
        if args.write_docs:
            write_docs(f"quality:{connection.vendor}", table)
    finally:
        if not args.keepdb:
            teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
