"""Freshness: review dates, the dashboard panel, the weekly digest and the "still in use?" link."""

import datetime
import re

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from krisenwissen.contributions import freshness
from krisenwissen.practices.models import Practice, add_months
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def due_practice(**extra):
    practice = PracticeFactory(
        title="Fälliges Hitzetelefon",
        contact_name="Anna Beispiel",
        contact_email="anna@example.org",
        contact_may_be_contacted=True,
        **extra,
    )
    Practice.objects.filter(pk=practice.pk).update(review_by=TODAY - datetime.timedelta(days=3))
    practice.refresh_from_db()
    return practice


def test_published_practice_gets_a_review_date_twelve_months_ahead():
    practice = PracticeFactory()
    assert practice.review_by == add_months(TODAY, 12)
    reviewed = PracticeFactory(last_reviewed=datetime.date(2025, 1, 31))
    assert reviewed.review_by == datetime.date(2026, 1, 31)
    draft = PracticeFactory(live=False)
    assert draft.review_by is None


def test_add_months_handles_short_months():
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 12, 15), 12) == datetime.date(2025, 12, 15)


def test_detail_page_shows_when_it_was_last_reviewed(client):
    practice = PracticeFactory(last_reviewed=datetime.date(2026, 3, 5))
    body = client.get(practice.get_absolute_url()).content.decode()
    assert "Zuletzt geprüft am" in body
    assert "5. März 2026" in body


def test_due_list_contains_due_and_soon_due_published_practices_only():
    due = due_practice()
    soon = PracticeFactory(title="Bald fällig")
    Practice.objects.filter(pk=soon.pk).update(review_by=TODAY + datetime.timedelta(days=10))
    later = PracticeFactory(title="Später")
    hidden = PracticeFactory(title="Entwurf", live=False)
    Practice.objects.filter(pk=hidden.pk).update(review_by=TODAY - datetime.timedelta(days=1))
    assert list(freshness.due_for_review()) == [due, soon]
    assert later not in freshness.due_for_review()


def test_dashboard_panel_lists_due_practices(client, editor):
    due = due_practice()
    client.force_login(editor)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Zur Prüfung fällige Praxisbeispiele (1)" in body
    assert due.title in body
    assert "überfällig" in body


def test_weekly_command_mails_editors_and_asks_the_contact_once(editor):
    due_practice()
    PracticeFactory(title="Ohne Einwilligung", contact_email="nein@example.org", contact_may_be_contacted=False)
    Practice.objects.filter(title="Ohne Einwilligung").update(review_by=TODAY)
    call_command("send_review_reminders")
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    digest = by_recipient[(editor.email,)]
    assert "2 Praxisbeispiele zur Prüfung fällig" in digest.subject
    assert "Fälliges Hitzetelefon" in digest.body and "überfällig" in digest.body
    assert ("anna@example.org",) in by_recipient
    assert ("nein@example.org",) not in by_recipient
    mail.outbox.clear()
    call_command("send_review_reminders")
    assert [m.to for m in mail.outbox] == [[editor.email]]  # the contact is not asked again so soon


def answer_link() -> str:
    message = [m for m in mail.outbox if m.to == ["anna@example.org"]][-1]
    return re.search(r"http\S+/einreichen/aktualitaet/\S+/", message.body).group().split("testserver", 1)[-1]


def test_contact_confirms_with_one_click(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    practice = due_practice()
    freshness.ask_contacts()
    path = answer_link()
    page = client.get(path)
    assert page.status_code == 200
    assert "Ja, das ist noch aktuell" in page.content.decode()
    practice.refresh_from_db()
    assert practice.last_reviewed is None  # opening the link alone changes nothing
    response = client.post(path, {"confirm": "1"})
    assert response.status_code == 200
    practice.refresh_from_db()
    assert practice.last_reviewed == TODAY
    assert practice.review_by == add_months(TODAY, 12)


def test_contact_reports_an_update_to_the_editors(client, settings, editor):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    due_practice()
    freshness.ask_contacts()
    path = answer_link()
    mail.outbox.clear()
    response = client.post(path, {"update": "1", "message": ""})
    assert response.status_code == 400
    assert "Bitte beschreiben Sie kurz" in response.content.decode()
    response = client.post(path, {"update": "1", "message": "Läuft jetzt landkreisweit."})
    assert response.status_code == 200
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert "Läuft jetzt landkreisweit." in message.body


def test_forged_or_foreign_link_is_refused(client):
    practice = due_practice()
    assert client.get("/einreichen/aktualitaet/falsch/").status_code == 400
    code = freshness.make_code(practice)
    assert client.get(f"/einreichen/aktualitaet/{code[:-2]}xx/").status_code == 400
    Practice.objects.filter(pk=practice.pk).update(live=False)
    assert client.get(f"/einreichen/aktualitaet/{code}/").status_code == 404


def test_users_without_editor_rights_get_no_digest():
    get_user_model().objects.create_user("leser", "leser@example.org", "geheim-passwort-123")
    due_practice()
    freshness.send_digest()
    assert all(m.to != ["leser@example.org"] for m in mail.outbox)


def test_demo_content_makes_a_few_demo_practices_due_once():
    from krisenwissen.contributions import demo_content

    PracticeFactory.create_batch(4, is_demo=True)
    real = PracticeFactory(is_demo=False)
    assert "3 Demo-Praxisbeispiele" in demo_content.load()
    assert freshness.due_for_review().count() == 3
    assert real not in freshness.due_for_review()
    assert "schon vorhanden" in demo_content.load()
    assert freshness.due_for_review().count() == 3
