import factory
from factory.django import DjangoModelFactory

from django.core.files.base import ContentFile

from krisenwissen.interviews.models import Interview, InterviewChapter
from tests.factories import term

VTT = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\n<v Redaktion>Hallo.\n"
#: Not real audio, but bytes whose ranges a test can check.
AUDIO = bytes(range(256)) * 40


class InterviewFactory(DjangoModelFactory):
    class Meta:
        model = Interview
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Interview {n}")
    summary = "Ein Gespräch über Krisenstäbe."
    interviewee_name = "Erika Muster"
    interviewee_role = "Leiterin Ordnungsamt"
    interviewee_organisation = "Stadt Beispielhausen"
    transcript = "Redaktion: Wie fing es an?\n\nErika Muster: Mit einem Anruf um drei Uhr nachts."
    media_file = factory.LazyFunction(lambda: ContentFile(AUDIO, name="gespraech.mp3"))
    captions_file = factory.LazyFunction(lambda: ContentFile(VTT.encode(), name="gespraech.vtt"))
    duration_seconds = 125
    live = True
    is_demo = False

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if extracted:
            obj.themes.set([term("themes", value) for value in extracted])

    @factory.post_generation
    def chapters(obj, create, extracted, **kwargs):
        for start, title in extracted or ():
            obj.chapters.add(InterviewChapter(start=start, title=title))

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()
