"""Editors maintain practices in the CMS: drafts, revisions, preview, publishing and moderation."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Workflow, WorkflowContentType
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from krisenwissen.places.models import Place
from krisenwissen.practices.models import Practice
from krisenwissen.taxonomy.models import CrisisType, InnovationType, Lever, Maturity, Origin, Phase, Theme
from krisenwissen.taxonomy.services import load_taxonomy

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    load_taxonomy()
    user = get_user_model().objects.create_user("redakteurin", "r@example.org", "geheim-passwort-123")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def place():
    # Reuse the registry row when another test module has loaded the registry in this session.
    place, _ = Place.objects.get_or_create(
        key="05315000",
        defaults={
            "level": "gemeinde",
            "ags": "05315000",
            "name": "Köln",
            "slug": "koeln-05315000",
            "state": "Nordrhein-Westfalen",
            "population": 1_080_000,
        },
    )
    return place


def practice_form(place, **overrides):
    data = {
        "title": "Hitzetelefon für ältere Menschen",
        "summary": "Ehrenamtliche rufen bei Hitzewarnungen allein lebende ältere Menschen an.",
        "description": "Ausführliche Beschreibung des Hitzetelefons.",
        "lessons_learned": "",
        "language": "de",
        "start_year": "2022",
        "end_year": "",
        "municipality": str(place.pk),
        "municipality_label": "",
        "images": inline_formset([]),
        "attachments": inline_formset([]),
        "links": inline_formset([]),
        "related_links": inline_formset([]),
        "innovation_type": str(InnovationType.objects.get(slug="soziale-innovation").pk),
        "origin": str(Origin.objects.get(slug="gezielt").pk),
        "maturity": str(Maturity.objects.get(slug="pilot").pk),
        "keywords": "Hitze, Telefonkette",
        "slug": "",
        "external_id": "",
        "last_reviewed": "",
        "contact_name": "",
        "contact_role": "",
        "contact_organisation": "",
        "contact_email": "",
        "contact_phone": "",
    }
    data.update(overrides)
    form = nested_form_data(data)
    # Multiple-choice fields are posted as repeated keys, which nested_form_data would flatten.
    form["themes"] = [str(Theme.objects.get(slug="vulnerable-gruppen").pk)]
    form["crisis_types"] = [str(CrisisType.objects.get(slug="hitze").pk)]
    form["phases"] = [str(Phase.objects.get(slug="bewaeltigung").pk)]
    form["levers"] = [str(Lever.objects.get(number=6).pk)]
    return form


def test_editor_saves_a_draft_that_the_public_does_not_see(client, editor, place):
    response = client.post(reverse("wagtailsnippets_practices_practice:add"), practice_form(place))
    assert response.status_code == 302
    practice = Practice.objects.get(title="Hitzetelefon für ältere Menschen")
    assert practice.live is False
    assert practice.slug == "hitzetelefon-fuer-aeltere-menschen"
    assert practice.revisions.count() == 1
    assert list(practice.themes.values_list("slug", flat=True)) == ["vulnerable-gruppen"]
    assert sorted(practice.keywords.names()) == ["Hitze", "Telefonkette"]

    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_editor_publishes_and_edits_keep_revisions(client, editor, place):
    client.post(
        reverse("wagtailsnippets_practices_practice:add"), practice_form(place, **{"action-publish": "publish"})
    )
    practice = Practice.objects.get(title="Hitzetelefon für ältere Menschen")
    assert practice.live is True

    edit_url = reverse("wagtailsnippets_practices_practice:edit", args=[practice.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, practice_form(place, title="Hitzetelefon (überarbeitet)"))
    assert response.status_code == 302
    practice.refresh_from_db()
    # A saved draft of a live practice leaves the public version untouched until it is published.
    assert practice.title == "Hitzetelefon für ältere Menschen"
    assert practice.has_unpublished_changes is True
    assert practice.revisions.count() == 2
    assert practice.latest_revision.as_object().title == "Hitzetelefon (überarbeitet)"


def test_preview_renders_an_unpublished_draft(client, editor, place):
    preview_url = reverse("wagtailsnippets_practices_practice:preview_on_add")
    response = client.post(preview_url, practice_form(place, title="Vorschau-Titel"))
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Vorschau-Titel" in response.content.decode()


def test_invalid_form_keeps_input_and_explains(client, editor, place):
    response = client.post(
        reverse("wagtailsnippets_practices_practice:add"),
        practice_form(place, start_year="2022", end_year="2019", summary="Bleibt erhalten"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Das Ende darf nicht vor dem Beginn liegen." in body
    assert "Bleibt erhalten" in body
    assert not Practice.objects.exists()


def test_practices_are_moderated_by_a_workflow():
    workflow = WorkflowContentType.objects.get(
        content_type__app_label="practices", content_type__model="practice"
    ).workflow
    assert isinstance(workflow, Workflow)
    assert workflow.active
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_editor_group_may_publish_practices_and_edit_taxonomy():
    perms = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_practice", "change_practice", "publish_practice", "add_theme", "change_lever"} <= perms


def test_editor_chooses_related_practices_through_the_chooser(client, editor, place):
    client.post(
        reverse("wagtailsnippets_practices_practice:add"), practice_form(place, **{"action-publish": "publish"})
    )
    first = Practice.objects.get()
    form = practice_form(
        place,
        title="Zweites Beispiel",
        related_links=inline_formset([{"related": str(first.pk)}]),
        **{"action-publish": "publish"},
    )
    response = client.post(reverse("wagtailsnippets_practices_practice:add"), form)
    assert response.status_code == 302
    second = Practice.objects.get(title="Zweites Beispiel")
    assert [link.related for link in second.related_links.all()] == [first]
    # The edit form offers a chooser, not a select box listing every practice.
    edit = client.get(reverse("wagtailsnippets_practices_practice:edit", args=[second.pk])).content.decode()
    assert 'name="related_links-0-related"' in edit
    assert "<select" not in edit.split('name="related_links-0-related"')[0][-300:]
