"""Demo content of the reflection and assessment apps: added to the demo workspace once, labelled as demo."""

from krisenwissen.assessment import demo_content as assessment_demo
from krisenwissen.assessment.models import Assessment
from krisenwissen.places.models import Place
from krisenwissen.reflection import demo_content as reflection_demo
from krisenwissen.reflection.models import Card, Measure, Reflection
from krisenwissen.workspace import demo_content as workspace_demo
from tests.factories import PlaceFactory


def test_demo_content_is_idempotent_and_lives_in_the_demo_workspace(taxonomy):
    # Another module may have loaded the registry into the test database already.
    if not Place.objects.filter(key=workspace_demo.DEMO_PLACE_KEY).exists():
        PlaceFactory(name="Lüneburg", key=workspace_demo.DEMO_PLACE_KEY, population=71_000)
    workspace_demo.load()
    first = (reflection_demo.load(), assessment_demo.load())
    counts = (Reflection.objects.count(), Card.objects.count(), Measure.objects.count(), Assessment.objects.count())
    second = (reflection_demo.load(), assessment_demo.load())
    assert counts == (1, len(reflection_demo.CARDS), 2, 2)
    assert (
        Reflection.objects.count(),
        Card.objects.count(),
        Measure.objects.count(),
        Assessment.objects.count(),
    ) == counts
    assert "angelegt" in first[0] and second[0] == "Demo-Reflexion vorhanden"
    reflection = Reflection.objects.get()
    assert reflection.workspace.is_demo and "(Demo)" in reflection.title
    assert sum(1 for m in reflection.measures.all() if m.is_overdue()) == 1


def test_without_demo_workspace_nothing_is_added(taxonomy):
    assert reflection_demo.load().startswith("übersprungen")
    assert not Reflection.objects.exists()
