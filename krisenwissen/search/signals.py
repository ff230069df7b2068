"""Keep the index in step with the content: publish, unpublish, edit and delete update it at once.

Snippets with drafts (``DraftStateMixin``) announce publishing through Wagtail's ``published`` and
``unpublished`` signals; ``post_save`` covers every other save (a live object edited in code, a
model without drafts), and ``post_delete`` removes the document. A save of a draft of a live
object does not touch its live row, so the document stays as the public sees it.
"""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save

from wagtail.signals import published, unpublished

from . import indexing
from .registry import mark_connected, registered

logger = logging.getLogger(__name__)


def _safely(action, instance):
    # Search must never make saving content fail; a failed update is logged, and
    # ``manage.py rebuild_search_index`` repairs it.
    try:
        action(instance)
    except Exception:
        logger.exception("Updating the search index for %r failed.", instance)


def _index(instance):
    if not indexing.defer(instance):
        indexing.index_object(instance)


def on_published(sender, instance, **kwargs):
    _safely(_index, instance)


def on_unpublished(sender, instance, **kwargs):
    _safely(indexing.remove_object, instance)


def on_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    _safely(_index, instance)


def on_deleted(sender, instance, **kwargs):
    _safely(indexing.remove_object, instance)


def _uid(model) -> str:
    return f"search-{model._meta.label_lower}"


def connect_model(model) -> None:
    uid = _uid(model)
    published.connect(on_published, sender=model, dispatch_uid=f"{uid}-published")
    unpublished.connect(on_unpublished, sender=model, dispatch_uid=f"{uid}-unpublished")
    post_save.connect(on_saved, sender=model, dispatch_uid=f"{uid}-saved")
    post_delete.connect(on_deleted, sender=model, dispatch_uid=f"{uid}-deleted")


def disconnect_model(model) -> None:
    uid = _uid(model)
    published.disconnect(sender=model, dispatch_uid=f"{uid}-published")
    unpublished.disconnect(sender=model, dispatch_uid=f"{uid}-unpublished")
    post_save.disconnect(sender=model, dispatch_uid=f"{uid}-saved")
    post_delete.disconnect(sender=model, dispatch_uid=f"{uid}-deleted")


def connect() -> None:
    for model, _adapter in registered():
        connect_model(model)
    mark_connected()
