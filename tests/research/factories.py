"""Factories for the knowledge sections of CONTENT-A: research projects, news, events, training, publications.

Every factory creates a published record (``live=True``) unless told otherwise; many-to-many
fields accept slugs (levers: numbers) and are set after creation::

    ResearchProjectFactory(themes=["krisenkommunikation"], stellschrauben=[6], funder="DFG")
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from krisenwissen.news.models import Audience, Event, Format, NewsItem, TrainingModule, TrainingOffer
from krisenwissen.publications.models import Publication, PublicationKind
from krisenwissen.research.models import ResearchPartner, ResearchProject
from krisenwissen.taxonomy import models as taxonomy


def _set_terms(obj, relation, model, values, field="slug"):
    if values:
        getattr(obj, relation).set(model.objects.filter(**{f"{field}__in": values}))


def _terms_post(relation, model, field="slug"):
    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            _set_terms(obj, relation, model, extracted, field)

    hook.__name__ = relation
    return factory.PostGeneration(hook)


class SnippetFactory(DjangoModelFactory):
    """Saves once more after the post-generation hooks: parental many-to-many values live in memory until then."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class ResearchProjectFactory(SnippetFactory):
    class Meta:
        model = ResearchProject

    title = factory.Sequence(lambda n: f"Forschungsprojekt {n}")
    acronym = factory.Sequence(lambda n: f"FP{n}")
    summary = "Ein Projekt zur Krisenvorsorge in Kommunen."
    funder = "BMBF"
    programme = "Zivile Sicherheit"
    start_date = datetime.date(2022, 1, 1)
    end_date = datetime.date(2024, 12, 31)
    lead = "Hochschule Musterstadt"
    live = True
    themes = _terms_post("themes", taxonomy.Theme)
    crisis_types = _terms_post("crisis_types", taxonomy.CrisisType)
    target_groups = _terms_post("target_groups", taxonomy.TargetGroup)
    stellschrauben = _terms_post("levers", taxonomy.Lever, "number")


class ResearchPartnerFactory(DjangoModelFactory):
    class Meta:
        model = ResearchPartner

    project = factory.SubFactory(ResearchProjectFactory)
    name = factory.Sequence(lambda n: f"Partnerinstitut {n}")


class NewsItemFactory(SnippetFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Meldung {n}")
    date = datetime.date(2026, 3, 1)
    teaser = "Kurz gesagt."
    body = "<p>Der Text der Meldung.</p>"
    live = True
    themes = _terms_post("themes", taxonomy.Theme)


class EventFactory(SnippetFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Termin {n}")
    teaser = "Ein Austausch über Krisenstäbe."
    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=10))
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 30)
    format = Format.ON_SITE
    venue = "Rathaus"
    city = "Musterstadt"
    live = True
    themes = _terms_post("themes", taxonomy.Theme)
    audiences = _terms_post("audiences", Audience)


class TrainingOfferFactory(SnippetFactory):
    class Meta:
        model = TrainingOffer

    title = factory.Sequence(lambda n: f"Fortbildung {n}")
    summary = "Grundlagen der Stabsarbeit."
    provider = "Akademie Musterstadt"
    duration = "2 Tage"
    live = True
    themes = _terms_post("themes", taxonomy.Theme)
    audiences = _terms_post("audiences", Audience)


class TrainingModuleFactory(DjangoModelFactory):
    class Meta:
        model = TrainingModule

    offer = factory.SubFactory(TrainingOfferFactory)
    title = factory.Sequence(lambda n: f"Modul {n}")
    duration = "3 Stunden"


class PublicationFactory(SnippetFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"Publikation {n}")
    authors = "Muster, Anna; Beispiel, Ben"
    year = 2024
    kind = PublicationKind.REPORT
    abstract = "Eine Zusammenfassung."
    url = "https://example.org/publikation"
    live = True
    themes = _terms_post("themes", taxonomy.Theme)
    stellschrauben = _terms_post("levers", taxonomy.Lever, "number")
