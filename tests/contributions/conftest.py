import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from krisenwissen.places.models import Place
from krisenwissen.taxonomy.services import load_taxonomy
from tests.factories import PlaceFactory

from .journey import SubmissionJourney


@pytest.fixture
def taxonomy(db):
    load_taxonomy()


@pytest.fixture
def koeln(db):
    # Reuse the registry row when another test module has loaded the registry in this session.
    return Place.objects.filter(key="05315000").first() or PlaceFactory(
        name="Köln", slug="koeln", key="05315000", ags="05315000", state="Nordrhein-Westfalen", population=1_080_000
    )


@pytest.fixture
def journey(client, taxonomy, koeln, django_capture_on_commit_callbacks):
    return SubmissionJourney(client, koeln, on_commit=django_capture_on_commit_callbacks)


def make_user(username: str, group: str, **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "geheim-passwort-123", **extra)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return make_user("redakteurin", "Editors")


@pytest.fixture
def reviewer(db):
    return make_user("gutachter", "Reviewers")
