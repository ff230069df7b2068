"""Search speed: query latency and CPU, cold start, indexing throughput and memory at 1k/10k/100k documents.

    .venv/bin/python bench/search_speed.py [--sizes 1000,10000,100000] [--rounds 3] [--write-docs]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kw_bench .venv/bin/python bench/search_speed.py

Every measurement runs in its own child process (so peak memory and cold start are those of one
fresh worker), against one test database per size that the first child fills and the last one
drops. The scaled corpus is built from the 180 demo practices: document *i* takes the title and
summary of record *i mod 180* (numbered) and a body of sentences drawn from three records, so the
vocabulary and document lengths stay realistic while texts differ. Sentence embeddings are computed
once per distinct text (180) and reused, exactly as the indexer reuses the embedding of an
unchanged text.

Per size, four children (and a fifth to drop the database):

* ``fill``: fills the database if needed (*insert docs/s*: analysis + ``SearchDocument`` insert);
* ``build``: builds the index from the table without a snapshot (*cold start without snapshot*, *build peak
  RSS*) and writes the snapshot;
* ``current``: a fresh process that loads the snapshot (*cold start with snapshot*) and times the
  development queries (``--rounds`` passes): the full service, i.e. parse, expand, lexical and
  semantic scoring, fusion, plus titles and highlighted snippets of page 1, the query-embedding
  cache cleared before every query; wall clock and the process's CPU time (``time.process_time``,
  steady on a shared machine);
* ``baseline``: the same in a fresh process with the engine as it was before this optimisation
  (``git show BASELINE_COMMIT:krisenwissen/search/{engine,service}.py``, dense per-term arrays,
  stable sorts, exact float32 semantic scoring of every document, one-pass build, no snapshot);
* at the smallest size also ``indexing``: 2,000 extra documents of another registered content type
  indexed through the real adapter path (``indexing.index_model``), with the sentence embeddings
  computed (new texts) and without them (lexical only), in docs/s.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
QUERIES = BASE_DIR.parent / "shared" / "data" / "practices" / "queries-dev.jsonl"
CORPUS = BASE_DIR / "krisenwissen" / "practices" / "data" / "demo-practices.jsonl"
DOCS = BASE_DIR / "docs" / "search.md"
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
#: The search engine before the scaling work (dense scoring, one-pass build, no snapshots).
BASELINE_COMMIT = "e376dbf"
EXTRA_DOCUMENTS = 2000


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _setup(size: int):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krisenwissen.settings.test")
    os.environ.setdefault("TEST_SQLITE_PATH", str(BASE_DIR / "var" / f"bench-search-speed-{size}.sqlite3"))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.SEARCH_BACKGROUND_BUILD = False  # the bench measures the build itself
    settings.SEARCH_WARM_UP = False
    settings.SEARCH_SNAPSHOT_DIR = str(BASE_DIR / "var" / "bench-search-index")


def _records() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]


def _populate(size: int) -> float | None:
    """Fill the table with ``size`` scaled documents unless it holds them already; docs/s or None."""
    from django.contrib.contenttypes.models import ContentType

    from krisenwissen.practices.models import Practice
    from krisenwissen.search import embedding
    from krisenwissen.search.analysis import tokens
    from krisenwissen.search.models import IndexChange, SearchDocument

    if SearchDocument.objects.filter(kind="practice").count() == size:
        return None
    SearchDocument.objects.all().delete()
    records = _records()
    sentences = [SENTENCE_RE.split(r["description"]) for r in records]
    texts = [f"{r['title']}. {r['summary']} {', '.join(r.get('keywords') or [])}" for r in records]
    vectors = embedding.encode(texts)
    vector_bytes = [embedding.to_bytes(v) for v in vectors] if vectors is not None else [b""] * len(texts)
    keys = [embedding.embedding_key(t) for t in texts]
    content_type = ContentType.objects.get_for_model(Practice)
    rng = random.Random(size)
    started = time.perf_counter()
    batch = []
    for i in range(size):
        r = records[i % len(records)]
        others = [sentences[i % len(records)], sentences[rng.randrange(len(records))]]
        others.append(sentences[rng.randrange(len(records))])
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
    return size / (time.perf_counter() - started)


def _time_queries(search, present, rounds: int) -> dict:
    import numpy as np

    from krisenwissen.search import embedding

    queries = [json.loads(line)["query"] for line in QUERIES.read_text(encoding="utf-8").splitlines() if line]
    for q in queries:  # one untimed pass: model, BLAS and memory warm-up
        response = search(q)
        present(response, response.ranked.hits(0, 10))
    timings, cpu = [], []
    for _round in range(rounds):
        for q in queries:
            embedding.encode_query.cache_clear()  # measure the model on every query, not the cache
            started, cpu_started = time.perf_counter(), time.process_time()
            response = search(q)
            present(response, response.ranked.hits(0, 10))
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
    return {
        "queries": len(timings),
        "p50_ms": statistics.median(timings),
        "p95_ms": float(np.percentile(timings, 95)),
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p95_ms": float(np.percentile(cpu, 95)),
        "cpu_mean_ms": statistics.fmean(cpu),
    }


def _load_baseline():
    """The engine and service of :data:`BASELINE_COMMIT`, importable next to the current ones."""
    directory = Path(tempfile.mkdtemp(prefix="kw-search-baseline-"))
    for name in ("engine", "service"):
        source = subprocess.run(
            ["git", "show", f"{BASELINE_COMMIT}:krisenwissen/search/{name}.py"],  # noqa: S607
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        (directory / f"{name}.py").write_text(source, encoding="utf-8")
    for name in ("analysis", "compounds", "embedding", "models", "query", "registry", "snippets", "thesaurus"):
        (directory / f"{name}.py").write_text(f"from krisenwissen.search.{name} import *  # noqa\n", encoding="utf-8")
    package = types.ModuleType("kw_search_baseline")
    package.__path__ = [str(directory)]
    sys.modules["kw_search_baseline"] = package
    return importlib.import_module("kw_search_baseline.engine"), importlib.import_module("kw_search_baseline.service")


def child(size: int, mode: str, rounds: int) -> dict:
    _setup(size)
    from django.db import connection
    from django.test.utils import setup_databases

    setup_databases(verbosity=0, interactive=False, keepdb=True, serialized_aliases=set())
    result = {"vendor": connection.vendor, "size": size, "mode": mode, "load_average": os.getloadavg()[0]}
    rss_start = _peak_rss_mb()
    if mode == "fill":
        result["insert_docs_per_s"] = _populate(size)
    elif mode == "build":
        import shutil

        from krisenwissen.search import engine, snapshot

        shutil.rmtree(snapshot.root(), ignore_errors=True)
        started = time.perf_counter()
        index = engine.build_full(save=False)
        result["cold_no_snapshot_s"] = time.perf_counter() - started
        result["build_peak_rss_mb"] = _peak_rss_mb()
        result["build_extra_rss_mb"] = _peak_rss_mb() - rss_start
        started = time.perf_counter()
        snapshot.save(index.journal, index.base, index.kind_codes)
        result["snapshot_write_s"] = time.perf_counter() - started
        result["postings_mb"] = index.base.nbytes_postings / 2**20
        result["embeddings_mb"] = index.base.nbytes_embeddings / 2**20
    elif mode == "current":
        from krisenwissen.search import engine
        from krisenwissen.search.service import present, search

        started = time.perf_counter()
        index = engine.current_index()
        result["cold_snapshot_s"] = time.perf_counter() - started
        result["from_snapshot"] = type(index.base.post_rows).__name__ == "memmap"
        result.update(_time_queries(search, present, rounds))
        result["peak_rss_mb"] = _peak_rss_mb()
    elif mode == "baseline":
        old_engine, old_service = _load_baseline()
        started = time.perf_counter()
        old_engine.current_index()
        result["cold_s"] = time.perf_counter() - started
        result["build_extra_rss_mb"] = _peak_rss_mb() - rss_start
        result.update(_time_queries(old_service.search, old_service.present, rounds))
        result["peak_rss_mb"] = _peak_rss_mb()
    elif mode == "indexing":
        result.update(_indexing())
    return result


def _indexing() -> dict:
    """Another content type (themes stand in for literature records) indexed through the adapter path."""
    from django.conf import settings

    from krisenwissen.search import embedding, indexing
    from krisenwissen.search.models import SearchDocument
    from krisenwissen.search.registry import SearchAdapter, register
    from krisenwissen.taxonomy.models import Theme

    records = _records()
    register(
        Theme,
        SearchAdapter(
            kind="bench-extra",
            label="Extra",
            label_plural="Extras",
            fields={"title": lambda t: t.name_de, "summary": lambda t: t.description_de},
            public_queryset=lambda: Theme.objects.filter(slug__startswith="bench-extra-"),
            is_public=lambda t: True,
            url=lambda t: f"/extra/{t.slug}/",
            title=lambda t: t.name_de,
            summary=lambda t: t.description_de,
        ),
    )
    out = {}
    for label, with_embeddings in (("lexical", False), ("embedded", True)):
        SearchDocument.objects.filter(kind="bench-extra").delete()
        Theme.objects.filter(slug__startswith="bench-extra-").delete()
        Theme.objects.bulk_create(
            Theme(
                slug=f"bench-extra-{label}-{i}",
                name_de=f"{records[i % len(records)]['title']} – {label} {i}"[:200],
                description_de=f"{records[i % len(records)]['summary']} ({label} {i})",
            )
            for i in range(EXTRA_DOCUMENTS)
        )
        settings.SEARCH_EMBEDDINGS = with_embeddings
        started, cpu_started = time.perf_counter(), time.process_time()
        count, _ids = indexing.index_model(Theme)
        out[f"{label}_docs_per_s"] = count / (time.perf_counter() - started)
        out[f"{label}_cpu_docs_per_s"] = count / (time.process_time() - cpu_started)
        out["extra_documents"] = count
    out["embedding_available"] = embedding.enabled()
    SearchDocument.objects.filter(kind="bench-extra").delete()
    Theme.objects.filter(slug__startswith="bench-extra-").delete()
    return out


def drop(size: int) -> None:
    _setup(size)
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    config = setup_databases(verbosity=0, interactive=False, keepdb=True, serialized_aliases=set())
    connection.close()
    teardown_databases(config, verbosity=0)


def _run(size: int, mode: str, rounds: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(size), "--mode", mode, "--rounds", str(rounds)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        print(out.stderr[-3000:], file=sys.stderr)
        raise SystemExit(out.returncode)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def tables(rows: list[dict], extra: dict | None) -> str:
    vendor = rows[0]["vendor"]
    queries = rows[0]["current"]["queries"]
    lines = [
        f"Database: **{vendor}**; {queries} timed queries per size and engine (the development queries, full "
        "service incl. snippets of page 1), each engine in a fresh process; load average "
        + ", ".join(f"{r['current']['load_average']:.1f}" for r in rows)
        + " at the start of the timed runs.",
        "",
        "| Documents | Engine | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms | CPU mean ms | Cold start s | Peak RSS MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        b, c, build = r["baseline"], r["current"], r["build"]
        lines.append(
            f"| {r['size']:,} | baseline | {b['p50_ms']:.1f} | {b['p95_ms']:.1f} | {b['cpu_p50_ms']:.1f} "
            f"| {b['cpu_p95_ms']:.1f} | {b['cpu_mean_ms']:.1f} | {b['cold_s']:.1f} (build) | {b['peak_rss_mb']:.0f} |"
        )
        lines.append(
            f"| {r['size']:,} | **current** | {c['p50_ms']:.1f} | {c['p95_ms']:.1f} | {c['cpu_p50_ms']:.1f} "
            f"| {c['cpu_p95_ms']:.1f} | {c['cpu_mean_ms']:.1f} | {c['cold_snapshot_s']:.2f} (snapshot), "
            f"{build['cold_no_snapshot_s']:.1f} (build) "
            f"| {c['peak_rss_mb']:.0f} (build: {build['build_peak_rss_mb']:.0f}) |"
        )
    by_size = {r["size"]: r for r in rows}
    if 10_000 in by_size and 100_000 in by_size:
        lines.append("")
        lines.append("| Growth 10k → 100k | p95 wall | CPU p95 | CPU mean |")
        lines.append("|---|---:|---:|---:|")
        for engine in ("baseline", "current"):
            small, big = by_size[10_000][engine], by_size[100_000][engine]
            lines.append(
                f"| {engine} | {_ratio(big['p95_ms'], small['p95_ms'])} "
                f"| {_ratio(big['cpu_p95_ms'], small['cpu_p95_ms'])} "
                f"| {_ratio(big['cpu_mean_ms'], small['cpu_mean_ms'])} |"
            )
    lines += [
        "",
        "| Documents | Insert docs/s | Build s (no snapshot) | Snapshot write s | Snapshot load s "
        "| Build extra RSS MB (baseline → current) | Postings MB | Embeddings MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        build, c, b = r["build"], r["current"], r["baseline"]
        fill = r["fill"]
        insert = f"{fill['insert_docs_per_s']:,.0f}" if fill.get("insert_docs_per_s") else "(reused)"
        lines.append(
            f"| {r['size']:,} | {insert} | {build['cold_no_snapshot_s']:.1f} | {build['snapshot_write_s']:.1f} "
            f"| {c['cold_snapshot_s']:.2f} | {b['build_extra_rss_mb']:.0f} → {build['build_extra_rss_mb']:.0f} "
            f"| {build['postings_mb']:.1f} | {build['embeddings_mb']:.1f} |"
        )
    if extra:
        lines += [
            "",
            f"Indexing {extra['extra_documents']:,} documents of another registered type through the adapter path "
            f"(`indexing.index_model`): **{extra['lexical_docs_per_s']:,.0f} docs/s** lexical only "
            f"({extra['lexical_cpu_docs_per_s']:,.0f} per CPU second), **{extra['embedded_docs_per_s']:,.0f} docs/s** "
            f"with new sentence embeddings ({extra['embedded_cpu_docs_per_s']:,.0f} per CPU second).",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="current", help=argparse.SUPPRESS)
    parser.add_argument("--keep-databases", action="store_true", help="keep the filled test databases")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if args.child:
        if args.mode == "drop":
            drop(args.child)
            print("{}")
            return
        print(json.dumps(child(args.child, args.mode, args.rounds)))
        return
    rows, extra = [], None
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        started = time.monotonic()
        row = {"size": size}
        for mode in ("fill", "build", "current", "baseline"):
            row[mode] = _run(size, mode, args.rounds)
        if size == sizes[0]:
            extra = _run(size, "indexing", args.rounds)
        if not args.keep_databases:
            _run(size, "drop", args.rounds)
        row["vendor"] = row["current"]["vendor"]
        rows.append(row)
        print(
            f"{size:>7,} docs: p95 {row['baseline']['p95_ms']:.1f} → {row['current']['p95_ms']:.1f} ms, "
            f"CPU p95 {row['baseline']['cpu_p95_ms']:.1f} → {row['current']['cpu_p95_ms']:.1f} ms "
            f"({time.monotonic() - started:.0f} s)",
            file=sys.stderr,
        )
    text = tables(rows, extra)
    print(text)
    results = BASE_DIR / "bench" / "results"
    results.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (results / f"search-speed-{rows[0]['vendor']}-{stamp}.md").write_text(text + "\n", encoding="utf-8")
    if args.write_docs and DOCS.exists():
        marker = f"speed:{rows[0]['vendor']}"
        content = DOCS.read_text(encoding="utf-8")
        start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
        if start in content and end in content:
            before, rest = content.split(start, 1)
            after = rest.split(end, 1)[1]
            DOCS.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
