"""Factories for test data built in code.

Taxonomy terms are fetched or created by slug, so a test can say ``themes=["hochwasser"]`` and
rely on one term per slug across factories. ``PracticeFactory`` creates a place and the required
terms on its own; many-to-many fields accept slugs or term instances::

    PracticeFactory(themes=["krisenkommunikation"], crisis_types=["hitze"], stellschrauben=[3, 6],
                    municipality__state="Bayern", start_year=2021)
"""

import factory
from factory.django import DjangoModelFactory

from krisenwissen.places.models import Place
from krisenwissen.practices.models import Practice, PracticeRelation
from krisenwissen.taxonomy import models as taxonomy


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place

    key = factory.Sequence(lambda n: f"test:{n}")
    level = Place.Level.GEMEINDE
    ags = factory.Sequence(lambda n: f"99{n:06d}")  # Land "99" does not exist, so never clashes with the registry
    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    official_kind = "Stadt"
    slug = factory.Sequence(lambda n: f"musterstadt-{n}")
    country = "DE"
    state = "Nordrhein-Westfalen"
    population = 50_000  # size class "mittelstadt", derived on save


def _term_factory(model, **extra):
    class Meta:
        django_get_or_create = ("slug",)

    Meta.model = model
    attrs = {
        "Meta": Meta,
        "slug": factory.Sequence(lambda n: f"{model.__name__.lower()}-{n}"),
        "name_de": factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize()),
        "name_en": factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize()),
        **extra,
    }
    return type(f"{model.__name__}Factory", (DjangoModelFactory,), attrs)


ThemeFactory = _term_factory(taxonomy.Theme)
CrisisTypeFactory = _term_factory(taxonomy.CrisisType)
PhaseFactory = _term_factory(taxonomy.Phase)
InnovationTypeFactory = _term_factory(taxonomy.InnovationType)
OriginFactory = _term_factory(taxonomy.Origin)
MaturityFactory = _term_factory(taxonomy.Maturity)
ActorFactory = _term_factory(taxonomy.Actor)
TargetGroupFactory = _term_factory(taxonomy.TargetGroup)


class LeverFactory(DjangoModelFactory):
    """A Stellschraube; its slug is its number as a string, as in the shipped vocabulary."""

    class Meta:
        model = taxonomy.Lever
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n % 7 + 1)
    slug = factory.LazyAttribute(lambda o: str(o.number))
    name_de = factory.LazyAttribute(lambda o: f"Stellschraube {o.number}")
    name_en = factory.LazyAttribute(lambda o: f"Lever {o.number}")
    short_name_de = factory.LazyAttribute(lambda o: f"Kurzname {o.number}")
    short_name_en = factory.LazyAttribute(lambda o: f"Short name {o.number}")


TERM_FACTORIES = {
    "themes": ThemeFactory,
    "crisis_types": CrisisTypeFactory,
    "phases": PhaseFactory,
    "innovation_type": InnovationTypeFactory,
    "origin": OriginFactory,
    "maturity": MaturityFactory,
    "actors": ActorFactory,
    "target_groups": TargetGroupFactory,
}


def term(vocabulary: str, value):
    """The term of ``vocabulary`` for a slug (or Lever number), created if needed; instances pass through."""
    if not isinstance(value, (str, int)):
        return value
    if vocabulary in {"stellschrauben", "levers"}:
        return LeverFactory(number=int(value))
    return TERM_FACTORIES[vocabulary](slug=value)


def _terms_hook(vocabulary: str, field_name: str):
    def hook(obj, create, extracted, **kwargs):
        if extracted:
            getattr(obj, field_name).set([term(vocabulary, value) for value in extracted])

    hook.__name__ = field_name
    return factory.PostGeneration(hook)


class PracticeFactory(DjangoModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    external_id = factory.Sequence(lambda n: f"PX-T-{n:04d}")
    title = factory.Sequence(lambda n: f"Praxisbeispiel {n}")
    summary = "Eine kurze Zusammenfassung des Praxisbeispiels."
    description = "Ausgangslage.\n\nVorgehen und Wirkung."
    lessons_learned = "Früh anfangen."
    language = "de"
    municipality = factory.SubFactory(PlaceFactory)
    innovation_type = factory.Transformer("prozess", transform=lambda v: term("innovation_type", v))
    origin = factory.Transformer("emergent", transform=lambda v: term("origin", v))
    maturity = factory.Transformer("pilot", transform=lambda v: term("maturity", v))
    start_year = 2020
    end_year = None
    live = True
    is_demo = False

    themes = _terms_hook("themes", "themes")
    crisis_types = _terms_hook("crisis_types", "crisis_types")
    phases = _terms_hook("phases", "phases")
    actors = _terms_hook("actors", "actors")
    target_groups = _terms_hook("target_groups", "target_groups")
    stellschrauben = _terms_hook("stellschrauben", "levers")

    @factory.post_generation
    def related_practices(obj, create, extracted, **kwargs):
        if extracted:
            for practice in extracted:
                PracticeRelation.objects.create(practice=obj, related=practice)

    @factory.post_generation
    def keywords(obj, create, extracted, **kwargs):
        if extracted:
            obj.keywords.set(extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # Parental many-to-many values are kept in memory until the practice is saved.
        if create:
            instance.save()
