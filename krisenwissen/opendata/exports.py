"""Streamed bulk exports of a registered dataset: CSV, JSON and JSON-LD.

Each format is a generator of text chunks over ``dataset.records(base_url)``, which itself reads
the database in keyset-paged chunks, so memory stays flat however many rows there are (see
``bench/opendata_bench.py``). Nothing is buffered beyond :data:`ROWS_PER_CHUNK` rows.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone, translation

from .licences import Licence, licence_for
from .registry import Dataset, flat_cell

ROWS_PER_CHUNK = 200
#: A cell starting with one of these is a formula in Excel/LibreOffice (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonld": "application/ld+json",
}


def neutralise(cell):
    """Make a text cell inert for spreadsheets: a leading formula character gets a ``'`` in front.

    Numbers stay numbers (``-3`` is a value, not a formula); only text is touched.
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def dataset_licence(dataset: Dataset) -> Licence:
    return licence_for(dataset.licence)


def attribution(dataset: Dataset) -> str:
    if dataset.attribution:
        return dataset.attribution
    from .licences import content_licence

    return content_licence()[1]


def landing_url(dataset: Dataset, base_url: str) -> str:
    with translation.override("de"):
        return base_url.rstrip("/") + reverse(dataset.landing_url_name)


def download_url(dataset: Dataset, fmt: str, base_url: str) -> str:
    with translation.override("de"):
        return base_url.rstrip("/") + reverse("opendata:download", kwargs={"key": dataset.key, "fmt": fmt})


def csv_chunks(dataset: Dataset, base_url: str) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(dataset.columns)
    for rows, record in enumerate(dataset.records(base_url), start=1):
        writer.writerow(
            [neutralise(flat_cell(record.get(column), dataset.list_separator)) for column in dataset.columns]
        )
        if rows % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _metadata(dataset: Dataset, base_url: str) -> dict:
    licence = dataset_licence(dataset)
    return {
        "dataset": dataset.key,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "licence": {"name": licence.label, "url": licence.url, "identifier": licence.dcat_uri, "spdx": licence.spdx},
        "attribution": attribution(dataset),
        "source": landing_url(dataset, base_url),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "columns": list(dataset.columns),
    }


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default)


def _default(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def json_chunks(dataset: Dataset, base_url: str) -> Iterator[str]:
    """``{…metadata…, "records": [ … ]}`` written record by record."""
    head = _dumps(_metadata(dataset, base_url))
    yield head[:-1] + ', "records": [\n'
    parts, first = [], True
    for record in dataset.records(base_url):
        parts.append(("" if first else ",\n") + _dumps(record))
        first = False
        if len(parts) >= ROWS_PER_CHUNK:
            yield "".join(parts)
            parts = []
    parts.append("\n]}\n")
    yield "".join(parts)


#: The exports use an inline context so they parse offline; it means the same as "https://schema.org/".
JSONLD_CONTEXT = {"@vocab": "https://schema.org/"}


def jsonld_chunks(dataset: Dataset, base_url: str) -> Iterator[str]:
    """A schema.org ``Dataset`` node followed by one node per record, in one ``@graph``."""
    licence = dataset_licence(dataset)
    modified = dataset.modified()
    landing = landing_url(dataset, base_url)
    dataset_node = {
        "@type": "Dataset",
        "@id": download_url(dataset, "jsonld", base_url) + "#dataset",
        "name": str(dataset.title),
        "description": str(dataset.description),
        "url": landing,
        "license": licence.url,
        "creditText": attribution(dataset),
        "isAccessibleForFree": True,
        "keywords": list(dataset.keywords),
        "inLanguage": "de",
    }
    if modified:
        dataset_node["dateModified"] = modified.isoformat()
    yield '{"@context": ' + _dumps(JSONLD_CONTEXT) + ', "@graph": [\n' + _dumps(dataset_node)
    builder = dataset.jsonld or (lambda record, base: {"@type": "Thing", **record})
    parts = []
    for record in dataset.records(base_url):
        parts.append(",\n" + _dumps(builder(record, base_url)))
        if len(parts) >= ROWS_PER_CHUNK:
            yield "".join(parts)
            parts = []
    parts.append("\n]}\n")
    yield "".join(parts)


CHUNKERS = {"csv": csv_chunks, "json": json_chunks, "jsonld": jsonld_chunks}


def export_chunks(dataset: Dataset, fmt: str, base_url: str) -> Iterator[bytes]:
    for chunk in CHUNKERS[fmt](dataset, base_url):
        if chunk:
            yield chunk.encode("utf-8")
