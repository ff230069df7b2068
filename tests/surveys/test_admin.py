"""Editors paste survey results in the CMS; table errors are explained with their line numbers."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from krisenwissen.surveys.models import Survey
from krisenwissen.taxonomy.services import load_taxonomy

pytestmark = pytest.mark.django_db
ADD = "wagtailsnippets_surveys_survey:add"


@pytest.fixture
def editor(client):
    load_taxonomy()
    user = get_user_model().objects.create_user("redakteurin", "r@example.org", "geheim-passwort-123")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def form(table, **overrides):
    return nested_form_data(
        {
            "title": "Dritte Welle",
            "wave": "3",
            "period": "",
            "summary": "Kurz.",
            "method": "",
            "population": "Alle Kreise",
            "population_size": "400",
            "responses": "120",
            "response_rate": "",
            "participation_source": "",
            "slug": "",
            "questions": inline_formset(
                [
                    {
                        "text": "Gibt es einen Stab?",
                        "kind": "single",
                        "unit": "percent",
                        "table": table,
                        "note": "",
                        "is_demo": "on",
                    }
                ]
            ),
            **overrides,
        }
    )


def test_editor_publishes_a_survey(client, editor):
    response = client.post(reverse(ADD), form("Gruppe;n;Ja;Nein\nGesamt;120;80;20", **{"action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get()
    assert survey.live and survey.rate == 30
    assert client.get(survey.get_absolute_url()).status_code == 200


def test_table_errors_are_shown_in_the_form(client, editor):
    response = client.post(reverse(ADD), form("Gruppe;n;Ja;Nein\nGesamt;120;80;20\nLand: Atlantis;3;1;2"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Zeile 3: „Land: Atlantis“ ist keine bekannte Gruppe" in page
    assert not Survey.objects.exists()


def test_more_responses_than_asked_is_refused(client, editor):
    response = client.post(reverse(ADD), form("Gruppe;n;Ja;Nein\nGesamt;120;80;20", responses="500"))
    assert "Es können nicht mehr teilnehmen, als angeschrieben wurden." in response.content.decode()
