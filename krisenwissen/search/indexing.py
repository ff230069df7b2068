"""Writing the search index: one :class:`SearchDocument` per public object.

Every write also appends to the :class:`IndexChange` journal, which is how every process learns
that its in-memory index is stale (see :mod:`krisenwissen.search.engine`).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from . import embedding
from .analysis import tokens
from .models import IndexChange, SearchDocument
from .registry import SearchAdapter, adapter_for, registered

logger = logging.getLogger(__name__)

BATCH_SIZE = 200


def document_values(obj, adapter: SearchAdapter) -> dict:
    """Everything a SearchDocument stores about ``obj``, except the embedding."""
    texts = {name: (getter(obj) or "") for name, getter in adapter.fields.items()}
    body = texts.get("body", "")
    return {
        "kind": adapter.kind,
        "language": adapter.language(obj) or "de",
        "external_id": (adapter.external_id(obj) or "")[:64],
        "title": (adapter.title(obj) or "")[:300],
        "url": adapter.url(obj)[:500],
        "summary": adapter.summary(obj) or "",
        "body": body,
        "tokens": {name: " ".join(tokens(text)) for name, text in texts.items() if text},
    }


def _embedding_text(obj, adapter: SearchAdapter, values: dict) -> str:
    if adapter.embedding_text is not None:
        return adapter.embedding_text(obj)
    return f"{values['title']}. {values['summary']}"


def _attach_embeddings(rows: list[tuple[dict, str]]) -> None:
    """Set ``embedding``/``embedding_key`` on each values dict, reusing stored vectors for unchanged texts."""
    keys = [embedding.embedding_key(text) for _values, text in rows]
    known = dict(
        SearchDocument.objects.filter(embedding_key__in=set(keys))
        .exclude(embedding=b"")
        .values_list("embedding_key", "embedding")
    )
    missing = [i for i, key in enumerate(keys) if key not in known]
    if missing:
        vectors = embedding.encode([rows[i][1] for i in missing])
        if vectors is not None:
            for i, vector in zip(missing, vectors):
                known[keys[i]] = embedding.to_bytes(vector)
    for (values, _text), key in zip(rows, keys):
        vector = known.get(key)
        values["embedding"] = bytes(vector) if vector is not None else b""
        values["embedding_key"] = key if vector is not None else ""


def index_objects(objs: Iterable, adapter: SearchAdapter | None = None) -> int:
    """Add or update the documents of ``objs``; objects that are not public are removed instead."""
    objs = list(objs)
    if not objs:
        return 0
    adapter = adapter or adapter_for(objs[0])
    if adapter is None:
        return 0
    content_type = ContentType.objects.get_for_model(type(objs[0]))
    public = [obj for obj in objs if adapter.is_public(obj)]
    hidden = [obj.pk for obj in objs if not adapter.is_public(obj)]
    rows = []
    for obj in public:
        values = document_values(obj, adapter)
        rows.append((values, _embedding_text(obj, adapter, values)))
    _attach_embeddings(rows)
    with transaction.atomic():
        existing = dict(
            SearchDocument.objects.filter(content_type=content_type, object_id__in=[o.pk for o in public]).values_list(
                "object_id", "pk"
            )
        )
        changed_ids = []
        to_create, to_update = [], []
        for obj, (values, _text) in zip(public, rows):
            document = SearchDocument(content_type=content_type, object_id=obj.pk, **values)
            if obj.pk in existing:
                document.pk = existing[obj.pk]
                to_update.append(document)
            else:
                to_create.append(document)
        if to_update:
            fields = [*rows[0][0].keys()]
            for document in to_update:
                document.save(update_fields=[*fields, "updated_at"])
            changed_ids.extend(d.pk for d in to_update)
        for document in SearchDocument.objects.bulk_create(to_create, batch_size=BATCH_SIZE):
            changed_ids.append(document.pk)
        if not all(changed_ids):  # backends that do not return ids from bulk_create
            changed_ids = list(
                SearchDocument.objects.filter(
                    content_type=content_type, object_id__in=[o.pk for o in public]
                ).values_list("pk", flat=True)
            )
        removed = _remove(content_type, hidden)
        IndexChange.objects.bulk_create([IndexChange(document_id=pk) for pk in [*changed_ids, *removed]])
    return len(public)


def _remove(content_type: ContentType, object_ids: list) -> list[int]:
    if not object_ids:
        return []
    documents = SearchDocument.objects.filter(content_type=content_type, object_id__in=object_ids)
    ids = list(documents.values_list("pk", flat=True))
    if ids:
        SearchDocument.objects.filter(pk__in=ids).delete()
    return ids


def index_object(obj) -> None:
    """Bring the document of one object up to date (add, update or remove)."""
    adapter = adapter_for(obj)
    if adapter is None or obj.pk is None:
        return
    model = type(obj)
    if adapter.prefetch or adapter.select:
        # Read the object fresh so relations (keywords, terms) are the saved ones.
        fresh = model._default_manager.filter(pk=obj.pk).select_related(*adapter.select)
        fresh = fresh.prefetch_related(*adapter.prefetch).first()
        if fresh is None:
            remove_object(obj)
            return
        obj = fresh
    index_objects([obj], adapter)


def remove_object(obj) -> None:
    adapter = adapter_for(obj)
    if adapter is None or obj.pk is None:
        return
    content_type = ContentType.objects.get_for_model(type(obj))
    with transaction.atomic():
        removed = _remove(content_type, [obj.pk])
        if removed:
            IndexChange.objects.bulk_create([IndexChange(document_id=pk) for pk in removed])


def index_model(model, *, progress: bool = False, stdout=None) -> tuple[int, set[int]]:
    """(Re)index every public object of ``model`` in batches; returns (count, public ids).

    The fast path for content loaded in bulk (``bulk_create`` sends no signals): a demo loader
    or importer calls this once at the end. Embeddings are computed per batch of
    :data:`BATCH_SIZE` and reused for texts that did not change.
    """
    adapter = adapter_for(model)
    if adapter is None:
        return 0, set()
    queryset = adapter.public_queryset().order_by("pk")
    if adapter.select:
        queryset = queryset.select_related(*adapter.select)
    if adapter.prefetch:
        queryset = queryset.prefetch_related(*adapter.prefetch)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=queryset.count(), desc=str(adapter.label_plural), unit="Dok.", file=stdout or sys.stderr)
    total, public_ids, batch = 0, set(), []
    for obj in queryset.iterator(chunk_size=BATCH_SIZE):
        batch.append(obj)
        public_ids.add(obj.pk)
        if len(batch) >= BATCH_SIZE:
            total += index_objects(batch, adapter)
            if bar:
                bar.update(len(batch))
            batch = []
    if batch:
        total += index_objects(batch, adapter)
        if bar:
            bar.update(len(batch))
    if bar:
        bar.close()
    return total, public_ids


_deferred = threading.local()


@contextlib.contextmanager
def deferred():
    """Collect the index updates of saves inside the block and write them in batches at its end.

    For loaders that save thousands of objects one by one: instead of one embedding and three
    queries per save, each batch of :data:`BATCH_SIZE` objects costs one embedding call and a
    few queries. Deletions inside the block are applied at once. Nested blocks join the outer one.
    """
    pending = getattr(_deferred, "pending", None)
    if pending is not None:
        yield
        return
    _deferred.pending = {}
    try:
        yield
    finally:
        pending, _deferred.pending = _deferred.pending, None
        for model, ids in pending.items():
            flush_deferred(model, ids)


def defer(obj) -> bool:
    """Remember ``obj`` for the end of a :func:`deferred` block; False outside of one."""
    pending = getattr(_deferred, "pending", None)
    if pending is None or obj.pk is None:
        return False
    pending.setdefault(type(obj)._meta.concrete_model, set()).add(obj.pk)
    return True


def flush_deferred(model, ids: set) -> None:
    adapter = adapter_for(model)
    if adapter is None:
        return
    ordered = sorted(ids)
    for start in range(0, len(ordered), BATCH_SIZE):
        chunk = ordered[start : start + BATCH_SIZE]
        queryset = model._default_manager.filter(pk__in=chunk)
        if adapter.select:
            queryset = queryset.select_related(*adapter.select)
        if adapter.prefetch:
            queryset = queryset.prefetch_related(*adapter.prefetch)
        objects = list(queryset)
        index_objects(objects, adapter)
        gone = set(chunk) - {obj.pk for obj in objects}
        if gone:
            content_type = ContentType.objects.get_for_model(model)
            with transaction.atomic():
                removed = _remove(content_type, list(gone))
                IndexChange.objects.bulk_create([IndexChange(document_id=pk) for pk in removed])


def rebuild(*, progress: bool = False, stdout=None) -> int:
    """Rebuild every registered content type's documents; objects no longer public disappear.

    Embeddings of unchanged texts are reused from the old documents. At the end the in-memory
    index is built once and written as a snapshot, so web processes load it instead of each
    rebuilding it.
    """
    total = 0
    for model, _adapter in registered():
        content_type = ContentType.objects.get_for_model(model)
        count, public = index_model(model, progress=progress, stdout=stdout)
        total += count
        stored = SearchDocument.objects.filter(content_type=content_type).values_list("pk", "object_id")
        stale_ids = [pk for pk, object_id in stored if object_id not in public]
        _delete_documents(stale_ids)
    # Documents of types no longer registered go too.
    registered_types = [ContentType.objects.get_for_model(model).pk for model, _adapter in registered()]
    _delete_documents(
        list(SearchDocument.objects.exclude(content_type_id__in=registered_types).values_list("pk", flat=True))
    )
    IndexChange.objects.create(rebuild=True)
    from .engine import build_full

    build_full()  # writes the snapshot (for indexes big enough to need one)
    return total


def _delete_documents(ids: list[int]) -> None:
    """Delete documents and journal each removal (a process serving an old base masks them)."""
    with transaction.atomic():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            SearchDocument.objects.filter(pk__in=chunk).delete()
            IndexChange.objects.bulk_create([IndexChange(document_id=pk) for pk in chunk])
