"""Rate limits on login and invitation endpoints; failed logins throttled per account and per IP."""

import pytest

from django.urls import reverse

from krisenwissen.workspace.models import AuditEvent, Role

from .helpers import PASSWORD, make_user


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    settings.LOGIN_FAILURES_PER_IP = 6
    return settings


WRONG = "falsch-falsch"


def attempt(client, username, password=WRONG, ip="198.51.100.7"):
    return client.post(reverse("workspace:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_wrong_passwords_lock_the_account_even_for_the_right_password(client, limits, people):
    member = people[Role.MEMBER]
    for _ in range(3):
        response = attempt(client, member.email)
        assert response.status_code == 200
        assert "falsch" in response.content.decode()

    locked = attempt(client, member.email, PASSWORD)

    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in body
    assert "_auth_user_id" not in client.session
    # from another address too: the lock is per account
    assert attempt(client, member.email, PASSWORD, ip="203.0.113.9").status_code == 429
    assert AuditEvent.objects.filter(action="login_blocked", actor=member).exists()


def test_other_accounts_still_log_in_while_one_is_locked(client, limits, people):
    for _ in range(3):
        attempt(client, people[Role.MEMBER].email)
    response = attempt(client, people[Role.READER].email, PASSWORD, ip="203.0.113.9")
    assert response.status_code == 302


def test_many_failures_from_one_address_block_that_address(client, limits, db):
    for number in range(6):
        attempt(client, f"gibt-es-nicht-{number}@example.org")
    person = make_user()

    assert attempt(client, person.email, PASSWORD).status_code == 429
    assert attempt(client, person.email, PASSWORD, ip="203.0.113.9").status_code == 302


def test_a_successful_login_resets_the_account_counter(client, limits, people):
    member = people[Role.MEMBER]
    attempt(client, member.email)
    attempt(client, member.email)
    assert attempt(client, member.email, PASSWORD).status_code == 302
    client.logout()
    attempt(client, member.email)
    attempt(client, member.email)
    assert attempt(client, member.email, PASSWORD).status_code == 302


def test_login_posts_are_rate_limited_per_address(client, db):
    statuses = [attempt(client, f"x{n}@example.org", ip="192.0.2.44").status_code for n in range(31)]
    # the failure throttle (20 per address) answers first; both are 429 with a German page
    assert statuses[-1] == 429
    assert 429 not in statuses[:20]


def test_the_login_rate_limit_alone_answers_429(client, settings, db):
    settings.LOGIN_FAILURES_PER_IP = 1000
    settings.LOGIN_FAILURES_PER_ACCOUNT = 1000
    statuses = [attempt(client, "niemand@example.org", ip="192.0.2.45").status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    assert "Zu viele Anfragen" in attempt(client, "niemand@example.org", ip="192.0.2.45").content.decode()


def test_invitation_links_are_rate_limited(client, db):
    url = reverse("workspace:invitation_accept", args=["geraten"])
    statuses = [client.get(url, REMOTE_ADDR="192.0.2.50").status_code for _ in range(21)]
    assert statuses[:20] == [404] * 20
    assert statuses[20] == 429


def test_sending_invitations_is_rate_limited(admin_client, workspace):
    url = reverse("workspace:invitations", args=[workspace.slug])
    statuses = [
        admin_client.post(url, {"email": f"p{n}@stadt.example", "role": Role.MEMBER}).status_code for n in range(31)
    ]
    assert statuses[:30] == [302] * 30
    assert statuses[30] == 429


def test_password_reset_mails_are_rate_limited(client, db):
    url = reverse("workspace:password_reset")
    statuses = [client.post(url, {"email": "a@example.org"}, REMOTE_ADDR="192.0.2.60").status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
