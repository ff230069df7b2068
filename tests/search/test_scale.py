"""Snapshots, the database fallback while a big index builds, other content types, bulk indexing."""

import numpy as np
import pytest

from krisenwissen.search import engine, indexing
from krisenwissen.search.models import IndexChange, SearchDocument
from krisenwissen.search.registry import SearchAdapter, register, unregister
from krisenwissen.search.service import search, search_page
from krisenwissen.taxonomy.models import Theme
from tests.factories import PracticeFactory


def titles(q, **kwargs):
    return [item.title for item in search_page(q, limit=50, **kwargs).items]


@pytest.fixture
def practices(searchdb):
    return [
        PracticeFactory(title="Hitzetelefon für Senioren", summary="Anrufe an heißen Tagen."),
        PracticeFactory(title="Deichschau mit Drohnen", summary="Drohnen prüfen Deiche bei Hochwasser."),
        PracticeFactory(title="Krisenkommunikation in leichter Sprache", summary="Warnungen für alle."),
    ]


@pytest.fixture
def snapshot_dir(settings, tmp_path):
    settings.SEARCH_SNAPSHOT_DIR = tmp_path
    settings.SEARCH_SNAPSHOT_MIN_DOCS = 1
    return tmp_path


def test_snapshot_is_loaded_by_a_new_process_and_follows_later_edits(
    practices, snapshot_dir, django_assert_max_num_queries
):
    first = [h.document_id for h in search("Hitze Drohnen").hits]
    assert list(snapshot_dir.glob("*/snapshot-*/post_rows.npy"))  # the build wrote a snapshot
    engine.reset_index()  # a new process
    index = engine.current_index()
    assert isinstance(index.base.post_rows, np.memmap)  # loaded, not rebuilt
    assert [h.document_id for h in search("Hitze Drohnen").hits] == first
    # An edit after the snapshot is applied on top of it (delta segment), in every process.
    practices[1].title = "Deichschau mit Hubschraubern"
    practices[1].save()
    assert titles("Hubschrauber") == ["Deichschau mit Hubschraubern"]
    assert "Deichschau mit Drohnen" not in titles("Drohnen")


def test_snapshot_of_a_rolled_back_journal_is_ignored(practices, snapshot_dir):
    search("Hitze")
    IndexChange.objects.all().delete()  # e.g. a restored backup: the snapshot's journal row is gone
    engine.reset_index()
    index = engine.current_index()
    assert not isinstance(index.base.post_rows, np.memmap)


def test_big_index_without_snapshot_answers_from_the_database_while_building(practices, settings, monkeypatch):
    started = []
    monkeypatch.setattr(engine, "start_background_build", lambda: started.append(True))
    settings.SEARCH_SNAPSHOTS = False
    settings.SEARCH_SYNC_BUILD_MAX_DOCS = 1  # "big"
    engine.reset_index()
    response = search("Drohnen")
    assert started
    assert [h.object_id for h in response.hits] == [practices[1].pk]
    assert "vorbereitet" in response.notices[0]
    page = search_page("Deichschau Drohnen")
    assert page.total == 1 and page.items[0].title == "Deichschau mit Drohnen"


def test_old_base_serves_without_changed_documents_while_a_new_one_builds(practices, settings, monkeypatch):
    assert titles("Drohnen") == ["Deichschau mit Drohnen"]
    started = []
    monkeypatch.setattr(engine, "start_background_build", lambda: started.append(True))
    settings.SEARCH_SYNC_BUILD_MAX_DOCS = 1
    practices[1].delete()
    IndexChange.objects.create(rebuild=True)  # forces a new base
    assert titles("Drohnen") == []  # never a removed document
    assert started and engine.current_index().stale
    assert titles("Hitzetelefon") == ["Hitzetelefon für Senioren"]


def test_chunked_build_gives_the_same_postings_as_one_chunk(practices):
    kind_codes = {}
    rows = list(engine._rows(SearchDocument.objects.all()))
    one = engine.SegmentBuilder(dict(kind_codes), chunk_docs=10_000)
    one.add(rows)
    whole = one.finish()
    small = engine.SegmentBuilder(dict(kind_codes), chunk_docs=1)
    small.add(rows)
    chunked = small.finish()
    assert whole.terms == chunked.terms
    assert np.array_equal(whole.offsets, chunked.offsets)
    assert np.array_equal(whole.post_rows, chunked.post_rows)
    assert np.allclose(whole.post_sat, chunked.post_sat)


# --- Other content types -------------------------------------------------------------------------


@pytest.fixture
def themes_searchable(practices):
    """Themes registered as a second content type, as literature or interviews will be."""
    register(
        Theme,
        SearchAdapter(
            kind="thema",
            label="Thema",
            label_plural="Themen",
            fields={"title": lambda t: t.name_de, "summary": lambda t: t.description_de or ""},
            public_queryset=lambda: Theme.objects.all(),
            is_public=lambda t: True,
            url=lambda t: f"/themen/{t.slug}/",
            title=lambda t: t.name_de,
        ),
    )
    count, _ids = indexing.index_model(Theme)
    assert count == Theme.objects.count() > 0
    yield
    unregister(Theme)
    SearchDocument.objects.filter(kind="thema").delete()


def test_a_registered_type_gets_type_filter_counts_and_no_practice_facets(themes_searchable, client):
    data = client.get("/api/v1/search", {"q": "Krisenkommunikation"}).json()
    assert data["types"]["thema"] >= 1 and data["types"]["practice"] == 1
    assert data["facets"]  # practices among the hits: practice facets
    only = client.get("/api/v1/search", {"q": "Krisenkommunikation", "type": "thema"}).json()
    assert only["count"] == data["types"]["thema"]
    assert {r["type"] for r in only["results"]} == {"thema"}
    assert only["facets"] == {}  # no practice facets for another type
    html = client.get("/suche/", {"q": "Krisenkommunikation", "type": "thema"}).content.decode()
    assert 'name="type" value="thema" checked' in html
    assert 'name="themes"' not in html


def test_saving_a_registered_type_updates_the_index(themes_searchable):
    theme = Theme.objects.first()
    theme.name_de = "Zivilschutzübungen"
    theme.save()
    assert titles("Zivilschutzübung", kind="thema") == ["Zivilschutzübungen"]


def test_deferred_block_indexes_in_batches_at_its_end(searchdb):
    with indexing.deferred():
        created = [PracticeFactory(title=f"Notstromaggregat Nummer {i}") for i in range(5)]
        assert not SearchDocument.objects.filter(title__startswith="Notstromaggregat").exists()
        created[0].delete()
    assert SearchDocument.objects.filter(title__startswith="Notstromaggregat").count() == 4
    assert len(titles("Notstromaggregat")) == 4
