"""Search speed: query latency, indexing throughput and memory at 1k, 10k and 100k documents.

    .venv/bin/python bench/search_speed.py [--sizes 1000,10000,100000] [--rounds 3] [--write-docs]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kw_bench .venv/bin/python bench/search_speed.py

Every size runs in its own child process with a fresh test database, so peak memory is that of
one index. The scaled corpus is built from the 180 demo practices: document *i* takes the title and
summary of record *i mod 180* (numbered) and a body of sentences drawn from three records, so the
vocabulary and document lengths stay realistic while texts differ. Sentence embeddings are computed
once per distinct title+summary (180 texts) and reused, exactly as the indexer reuses the embedding of
an unchanged text; the model's own throughput is measured separately on those 180 texts.

Measured per size:

* indexing throughput: analysis + database insert (``SearchDocument`` rows with tokens), docs/s;
* cold start: building the in-memory index from the table (first query of a process);
* query latency p50/p95 over the development queries (``--rounds`` passes): the full search service
  (parse, expand, lexical + semantic scoring, fusion) plus titles and highlighted snippets of page 1;
* peak resident memory of the process and the size of the index arrays.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
QUERIES = BASE_DIR.parent / "shared" / "data" / "practices" / "queries-dev.jsonl"
CORPUS = BASE_DIR / "krisenwissen" / "practices" / "data" / "demo-practices.jsonl"
DOCS = BASE_DIR / "docs" / "search.md"
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")


def child(size: int, rounds: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krisenwissen.settings.test")
    os.environ.setdefault("TEST_SQLITE_PATH", str(BASE_DIR / "var" / f"bench-search-speed-{size}.sqlite3"))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    import numpy as np

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        from krisenwissen.practices.models import Practice
        from krisenwissen.search import embedding
        from krisenwissen.search.analysis import tokens
        from krisenwissen.search.engine import current_index, reset_index
        from krisenwissen.search.models import IndexChange, SearchDocument
        from krisenwissen.search.service import present, search

        records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
        sentences = [SENTENCE_RE.split(r["description"]) for r in records]
        # The model's throughput on distinct texts (what a real import of new texts costs).
        texts = [f"{r['title']}. {r['summary']} {', '.join(r.get('keywords') or [])}" for r in records]
        started = time.perf_counter()
        vectors = embedding.encode(texts)
        embed_rate = len(texts) / (time.perf_counter() - started)
        vector_bytes = [embedding.to_bytes(v) for v in vectors] if vectors is not None else [b""] * len(texts)
        keys = [embedding.embedding_key(t) for t in texts]

        content_type = ContentType.objects.get_for_model(Practice)
        rng = random.Random(size)
        started = time.perf_counter()
        batch = []
        for i in range(size):
            r = records[i % len(records)]
            others = [
                sentences[i % len(records)],
                sentences[rng.randrange(len(records))],
                sentences[rng.randrange(len(records))],
            ]
            body = " ".join(rng.choice(group) for group in others for _ in range(3))
            fields = {
                "title": f"{r['title']} ({i // len(records) + 1})",
                "summary": r["summary"],
                "body": f"{body}\n\n{r['lessons_learned']}",
                "keywords": "\n".join(r.get("keywords") or []),
                "place": r["municipality"]["name"],
            }
            batch.append(
                SearchDocument(
                    content_type=content_type,
                    object_id=i + 1,
                    kind="practice",
                    language=r["language"],
                    external_id=f"{r['id']}-{i}",
                    title=fields["title"],
                    url=f"/praxisbeispiele/bench-{i}/",
                    summary=r["summary"],
                    body=fields["body"],
                    tokens={name: " ".join(tokens(text)) for name, text in fields.items() if text},
                    embedding=vector_bytes[i % len(records)],
                    embedding_key=keys[i % len(records)],
                )
            )
            if len(batch) == 1000:
                SearchDocument.objects.bulk_create(batch)
                batch = []
        if batch:
            SearchDocument.objects.bulk_create(batch)
        IndexChange.objects.create(rebuild=True)
        index_rate = size / (time.perf_counter() - started)

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        reset_index()
        if os.environ.get("SEARCH_BENCH_PROFILE") == "build":
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            current_index()
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(15)
            reset_index()
        started = time.perf_counter()
        index = current_index()
        cold = time.perf_counter() - started
        arrays = index.base.post_rows.nbytes + index.base.post_sat.nbytes + index.base.offsets.nbytes
        embedding_bytes = index.base.embeddings.nbytes if index.base.embeddings is not None else 0

        queries = [json.loads(line)["query"] for line in QUERIES.read_text(encoding="utf-8").splitlines() if line]
        for q in queries:  # one untimed pass: model, BLAS and memory warm-up
            present(response := search(q), response.ranked.hits(0, 10))
        timings = []
        slowest: list[tuple[float, str]] = []
        cpu_timings: list[float] = []
        for _round in range(rounds):
            for q in queries:
                embedding.encode_query.cache_clear()  # measure the model on every query, not the cache
                started = time.perf_counter()
                cpu_started = time.process_time()
                response = search(q)
                present(response, response.ranked.hits(0, 10))
                timings.append((time.perf_counter() - started) * 1000)
                cpu_timings.append((time.process_time() - cpu_started) * 1000)
                slowest.append((timings[-1], q))
        if os.environ.get("SEARCH_BENCH_PROFILE") == "query":
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for q in queries:
                embedding.encode_query.cache_clear()
                present(response := search(q), response.ranked.hits(0, 10))
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
        if os.environ.get("SEARCH_BENCH_PROFILE"):
            for ms, q in sorted(slowest, reverse=True)[:8]:
                print(f"{ms:7.1f} ms  {q}", file=sys.stderr)
        timings.sort()
        return {
            "vendor": connection.vendor,
            "size": size,
            "queries": len(timings),
            "p50_ms": statistics.median(timings),
            "p95_ms": float(np.percentile(timings, 95)),
            "max_ms": timings[-1],
            "cpu_p50_ms": statistics.median(cpu_timings),
            "cpu_p95_ms": float(np.percentile(cpu_timings, 95)),
            "load_average": os.getloadavg()[0],
            "index_docs_per_s": index_rate,
            "embed_docs_per_s": embed_rate,
            "cold_start_s": cold,
            "postings_mb": arrays / 2**20,
            "embeddings_mb": embedding_bytes / 2**20,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_before_index_mb": rss_before,
        }
    finally:
        teardown_databases(old_config, verbosity=0)


def table(results: list[dict]) -> str:
    vendor = results[0]["vendor"]
    lines = [
        f"Database: **{vendor}**; {results[0]['queries']} timed queries per size (the development queries, "
        "full service incl. snippets of page 1), one process, warm index.",
        "",
        "| Documents | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms | Indexing docs/s | Embedding docs/s "
        "| Cold start s | Postings MB | Embeddings MB | Peak RSS MB | Load avg |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['size']:,} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['max_ms']:.1f} "
            f"| {r['cpu_p50_ms']:.1f} | {r['cpu_p95_ms']:.1f} "
            f"| {r['index_docs_per_s']:,.0f} | {r['embed_docs_per_s']:.0f} | {r['cold_start_s']:.1f} "
            f"| {r['postings_mb']:.1f} | {r['embeddings_mb']:.1f} | {r['peak_rss_mb']:.0f} | {r['load_average']:.1f} |"
        )
    by_size = {r["size"]: r for r in results}
    if 10_000 in by_size and 100_000 in by_size:
        growth = by_size[100_000]["p95_ms"] / by_size[10_000]["p95_ms"]
        cpu_growth = by_size[100_000]["cpu_p95_ms"] / by_size[10_000]["cpu_p95_ms"]
        lines += ["", f"p95 growth 10k → 100k: {growth:.2f}× wall clock, {cpu_growth:.2f}× CPU time"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.rounds)))
        return
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        started = time.monotonic()
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--rounds", str(args.rounds)],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode:
            print(out.stderr[-3000:], file=sys.stderr)
            raise SystemExit(out.returncode)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(result)
        print(
            f"{size:>7,} docs: p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms "
            f"({time.monotonic() - started:.0f} s)",
            file=sys.stderr,
        )
    text = table(results)
    print(text)
    if args.write_docs and DOCS.exists():
        marker = f"speed:{results[0]['vendor']}"
        content = DOCS.read_text(encoding="utf-8")
        start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
        if start in content and end in content:
            before, rest = content.split(start, 1)
            after = rest.split(end, 1)[1]
            DOCS.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
