"""Build a benchmark database: schema, reference data and N practices scaled from the demo corpus.

Run by ``practices_bench.py`` in a subprocess per database, because Django binds its settings (and
so the SQLite file) once per process::

    python bench/practices_data.py template --db var/bench/template.sqlite3
    python bench/practices_data.py generate --db var/bench/practices-10000.sqlite3 --size 10000

``template`` migrates an empty database and loads the taxonomy, the municipality registry and the
site pages (what ``bootstrap --no-demo`` does); ``generate`` fills a copy of it with practices and
prints one JSON line with timings, sample slugs and the size of the benchmarked facet selection.

Practices are written with ``bulk_create`` and their taxonomy and keyword links with plain
``executemany`` straight into the tables: no revisions, no Wagtail search index and no reference
index, because the benchmark measures reading, not editing. The
facet index needs no step here: each server process builds it on its first list request.
"""

import argparse
import gc
import json
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

CORPUS = BASE_DIR / "krisenwissen" / "practices" / "data" / "demo-practices.jsonl"
SEED = 20240501
#: Practices built and written per round: bounds memory and keeps bulk inserts large.
CHUNK = 5000

#: The three facets of the benchmarked list page and API call.
BENCH_FACETS = {"themes": "vulnerable-gruppen", "crisis_types": "hitze", "state": "Nordrhein-Westfalen"}

#: Corpus field → Practice many-to-many field for the taxonomy vocabularies.
M2M_FIELDS = {
    "themes": "themes",
    "crisis_types": "crisis_types",
    "phases": "phases",
    "actors": "actors",
    "target_groups": "target_groups",
    "stellschrauben": "levers",
}


def setup_django(db_path: Path) -> None:
    os.environ["SQLITE_PATH"] = str(db_path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krisenwissen.settings.production")
    import django

    django.setup()


def checkpoint() -> None:
    """Fold the WAL into the main file so that the database is one self-contained file to copy."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def build_template() -> dict:
    from django.core.management import call_command

    from krisenwissen.core.bootstrap import ensure_site_pages
    from krisenwissen.places.registry import load_registry
    from krisenwissen.taxonomy.services import load_taxonomy

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter()
    load_taxonomy()
    load_registry()
    ensure_site_pages()
    checkpoint()
    done = time.perf_counter()
    return {"migrate_s": round(migrated - started, 2), "reference_data_s": round(done - migrated, 2)}


def load_corpus() -> list[dict]:
    with CORPUS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def term_ids() -> dict[str, dict]:
    """Slug (or lever number) → primary key for every vocabulary a corpus record refers to."""
    from krisenwissen.taxonomy.models import VOCABULARIES, Lever

    ids = {name: dict(model.objects.values_list("slug", "pk")) for name, model in VOCABULARIES.items()}
    ids["stellschrauben"] = dict(Lever.objects.values_list("number", "pk"))
    return ids


def gemeinden_by_state() -> tuple[dict[str, list[int]], list[int]]:
    from krisenwissen.places.models import Place

    by_state = defaultdict(list)
    everyone = []
    rows = Place.objects.filter(level=Place.Level.GEMEINDE, country="DE").order_by("pk").values_list("pk", "state")
    for pk, state in rows:
        by_state[state].append(pk)
        everyone.append(pk)
    if not everyone:
        raise SystemExit("The municipality registry is empty: load_registry() created no Gemeinden.")
    return by_state, everyone


def ensure_tags(corpus: list[dict]) -> dict[str, int]:
    """Keyword name → taggit Tag id for every keyword of the corpus, creating missing tags."""
    from django.utils.text import slugify

    from taggit.models import Tag

    names = list(dict.fromkeys(name for record in corpus for name in record.get("keywords") or []))
    existing = set(Tag.objects.filter(name__in=names).values_list("name", flat=True))
    seen_slugs = set(Tag.objects.values_list("slug", flat=True))
    new_tags = []
    for name in names:
        if name in existing:
            continue
        slug = base = slugify(name) or "schlagwort"
        n = 2
        while slug in seen_slugs:
            slug, n = f"{base}-{n}", n + 1
        seen_slugs.add(slug)
        new_tags.append(Tag(name=name, slug=slug))
    Tag.objects.bulk_create(new_tags)
    return dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))


def generate(size: int) -> dict:
    """Create ``size`` live practices by cycling the corpus; return timings and samples as a dict.

    Each copy keeps the taxonomy of its corpus record (so the facet distribution is the corpus's),
    gets a seeded random Gemeinde in the same Land (non-German records: any German Gemeinde, so
    the Länder keep the corpus's weighting), a shifted start year and a distinct title and slug.
    Rows are built and written in chunks, with the cyclic garbage collector paused: millions of
    short-lived model instances otherwise make it rescan the heap again and again.
    """
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from krisenwissen.places.models import Place
    from krisenwissen.practices.models import Practice, PracticeKeyword

    rng = random.Random(SEED)
    corpus = load_corpus()
    ids = term_ids()
    by_state, everyone = gemeinden_by_state()
    place_names = dict(Place.objects.filter(pk__in=everyone).values_list("pk", "name"))
    link_sql = {field: insert_pair_sql(getattr(Practice, field).through, "practice") for field in M2M_FIELDS.values()}
    link_sql["keywords"] = insert_pair_sql(PracticeKeyword, "content_object")
    now = timezone.now()
    timings = dict.fromkeys(("build_s", "practices_s", "links_s"), 0.0)
    link_count = 0

    def practice(i: int) -> Practice:
        record = corpus[i % len(corpus)]
        municipality = record["municipality"]
        pool = by_state.get(municipality["state"]) if municipality.get("country") == "DE" else None
        place_id = rng.choice(pool or everyone)
        external_id = f"PX-BENCH-{i:06d}"
        title = f"{record['title']} ({place_names[place_id]})"[:200]
        start_year = min(max(record["start_year"] + rng.randint(-3, 2), 2000), now.year)
        end_year = None
        if record.get("end_year"):
            end_year = max(start_year + (record["end_year"] - record["start_year"]), start_year)
        return Practice(
            external_id=external_id,
            slug=f"{slugify(title)[:90]}-{slugify(external_id)}",
            language=record["language"],
            title=title,
            summary=record["summary"][:400],
            description=record["description"],
            lessons_learned=record.get("lessons_learned", ""),
            municipality_id=place_id,
            innovation_type_id=ids["innovation_type"][record["innovation_type"]],
            origin_id=ids["origin"][record["origin"]],
            maturity_id=ids["maturity"][record["maturity"]],
            start_year=start_year,
            end_year=end_year,
            is_demo=True,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )

    gc.disable()
    try:
        with transaction.atomic():
            tag_ids = ensure_tags(corpus)
            for chunk_start in range(0, size, CHUNK):
                positions = range(chunk_start, min(size, chunk_start + CHUNK))
                started = time.perf_counter()
                practices = [practice(i) for i in positions]
                timings["build_s"] += time.perf_counter() - started

                started = time.perf_counter()
                Practice.objects.bulk_create(practices)
                timings["practices_s"] += time.perf_counter() - started

                started = time.perf_counter()
                with connection.cursor() as cursor:
                    for corpus_field, model_field in M2M_FIELDS.items():
                        rows = [
                            (obj.pk, ids[corpus_field][key])
                            for i, obj in zip(positions, practices)
                            for key in dict.fromkeys(corpus[i % len(corpus)].get(corpus_field) or [])
                        ]
                        cursor.executemany(link_sql[model_field], rows)
                        link_count += len(rows)
                    rows = [
                        (obj.pk, tag_ids[name])
                        for i, obj in zip(positions, practices)
                        for name in dict.fromkeys(corpus[i % len(corpus)].get("keywords") or [])
                    ]
                    cursor.executemany(link_sql["keywords"], rows)
                    link_count += len(rows)
                timings["links_s"] += time.perf_counter() - started
    finally:
        gc.enable()

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    checkpoint()
    timings["analyze_s"] = time.perf_counter() - started

    slugs = list(Practice.objects.order_by("pk").values_list("slug", flat=True)[:: max(size // 20, 1)][:20])
    matching = (
        Practice.objects.public()
        .filter(themes__slug=BENCH_FACETS["themes"])
        .filter(crisis_types__slug=BENCH_FACETS["crisis_types"])
        .filter(municipality__state=BENCH_FACETS["state"])
        .distinct()
        .count()
    )
    return {
        "size": size,
        "practices": Practice.objects.count(),
        "links": link_count,
        "timings": {key: round(value, 2) for key, value in timings.items()},
        "generate_s": round(sum(timings.values()), 2),
        "facet_matches": matching,
        "detail_slugs": slugs,
    }


def insert_pair_sql(model, practice_fk: str) -> str:
    """``INSERT`` of one (practice, term) row into a link table whose other foreign key is the term.

    The link tables get 1.9 million rows at 100k practices; plain ``executemany`` writes them
    about ten times faster than ``bulk_create`` with its model instances.
    """
    from django.db import connection

    qn = connection.ops.quote_name
    keys = [f for f in model._meta.concrete_fields if f.many_to_one]
    practice = next(f for f in keys if f.name == practice_fk)
    target = next(f for f in keys if f.name != practice_fk)
    return (
        f"INSERT INTO {qn(model._meta.db_table)} ({qn(practice.column)}, {qn(target.column)}) "  # noqa: S608
        "VALUES (%s, %s)"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["template", "generate"])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args(argv)
    setup_django(args.db.resolve())
    result = build_template() if args.step == "template" else generate(args.size)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
