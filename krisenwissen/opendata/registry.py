"""The open-data registry: which datasets, feeds and sitemap sections the platform publishes.

A content type joins the open-data machinery by registering in its own app (for example in a
module ``krisenwissen/<app>/opendata.py`` imported from its ``AppConfig.ready()``)::

    from krisenwissen.opendata.registry import Dataset, register_dataset

    register_dataset(Dataset(
        key="literatur",                      # address part: /daten/literatur.csv
        title="Literaturdatenbank",
        description="Alle veröffentlichten Literaturnachweise …",
        columns=("id", "title", "year", …),   # CSV header, in order
        records=literature_records,           # (base_url) -> iterator of dicts, streamed
        jsonld=literature_jsonld,             # (record, base_url) -> schema.org dict
        modified=literature_modified,         # () -> datetime | None
        landing_url_name="literature:list",
        themes=("SOCI",),                     # EU data themes (DCAT)
        keywords=("Literatur", "Krisenmanagement"),
    ))

Everything else follows from that one call: the entry on ``/daten/``, the CSV/JSON/JSON-LD
downloads, the DCAT-AP.de dataset with one distribution per format in ``/catalog.*``. See
``docs/open-data.md`` for feeds, sitemap sections and JSON-LD on detail pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

#: EU "data theme" codes (http://publications.europa.eu/resource/authority/data-theme/…).
DATA_THEMES = {"SOCI", "GOVE", "REGI", "HEAL", "ENVI", "JUST", "EDUC", "TECH", "ECON", "TRAN", "ENER", "AGRI"}
#: EU frequency codes (http://publications.europa.eu/resource/authority/frequency/…).
FREQUENCIES = {"UPDATE_CONT", "IRREG", "WEEKLY", "MONTHLY", "ANNUAL", "NEVER"}


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    columns: tuple[str, ...]
    records: Callable[[str], Iterator[dict]]
    jsonld: Callable[[dict, str], dict] | None = None
    modified: Callable[[], datetime | None] = lambda: None
    landing_url_name: str = "opendata:index"
    themes: tuple[str, ...] = ("SOCI",)
    keywords: tuple[str, ...] = ()
    frequency: str = "UPDATE_CONT"
    #: Reference data (vocabularies, registers) are listed separately on /daten/.
    reference: bool = False
    #: Licence of this dataset when it differs from the platform's content licence, as a key of
    #: :data:`krisenwissen.opendata.licences.LICENCES`, and an attribution line.
    licence: str | None = None
    attribution: str = ""
    #: Multi-valued cells in the CSV are joined with this separator.
    list_separator: str = "|"
    sort_order: int = 100
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        unknown = set(self.themes) - DATA_THEMES
        if unknown:
            raise ValueError(f"unknown EU data themes for dataset {self.key}: {sorted(unknown)}")
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"unknown frequency for dataset {self.key}: {self.frequency}")


@dataclass(frozen=True)
class FeedLink:
    """A feed shown on /daten/ (the feed view itself is a normal URL of its app)."""

    title: str
    url_name: str
    kind: str = "rss"  # rss | atom | ical
    kwargs: dict = field(default_factory=dict)
    sort_order: int = 100


_datasets: dict[str, Dataset] = {}
_feeds: list[FeedLink] = []
_sitemaps: dict = {}
_jsonld_builders: dict[type, Callable] = {}


def register_dataset(dataset: Dataset) -> None:
    """Publish ``dataset`` on /daten/ and in the catalogue (registering a key again replaces it)."""
    _datasets[dataset.key] = dataset


def datasets(*, reference: bool | None = None) -> list[Dataset]:
    items = sorted(_datasets.values(), key=lambda d: (d.sort_order, d.title))
    if reference is None:
        return items
    return [d for d in items if d.reference == reference]


def get_dataset(key: str) -> Dataset | None:
    return _datasets.get(key)


def register_feed(link: FeedLink) -> None:
    if link not in _feeds:
        _feeds.append(link)


def feeds() -> list[FeedLink]:
    return sorted(_feeds, key=lambda f: (f.sort_order, f.title))


def register_sitemap(section: str, sitemap) -> None:
    """Add a sitemap section (a ``django.contrib.sitemaps.Sitemap`` class or instance)."""
    _sitemaps[section] = sitemap


def sitemaps() -> dict:
    return dict(_sitemaps)


def register_jsonld(model: type, builder: Callable) -> None:
    """``builder(obj, request) -> dict`` (a schema.org node) for ``{% json_ld obj %}``."""
    _jsonld_builders[model] = builder


def jsonld_builder(obj) -> Callable | None:
    for klass in type(obj).__mro__:
        if klass in _jsonld_builders:
            return _jsonld_builders[klass]
    return None


def flat_cell(value, separator: str = "|") -> str | int | float:
    """A record value as one CSV cell: lists joined, ``None`` empty, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return separator.join(str(flat_cell(item, separator)) for item in value)
    if isinstance(value, dict):
        return separator.join(f"{key}={flat_cell(item, separator)}" for key, item in value.items())
    if isinstance(value, (int, float)):
        return value
    return str(value)


def chunked(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
