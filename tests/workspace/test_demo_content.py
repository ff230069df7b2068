from krisenwissen.places.models import Place
from krisenwissen.workspace import demo_content
from krisenwissen.workspace.models import Membership, Role, Workspace
from tests.factories import PlaceFactory


def lueneburg():
    # The session-wide registry load of other modules may already hold the real row.
    return Place.objects.filter(key=demo_content.DEMO_PLACE_KEY).first() or PlaceFactory(
        key=demo_content.DEMO_PLACE_KEY, name="Lüneburg", slug="lueneburg"
    )


def test_demo_workspace_with_one_person_per_role_idempotent(db, settings):
    settings.DEBUG = False
    lueneburg()

    summary = demo_content.load()
    demo_content.load()

    workspace = Workspace.objects.get(slug=demo_content.DEMO_WORKSPACE_SLUG)
    assert workspace.is_demo and "Demo" in workspace.name
    assert sorted(Membership.objects.filter(workspace=workspace).values_list("role", flat=True)) == sorted(Role.values)
    assert demo_content.DEMO_PASSWORD not in summary


def test_credentials_are_printed_only_in_debug(db, settings):
    lueneburg()
    settings.DEBUG = True
    assert demo_content.DEMO_PASSWORD in demo_content.load()


def test_without_the_registry_the_demo_is_skipped(db):
    Place.objects.filter(key=demo_content.DEMO_PLACE_KEY).delete()  # rolled back after the test
    assert "übersprungen" in demo_content.load()
