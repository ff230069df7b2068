"""The public form: steps, a draft behind a private link, and errors that keep what was typed."""

import re

import pytest

from django.urls import reverse

from krisenwissen.contributions.models import Submission, SubmissionEvent

from .journey import CLASSIFICATION, DESCRIPTION, PERSON

pytestmark = pytest.mark.django_db


def test_start_page_explains_the_form_and_asks_an_accessible_question(client, taxonomy):
    response = client.get(reverse("contributions:start"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Praxisbeispiel einreichen" in body
    assert "Schritt 1 von 6" in body
    # The challenge question is the visible label of its field, so screen readers read it out.
    assert 'for="id_challenge_answer"' in body
    assert "Bitte als Zahl eingeben" in body
    # Two separate consents, neither pre-ticked.
    assert 'name="consent_contact"' in body and 'name="consent_public_contact"' in body
    assert "checked" not in body


def test_first_step_creates_a_draft_with_a_private_link(journey):
    response = journey.start()
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == journey.url("kommune")
    assert submission.status == Submission.Status.DRAFT
    assert submission.submitter_email == PERSON["submitter_email"]
    assert submission.consent_contact and not submission.consent_public_contact
    assert len(submission.token) >= 30
    assert [e.kind for e in submission.events.all()] == [SubmissionEvent.Kind.STARTED]
    # The next page shows the private link to come back to.
    page = journey.client.get(response["Location"]).content.decode()
    assert submission.get_absolute_url() in page


def test_errors_keep_everything_typed_and_say_what_to_fix(journey):
    response = journey.start(submitter_email="keine-adresse", submitter_name="")
    body = response.content.decode()
    assert response.status_code == 400
    assert not Submission.objects.exists()
    assert "Bitte korrigieren Sie 2 Angaben" in body
    assert 'value="keine-adresse"' in body
    assert f'value="{PERSON["submitter_role"]}"' in body
    assert 'aria-invalid="true"' in body
    assert 'href="#id_submitter_email"' in body


def test_description_errors_keep_the_text(journey):
    journey.start()
    data = {**DESCRIPTION, "end_year": "2019", "summary": "x" * 401}
    response = journey.post("beschreibung", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Das Ende darf nicht vor dem Beginn liegen." in body
    assert "höchstens 400 Zeichen" in body
    assert DESCRIPTION["description"] in body
    journey.submission.refresh_from_db()
    assert "title" not in journey.submission.data


def test_classification_is_offered_as_checkboxes_with_explanations(journey):
    journey.start()
    body = journey.client.get(journey.url("einordnung")).content.decode()
    assert 'type="checkbox" name="themes" value="vulnerable-gruppen"' in body
    assert 'class="term-hint"' in body
    assert "<legend>" in body or "<legend " in body
    response = journey.post("einordnung", {**CLASSIFICATION, "themes": []})
    assert response.status_code == 400
    # The other ticks survive the error.
    assert re.search(r'name="crisis_types" value="hitze"[^>]*checked', response.content.decode())


def test_municipality_is_found_in_the_registry_without_javascript(journey, koeln):
    journey.start()
    response = journey.post("kommune", {"place_query": "Stadt Köln", "search": "1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert f'value="{koeln.pk}"' in body
    assert "Köln (Nordrhein-Westfalen, AGS 05315000)" in body
    response = journey.post("kommune", {"place_query": "Stadt Köln", "place": str(koeln.pk)})
    assert response.status_code == 302
    journey.submission.refresh_from_db()
    assert journey.submission.place == koeln


def test_municipality_from_the_type_ahead_label(journey, koeln, client):
    suggestions = client.get(reverse("contributions:place_suggestions"), {"q": "Kö"}).json()["results"]
    assert {"label": "Köln (Nordrhein-Westfalen, AGS 05315000)"} in suggestions
    journey.start()
    response = journey.post("kommune", {"place_query": suggestions[0]["label"]})
    assert response.status_code == 302
    journey.submission.refresh_from_db()
    assert journey.submission.place == koeln


def test_unknown_municipality_says_so_and_keeps_the_input(journey):
    journey.start()
    response = journey.post("kommune", {"place_query": "Gibtsnichthausen"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "keine Kommune gefunden" in body
    assert 'value="Gibtsnichthausen"' in body


def test_review_lists_missing_steps_and_refuses_to_send(journey):
    journey.start()
    response = journey.send()
    body = response.content.decode()
    assert response.status_code == 400
    assert "Es fehlen noch Angaben" in body
    journey.submission.refresh_from_db()
    assert journey.submission.status == Submission.Status.DRAFT


def test_the_private_link_shows_the_status_and_continues_the_draft(journey, client):
    journey.start()
    journey.post("kommune", {"place_query": "Köln"})
    page = client.get(journey.submission.get_absolute_url()).content.decode()
    assert "Entwurf" in page
    assert journey.url("beschreibung") in page


def test_unknown_token_is_a_404(client, taxonomy):
    assert client.get("/einreichen/nichtda123/").status_code == 404
    assert client.get("/einreichen/nichtda123/kommune/").status_code == 404
