"""Editors see possible duplicates of a submission: same municipality, similar title or summary."""

import pytest

from django.urls import reverse

from krisenwissen.contributions.duplicates import find_duplicates
from tests.factories import PlaceFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def test_similar_practice_of_the_same_municipality_is_a_candidate(journey, koeln):
    same = PracticeFactory(title="Seniorinnen-Hitzetelefon für Alleinlebende", municipality=koeln)
    PracticeFactory(title="Hochwasserwarnung per Sirene", summary="Sirenen warnen.", municipality=koeln)
    elsewhere = PracticeFactory(title="Hitzetelefon für allein lebende Seniorinnen", municipality=PlaceFactory())
    practice = journey.submit_and_confirm().practice
    candidates = find_duplicates(practice)
    assert [c["practice"] for c in candidates] == [same]
    assert elsewhere not in [c["practice"] for c in candidates]
    assert candidates[0]["title_score"] >= 60


def test_similar_summary_alone_is_enough(journey, koeln):
    same = PracticeFactory(
        title="Sommeraktion",
        summary="Ehrenamtliche rufen bei Hitzewarnungen ältere Menschen an, die allein leben.",
        municipality=koeln,
    )
    practice = journey.submit_and_confirm().practice
    assert [c["practice"] for c in find_duplicates(practice)] == [same]


def test_editor_sees_the_warning_in_the_edit_view(journey, client, editor, koeln):
    same = PracticeFactory(title="Hitzetelefon für Seniorinnen", municipality=koeln)
    practice = journey.submit_and_confirm().practice
    client.force_login(editor)
    body = client.get(reverse("wagtailsnippets_practices_practice:edit", args=[practice.pk])).content.decode()
    assert "Mögliche Dubletten" in body
    assert same.title in body
    # A practice without a submission behind it shows no warning.
    body = client.get(reverse("wagtailsnippets_practices_practice:edit", args=[same.pk])).content.decode()
    assert "Mögliche Dubletten:" not in body


def test_submission_list_and_history_in_the_cms(journey, client, editor):
    submission = journey.submit_and_confirm()
    client.force_login(editor)
    listing = client.get(reverse("submissions:index"))
    assert listing.status_code == 200
    assert "Hitzetelefon für allein lebende Seniorinnen" in listing.content.decode()
    inspect = client.get(reverse("submissions:inspect", args=[submission.pk])).content.decode()
    assert "E-Mail-Adresse bestätigt, an die Redaktion übergeben" in inspect
