"""Which content types are searchable, and how: each type registers a :class:`SearchAdapter`.

An app makes its content searchable with a module ``search_index.py`` that calls
:func:`register` (it is imported when the search app starts), e.g.::

    from krisenwissen.search.registry import SearchAdapter, register

    register(Literature, SearchAdapter(kind="literature", label=_("Literatur"), fields={...}))

Practices register in :mod:`krisenwissen.search.builtin` until the practices app takes it over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models


@dataclass
class SearchAdapter:
    """How a content type is indexed.

    ``fields`` maps an index field (``title``, ``summary``, ``body``, ``keywords``, ``place``) to
    a function returning its text for an object; :data:`FIELD_WEIGHTS` in the engine says how much
    each index field counts.
    """

    kind: str  #: stable key used in URLs and the API (``type=practice``)
    label: object  #: human-readable, translatable (singular)
    label_plural: object
    fields: dict[str, Callable[[models.Model], str]]
    public_queryset: Callable[[], models.QuerySet]
    is_public: Callable[[models.Model], bool]
    url: Callable[[models.Model], str]
    language: Callable[[models.Model], str] = lambda obj: "de"
    external_id: Callable[[models.Model], str] = lambda obj: ""
    title: Callable[[models.Model], str] = str
    summary: Callable[[models.Model], str] = lambda obj: ""
    #: text for the sentence embedding (short: title, summary, keywords)
    embedding_text: Callable[[models.Model], str] | None = None
    prefetch: tuple[str, ...] = field(default_factory=tuple)
    select: tuple[str, ...] = field(default_factory=tuple)


_adapters: dict[type[models.Model], SearchAdapter] = {}


def register(model: type[models.Model], adapter: SearchAdapter) -> None:
    """Make ``model`` searchable; call from the app's ``search_index.py``.

    Saves and deletions of ``model`` then update the index (:mod:`.signals`); content loaded with
    ``bulk_create`` is indexed with :func:`krisenwissen.search.indexing.index_model`, and loaders
    that save many objects one by one wrap them in :func:`krisenwissen.search.indexing.deferred`.
    """
    _adapters[model] = adapter
    if _connected:
        from .signals import connect_model

        connect_model(model)


def unregister(model: type[models.Model]) -> None:
    """The opposite of :func:`register` (tests; a type that is switched off)."""
    _adapters.pop(model, None)
    from .signals import disconnect_model

    disconnect_model(model)


_connected = False


def mark_connected() -> None:
    """Called once the search app has connected its signals: later registrations connect themselves."""
    global _connected
    _connected = True


def adapter_for(model_or_obj) -> SearchAdapter | None:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    model = model._meta.concrete_model
    return _adapters.get(model)


def registered() -> Iterable[tuple[type[models.Model], SearchAdapter]]:
    return list(_adapters.items())


def kinds() -> dict[str, SearchAdapter]:
    return {adapter.kind: adapter for adapter in _adapters.values()}
