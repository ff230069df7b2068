"""The editing forms of the new content types open in the CMS (panels, choosers and inlines are valid)."""

import pytest

from django.contrib.auth import get_user_model

from wagtail.test.utils.form_data import rich_text

from krisenwissen.recommendations import demo_content
from krisenwissen.recommendations.models import RecommendationIndexPage, RecommendationPage
from tests.research.factories import EventFactory, PublicationFactory, ResearchProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, site):
    user = get_user_model().objects.create_superuser("chefredaktion", "chef@example.org", "geheim-genug-123")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/cms/snippets/research/researchproject/add/",
        "/cms/snippets/news/newsitem/add/",
        "/cms/snippets/news/event/add/",
        "/cms/snippets/news/trainingoffer/add/",
        "/cms/snippets/publications/publication/add/",
    ],
)
def test_snippet_add_forms_open(editor_client, path):
    response = editor_client.get(path)

    assert response.status_code == 200


def test_edit_forms_of_existing_records_and_pages_open(editor_client):
    demo_content.load()
    overview = RecommendationIndexPage.objects.get()
    lever_page = RecommendationPage.objects.get(lever__number=1)
    paths = [
        f"/cms/snippets/research/researchproject/edit/{ResearchProjectFactory().pk}/",
        f"/cms/snippets/news/event/edit/{EventFactory().pk}/",
        f"/cms/snippets/publications/publication/edit/{PublicationFactory().pk}/",
        f"/cms/pages/{overview.pk}/edit/",
        f"/cms/pages/{lever_page.pk}/edit/",
    ]
    for path in paths:
        assert editor_client.get(path).status_code == 200, path


def test_an_editor_can_create_an_event_in_the_cms_as_a_draft(editor_client):
    response = editor_client.post(
        "/cms/snippets/news/event/add/",
        {
            "title": "Fachtag im Entwurf",
            "teaser": "Noch nicht öffentlich.",
            "description": rich_text("<p>Entwurf</p>"),
            "start_date": "2031-05-04",
            "start_time": "",
            "end_date": "",
            "end_time": "",
            "format": "online",
            "venue": "",
            "address": "",
            "city": "",
            "online_note": "",
            "organiser": "",
            "registration_url": "",
            "registration_deadline": "",
            "target_group": "",
            "fee": "",
            "slug": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    from krisenwissen.news.models import Event

    event = Event.objects.get(title="Fachtag im Entwurf")
    assert event.live is False  # saved as a draft until published
    assert editor_client.get("/termine/").content.decode().count("Fachtag im Entwurf") == 0
