"""Snapshots of the in-memory index on disk, so a new worker process loads instead of rebuilding.

A snapshot is a directory of ``.npy`` files (memory-mapped when loaded: the operating system
shares the pages between the worker processes of one machine) and a few JSON files for the
dictionaries. It is keyed by

* the database it was built from (engine, name, host), so test and benchmark databases never
  share one;
* :data:`FORMAT`, a hash of the analysis and ranking constants: a code change that would index
  differently makes old snapshots invisible;
* the journal position it contains (highest :class:`IndexChange` id and its time).

A process loads the newest snapshot of its database and then applies the journal rows written
since, exactly like a process that has been running all along (:mod:`krisenwissen.search.engine`).
A snapshot whose journal row no longer exists (a restored backup, a rolled-back transaction) is
ignored. Writing goes to a temporary directory that is renamed into place, so readers never see a
half-written snapshot; only the newest few are kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from django.conf import settings
from django.db import connection

from . import segment as segment_module
from .segment import Segment

logger = logging.getLogger(__name__)

KEEP_SNAPSHOTS = 2
_ARRAYS = ("doc_ids", "object_ids", "kinds", "offsets", "post_rows", "post_sat")
_OPTIONAL_ARRAYS = ("embeddings", "projection", "projected")

FORMAT = hashlib.sha256(
    json.dumps(
        [
            3,  # bump when the analysis changes in a way the constants below do not show
            segment_module.FIELD_WEIGHTS,
            segment_module.FIELD_B,
            segment_module.K1,
            segment_module.COMPOUND_PART_WEIGHT,
            segment_module.PROJECTION_MIN_DOCS,
            segment_module.PROJECTION_DIMENSIONS,
        ],
        sort_keys=True,
    ).encode()
).hexdigest()[:12]


def enabled() -> bool:
    return bool(getattr(settings, "SEARCH_SNAPSHOTS", True))


def root() -> Path:
    base = getattr(settings, "SEARCH_SNAPSHOT_DIR", None) or Path(settings.BASE_DIR) / "var" / "search-index"
    settings_db = connection.settings_dict
    identity = "|".join(
        str(part or "")
        for part in (connection.vendor, settings_db.get("HOST"), settings_db.get("PORT"), settings_db["NAME"])
    )
    return Path(base) / f"{hashlib.sha256(identity.encode()).hexdigest()[:16]}-{FORMAT}"


def _name(journal: tuple[int, str]) -> str:
    stamp = hashlib.sha256(journal[1].encode()).hexdigest()[:8]
    return f"snapshot-{journal[0]:012d}-{stamp}"


def save(journal: tuple[int, str], base: Segment, kind_codes: dict[str, int]) -> Path | None:
    """Write ``base`` (built at ``journal``) as the newest snapshot of this database."""
    if not enabled():
        return None
    directory = root()
    target = directory / _name(journal)
    if target.exists():
        return target
    directory.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".tmp-", dir=directory))
    try:
        for name in (*_ARRAYS, *_OPTIONAL_ARRAYS):
            value = getattr(base, name)
            if value is not None:
                np.save(temporary / f"{name}.npy", np.ascontiguousarray(value), allow_pickle=False)
        terms = sorted(base.terms, key=base.terms.__getitem__)
        _write_json(temporary / "terms.json", terms)
        _write_json(temporary / "surfaces.json", base.surfaces)
        _write_json(temporary / "display.json", {k: v for k, v in base.display.items() if k != v})
        meta = {
            "journal": list(journal),
            "kind_codes": kind_codes,
            "field_length_sum": base.field_length_sum,
            "documents": base.n,
        }
        _write_json(temporary / "meta.json", meta)
        os.replace(temporary, target)
    except OSError:
        logger.exception("Writing the search index snapshot failed; the next process will rebuild.")
        shutil.rmtree(temporary, ignore_errors=True)
        return None
    _prune(directory)
    return target


def _write_json(path: Path, value) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, separators=(",", ":"))


def _prune(directory: Path) -> None:
    snapshots = sorted(p for p in directory.iterdir() if p.name.startswith("snapshot-"))
    for old in snapshots[:-KEEP_SNAPSHOTS]:
        shutil.rmtree(old, ignore_errors=True)


def candidates() -> list[Path]:
    """Snapshots of this database, newest first."""
    if not enabled():
        return []
    directory = root()
    if not directory.is_dir():
        return []
    return sorted((p for p in directory.iterdir() if p.name.startswith("snapshot-")), reverse=True)


def read_journal(path: Path) -> tuple[int, str]:
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    return int(meta["journal"][0]), str(meta["journal"][1])


def load(path: Path) -> tuple[tuple[int, str], Segment, dict[str, int]]:
    """The base segment of a snapshot; big arrays are memory-mapped read-only."""
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    arrays = {name: _load_array(path / f"{name}.npy") for name in _ARRAYS}
    optional = {name: _load_array(path / f"{name}.npy", optional=True) for name in _OPTIONAL_ARRAYS}
    terms_list = json.loads((path / "terms.json").read_text(encoding="utf-8"))
    surfaces = json.loads((path / "surfaces.json").read_text(encoding="utf-8"))
    display = json.loads((path / "display.json").read_text(encoding="utf-8"))
    segment = Segment(
        **arrays,
        terms={term: i for i, term in enumerate(terms_list)},
        surfaces=surfaces,
        display={word: display.get(word, word) for word in surfaces},
        field_length_sum=meta["field_length_sum"],
        **optional,
    )
    if segment.projection is not None:
        segment.projection = np.asarray(segment.projection)  # small; a plain array
    return (int(meta["journal"][0]), str(meta["journal"][1])), segment, dict(meta["kind_codes"])


def _load_array(path: Path, *, optional: bool = False) -> np.ndarray | None:
    if optional and not path.exists():
        return None
    return np.load(path, mmap_mode="r", allow_pickle=False)
