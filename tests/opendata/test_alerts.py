"""E-mail alerts: double opt-in, weekly digest with one-click unsubscribe, minimal data."""

import datetime
import re

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from krisenwissen.opendata import alerts
from krisenwissen.opendata.models import AlertSubscription
from krisenwissen.practices.models import Practice
from tests.factories import PracticeFactory

SUBSCRIBE = "/daten/benachrichtigungen/"
FILTER = "themes=vulnerable-gruppen&state=Nordrhein-Westfalen"


def link(pattern: str, body: str) -> str:
    return re.search(rf"http://testserver({pattern}[^\s]+)", body).group(1)


def subscribe(client, email="ana@example.org", query=FILTER, consent=True):
    data = {"email": email}
    if consent:
        data["consent"] = "1"
    for pair in query.split("&"):
        key, value = pair.split("=")
        data[key] = value
    return client.post(SUBSCRIBE, data)


def test_form_shows_the_filter_of_the_list(client, corpus):
    response = client.get(f"{SUBSCRIBE}?{FILTER}&sort=title&page=2")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nordrhein-Westfalen" in html and 'name="themes" value="vulnerable-gruppen"' in html
    assert 'name="sort"' not in html and 'name="page"' not in html


def test_text_search_is_part_of_the_alert_but_order_is_not(client, corpus):
    subscribe(client, query="q=Hitze&sort=title&themes=vulnerable-gruppen")
    assert AlertSubscription.objects.get().query == "q=Hitze&themes=vulnerable-gruppen"


def test_double_opt_in(client, corpus):
    response = subscribe(client)
    assert response.status_code == 200
    assert "Bestätigungslink" in response.content.decode()
    subscription = AlertSubscription.objects.get()
    assert subscription.email == "ana@example.org"
    assert subscription.query == "themes=vulnerable-gruppen&state=Nordrhein-Westfalen"
    assert subscription.confirmed_at is None
    assert len(mail.outbox) == 1
    confirm_path = link("/daten/benachrichtigungen/bestaetigen/", mail.outbox[0].body)

    # Opening the link (a mail scanner does) does not confirm; the button does.
    assert client.get(confirm_path).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert "eingeschaltet" in client.post(confirm_path).content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_invalid_input_keeps_what_was_typed(client, corpus):
    response = subscribe(client, email="keine-adresse")
    assert response.status_code == 422
    html = response.content.decode()
    assert "gültige E-Mail-Adresse" in html and 'value="keine-adresse"' in html
    response = subscribe(client, consent=False)
    assert response.status_code == 422 and "einverstanden" in response.content.decode()
    assert not AlertSubscription.objects.exists() and not mail.outbox


def test_repeated_subscribe_does_not_mail_again_or_reveal_anything(client, corpus):
    subscribe(client)
    again = subscribe(client)
    assert again.status_code == 200 and len(mail.outbox) == 1
    assert AlertSubscription.objects.count() == 1


def test_forged_or_expired_confirm_link_is_refused(client, corpus):
    subscribe(client)
    subscription = AlertSubscription.objects.get()
    assert client.post("/daten/benachrichtigungen/bestaetigen/falsch/").status_code == 404
    token = alerts.confirm_token(subscription)
    later = timezone.now() + datetime.timedelta(days=8)
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        assert client.post(f"/daten/benachrichtigungen/bestaetigen/{token}/").status_code == 404
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


@pytest.fixture
def confirmed(corpus):
    subscription = AlertSubscription.objects.create(
        email="ana@example.org", query=FILTER, confirmed_at=timezone.now() - datetime.timedelta(days=7)
    )
    return subscription


def test_digest_sends_new_matching_practices_with_one_click_unsubscribe(client, confirmed, corpus):
    Practice.objects.filter(pk=corpus["formula"].pk).update(updated_at=timezone.now())
    outside = PracticeFactory(title="In Bayern", themes=["vulnerable-gruppen"], municipality__state="Bayern")
    call_command("send_alert_digests", base_url="http://testserver")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert corpus["formula"].title in message.body
    assert outside.title not in message.body and "Geheimer Entwurf" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(r"<http://testserver(.+)>", message.extra_headers["List-Unsubscribe"]).group(1)
    assert unsubscribe in message.body

    # A second run in the same week sends nothing.
    call_command("send_alert_digests", base_url="http://testserver")
    assert len(mail.outbox) == 1

    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" without cookies or CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not AlertSubscription.objects.exists()


def test_no_digest_without_news(confirmed, corpus):
    Practice.objects.update(updated_at=timezone.now() - datetime.timedelta(days=30))
    call_command("send_alert_digests", base_url="http://testserver")
    assert mail.outbox == []


def test_unsubscribe_with_forged_token_deletes_nothing(client, confirmed):
    assert client.get("/daten/benachrichtigungen/abmelden/abc:def/").status_code == 404
    client.post("/daten/benachrichtigungen/abmelden/abc:def/")
    assert AlertSubscription.objects.count() == 1


def test_unconfirmed_subscriptions_are_deleted_after_a_week(db):
    stale = AlertSubscription.objects.create(email="alt@example.org")
    AlertSubscription.objects.filter(pk=stale.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    AlertSubscription.objects.create(email="neu@example.org")
    call_command("send_alert_digests", base_url="http://testserver")
    assert list(AlertSubscription.objects.values_list("email", flat=True)) == ["neu@example.org"]


def test_stored_data_is_minimal():
    fields = {field.name for field in AlertSubscription._meta.get_fields()}
    assert fields == {"id", "email", "query", "token", "created_at", "confirmed_at", "last_sent_at"}
