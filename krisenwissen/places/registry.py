"""Load the German municipality registry (every Kreis and Gemeinde) from the bundled CSV files.

The loader upserts by ``key`` (the AGS) in bulk, so it takes seconds for the 11,700 rows, never
creates duplicates, and keeps the database ids stable: practices point at places with a
protected foreign key, so rows are updated in place and never deleted and recreated. A second
run with unchanged files is skipped after one small query.
"""

import csv
import hashlib
from pathlib import Path

from django.db import transaction

from .models import Place, RegistryLoad, size_class_for
from .names import german_slugify, name_key

DATA_DIR = Path(__file__).resolve().parent / "data"
GEMEINDEN_FILE = "gemeinden.csv"
KREISE_FILE = "kreise.csv"

# Part of the fingerprint: raise it when the way rows are derived (slugs, name keys, size
# classes) changes, so that existing databases are refreshed although the files are the same.
LOADER_VERSION = "1"

BATCH_SIZE = 1000
# Every field the loader owns; whatever else editors or other code set on a place stays untouched.
UPDATE_FIELDS = [
    "level",
    "ags",
    "ars",
    "name",
    "name_key",
    "official_kind",
    "slug",
    "country",
    "state",
    "state_code",
    "nuts3",
    "latitude",
    "longitude",
    "population",
    "size_class",
    "kreis",
]


def fingerprint(data_dir: Path = DATA_DIR) -> str:
    """SHA-256 over the loader version and both CSV files."""
    digest = hashlib.sha256(f"loader:{LOADER_VERSION}\n".encode())
    for filename in (KREISE_FILE, GEMEINDEN_FILE):
        digest.update(filename.encode())
        digest.update((data_dir / filename).read_bytes())
    return digest.hexdigest()


def kreis_slug(name: str, ags: str) -> str:
    return f"kreis-{german_slugify(name)}-{ags}"


def gemeinde_slug(name: str, ags: str) -> str:
    return f"{german_slugify(name)}-{ags}"


def _read_rows(path: Path) -> list[dict[str, str]]:
    # newline="" lets the csv module handle CRLF line endings; utf-8-sig drops a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{key.strip(): (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def _float(value: str) -> float | None:
    return float(value) if value else None


def _int(value: str) -> int | None:
    return int(value) if value else None


def _place(row: dict[str, str], level: str, kreis_id: int | None = None) -> Place:
    """A Kreis or Gemeinde row of the registry CSV as an unsaved place."""
    is_kreis = level == Place.Level.KREIS
    place = Place(
        key=row["ags"],
        level=level,
        ags=row["ags"],
        ars="" if is_kreis else row["ars"],
        name=row["name"],
        name_key=name_key(row["name"]),
        official_kind=row["kind"],
        slug=(kreis_slug if is_kreis else gemeinde_slug)(row["name"], row["ags"]),
        country="DE",
        state=row["state"],
        state_code=row["state_code"],
        nuts3=row["nuts3"],
        latitude=_float(row["lat"]),
        longitude=_float(row["lon"]),
        population=_int(row["population"]),
        kreis_id=kreis_id,
    )
    # bulk_create bypasses save(), where the size class is normally derived.
    place.size_class = size_class_for(place.population, is_district=place.is_district)
    return place


def _counts() -> tuple[int, int]:
    german = Place.objects.filter(country="DE")
    return german.filter(level=Place.Level.GEMEINDE).count(), german.filter(level=Place.Level.KREIS).count()


def load_registry(*, force: bool = False, data_dir: Path = DATA_DIR) -> dict:
    """Create or update every Kreis and Gemeinde from the CSV files; return the counts.

    Skipped (``"skipped": True``) when the files and the loader are unchanged since the last load
    and the database still holds as many Kreise and Gemeinden as it did then. ``force`` reloads
    anyway. Places no longer in the files are kept: practices may refer to them.
    """
    current = fingerprint(data_dir)
    last = RegistryLoad.objects.order_by("-pk").first()
    gemeinden, kreise = _counts()
    if not force and last and last.fingerprint == current and (last.gemeinden, last.kreise) == (gemeinden, kreise):
        return {"gemeinden": gemeinden, "kreise": kreise, "skipped": True}

    kreis_rows = _read_rows(data_dir / KREISE_FILE)
    gemeinde_rows = _read_rows(data_dir / GEMEINDEN_FILE)
    with transaction.atomic():
        Place.objects.bulk_create(
            [_place(row, Place.Level.KREIS) for row in kreis_rows],
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=UPDATE_FIELDS,
        )
        kreis_ids = dict(Place.objects.filter(level=Place.Level.KREIS, country="DE").values_list("key", "pk"))
        Place.objects.bulk_create(
            [_place(row, Place.Level.GEMEINDE, kreis_ids.get(row["ags"][:5])) for row in gemeinde_rows],
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=UPDATE_FIELDS,
        )
        gemeinden, kreise = _counts()
        RegistryLoad.objects.all().delete()
        RegistryLoad.objects.create(fingerprint=current, gemeinden=gemeinden, kreise=kreise)
    return {"gemeinden": gemeinden, "kreise": kreise, "skipped": False}
