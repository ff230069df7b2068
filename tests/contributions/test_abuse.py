"""Spam and abuse: honeypot, arithmetic challenge, per-IP rate limits."""

import pytest

from django.urls import reverse

from krisenwissen.contributions import challenge
from krisenwissen.contributions.models import Submission

from .journey import PERSON, solved_challenge

pytestmark = pytest.mark.django_db


def test_filled_honeypot_creates_nothing(journey):
    response = journey.start(website="http://spam.example")
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_honeypot_is_hidden_from_everyone(client, taxonomy):
    body = client.get(reverse("contributions:start")).content.decode()
    assert '<div class="contribution-honeypot">' in body


def test_wrong_answer_gets_a_new_question_and_keeps_the_rest(journey):
    response = journey.start(challenge_answer="999")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Die Antwort auf die Sicherheitsfrage stimmt nicht" in body
    assert f'value="{PERSON["submitter_name"]}"' in body
    assert not Submission.objects.exists()


def test_tampered_or_missing_challenge_fails(journey):
    data = solved_challenge()
    assert journey.start(challenge_token=data["challenge_token"] + "x").status_code == 400
    assert journey.start(challenge_token="", challenge_answer="7").status_code == 400
    assert not Submission.objects.exists()


def test_answer_may_be_written_as_a_word():
    _question, token = challenge.new_challenge()
    from django.core import signing

    expected = signing.loads(token, salt=challenge.SALT)["a"]
    words = {7: "sieben", 10: "zehn", 12: "zwölf"}
    if expected in words:
        assert challenge.is_correct(token, words[expected].upper())
    assert challenge.is_correct(token, f" {expected} ")
    assert not challenge.is_correct(token, str(expected + 1))


def test_rate_limit_per_ip_on_new_drafts(journey, client, settings):
    settings.CONTRIBUTIONS_RATE_LIMITS = {"start": "2/h"}
    assert journey.start().status_code == 302
    assert journey.start().status_code == 302
    response = journey.start()
    assert response.status_code == 429
    assert "sehr viele Anfragen" in response.content.decode()
    assert Submission.objects.count() == 2
    # Another address is not affected.
    other = client.post(reverse("contributions:start"), {**PERSON, **solved_challenge()}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_rate_limit_on_sending(journey, settings):
    settings.CONTRIBUTIONS_RATE_LIMITS = {"send": "1/h"}
    journey.fill_all()
    assert journey.send().status_code == 302
    journey.submission.status = Submission.Status.DRAFT
    journey.submission.save()
    assert journey.send().status_code == 429


def test_rate_limit_stores_no_ip_address(journey, settings):
    from django.db import connection

    journey.start(remote_addr="198.51.100.23")
    table = settings.CACHES[settings.RATELIMIT_USE_CACHE]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")  # noqa: S608 - table name from settings
        keys = [row[0] for row in cursor.fetchall()]
    assert keys, "the request was counted"
    assert not any("198.51.100.23" in key for key in keys)
