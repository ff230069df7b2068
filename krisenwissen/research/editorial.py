"""The abstract base of the editorial snippets of the knowledge sections.

Research projects, news, events, training offers and publications are snippets like practices:
many records, filtered rather than browsed as a tree. They share what an editor needs (drafts,
revisions, preview, locking, moderation) and what the public side relies on (``public()``, a
stable slug, the demo flag). The base lives here because the research app was the first to need
it; ``news`` and ``publications`` import it.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from krisenwissen.places.names import german_slugify


class PublicQuerySet(models.QuerySet):
    def public(self):
        """Published records only: the one filter every public view, feed and the API start from."""
        return self.filter(live=True)


class EditorialSnippet(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    #: Used for the slug when the title is empty after transliteration.
    slug_fallback = "eintrag"

    slug = models.SlugField(
        _("Kürzel"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Teil der Adresse; wird aus dem Titel gebildet, wenn es leer bleibt."),
    )
    is_demo = models.BooleanField(
        _("Demo-Inhalt"), default=False, help_text=_("Fiktive Beispieldaten; wird öffentlich deutlich gekennzeichnet.")
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.build_slug()
        super().save(*args, **kwargs)

    def slug_base(self) -> str:
        return self.title

    def build_slug(self) -> str:
        base = german_slugify(self.slug_base())[:100] or self.slug_fallback
        candidate, n = base, 2
        manager = type(self)._default_manager
        while manager.filter(slug=candidate).exclude(pk=self.pk).exists():
            candidate = f"{base}-{n}"
            n += 1
        return candidate
