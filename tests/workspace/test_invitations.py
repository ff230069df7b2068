"""Invitation-only sign-up: single-use, expiring links whose token is stored only as a hash."""

import re
from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from krisenwissen.workspace.models import AuditEvent, Invitation, Membership, Role

from .helpers import login, make_member, make_user, make_workspace

SIGNUP = {
    "first_name": "Kim",
    "last_name": "Neu",
    "password1": "ein-sicheres-passwort-7",
    "password2": "ein-sicheres-passwort-7",
}


def invite(admin_client, workspace, email="neu@stadt.example", role=Role.MEMBER):
    response = admin_client.post(
        reverse("workspace:invitations", args=[workspace.slug]),
        {"email": email, "role": role, "department": "Ordnungsamt"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return link_from_mail(mail.outbox[-1].body)


def link_from_mail(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/einladung/[^/\s]+/)", body)
    assert match, body
    return match.group(1)


def test_admin_invites_and_the_mail_carries_a_link_whose_token_is_not_stored(admin_client, workspace):
    path = invite(admin_client, workspace)

    message = mail.outbox[-1]
    assert message.to == ["neu@stadt.example"]
    assert workspace.name in message.subject
    token = path.rstrip("/").rsplit("/", 1)[-1]
    invitation = Invitation.objects.get(email="neu@stadt.example")
    assert invitation.role == Role.MEMBER and invitation.department == "Ordnungsamt"
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert AuditEvent.objects.filter(workspace=workspace, action="invitation_sent").exists()


def test_new_person_accepts_sets_name_and_password_and_lands_on_the_dashboard(admin_client, workspace, client):
    path = invite(admin_client, workspace, role=Role.MODERATOR)
    client.logout()

    page = client.get(path)
    assert page.status_code == 200
    assert "Konto anlegen" in page.content.decode()

    response = client.post(path, SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:dashboard", args=[workspace.slug])
    user = get_user_model().objects.get(email="neu@stadt.example")
    assert user.get_full_name() == "Kim Neu"
    assert user.check_password(SIGNUP["password1"])
    membership = Membership.objects.get(user=user, workspace=workspace)
    assert membership.role == Role.MODERATOR and membership.department == "Ordnungsamt"
    assert client.get(response["Location"]).status_code == 200


def test_the_link_works_only_once(admin_client, workspace, client):
    path = invite(admin_client, workspace)
    client.logout()
    client.post(path, SIGNUP)
    client.logout()

    again = client.get(path)
    assert again.status_code == 410
    assert "bereits angenommen" in again.content.decode()
    assert client.post(path, {**SIGNUP, "first_name": "Zweit"}).status_code == 410
    assert get_user_model().objects.filter(email="neu@stadt.example").count() == 1


def test_an_expired_link_is_refused(admin_client, workspace, client):
    path = invite(admin_client, workspace)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.logout()

    response = client.post(path, SIGNUP)

    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
    assert not get_user_model().objects.filter(email="neu@stadt.example").exists()


def test_a_revoked_link_is_refused(admin_client, workspace, client):
    path = invite(admin_client, workspace)
    invitation = Invitation.objects.get()
    assert (
        admin_client.post(reverse("workspace:invitation_revoke", args=[workspace.slug, invitation.pk])).status_code
        == 302
    )
    client.logout()

    assert client.get(path).status_code == 410


def test_an_unknown_token_is_404(client, db):
    assert client.get(reverse("workspace:invitation_accept", args=["nicht-vorhanden"])).status_code == 404


def test_a_new_invitation_to_the_same_address_revokes_the_old_link(admin_client, workspace, client):
    first = invite(admin_client, workspace)
    second = invite(admin_client, workspace)
    client.logout()

    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_a_weak_password_is_refused_and_the_name_kept(admin_client, workspace, client):
    path = invite(admin_client, workspace)
    client.logout()

    response = client.post(path, {**SIGNUP, "password1": "12345", "password2": "12345"})

    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Kim"' in body
    assert "errorlist" in body
    assert not get_user_model().objects.filter(email="neu@stadt.example").exists()


def test_a_person_with_an_account_joins_a_second_workspace(admin_client, workspace, client):
    other = make_workspace("Nachbarstadt")
    person = make_member(other, Role.MEMBER, email="doppelt@stadt.example")
    path = invite(admin_client, workspace, email="doppelt@stadt.example", role=Role.READER)
    client.logout()

    anonymous = client.get(path)
    assert "schon ein Konto" in anonymous.content.decode()

    login(client, person)
    assert client.post(path).status_code == 302

    assert set(Membership.objects.filter(user=person).values_list("workspace__slug", "role")) == {
        (other.slug, Role.MEMBER),
        (workspace.slug, Role.READER),
    }
    home = client.get(reverse("workspace:home")).content.decode()
    assert workspace.name in home and other.name in home


def test_signed_in_with_another_account_the_invitation_is_not_taken(admin_client, workspace, client):
    path = invite(admin_client, workspace)
    client.logout()
    login(client, make_user("jemand-anders@stadt.example"))

    response = client.post(path)

    assert response.status_code == 403
    assert Invitation.objects.get().accepted_at is None


def test_inviting_a_member_again_is_a_form_error(admin_client, workspace, people):
    member = people[Role.MEMBER]
    response = admin_client.post(
        reverse("workspace:invitations", args=[workspace.slug]), {"email": member.email.upper(), "role": Role.ADMIN}
    )
    assert response.status_code == 200
    assert "bereits Mitglied" in response.content.decode()
    assert not mail.outbox


@pytest.mark.parametrize("role", [Role.READER, Role.MEMBER, Role.MODERATOR])
def test_only_admins_invite(client, workspace, people, role):
    login(client, people[role])
    response = client.post(
        reverse("workspace:invitations", args=[workspace.slug]), {"email": "x@stadt.example", "role": "admin"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_accepting_twice_in_parallel_creates_one_membership(workspace):
    from krisenwissen.workspace import services

    invitation, _token = Invitation.new(workspace, "parallel@stadt.example", Role.MEMBER)
    first = make_user("parallel@stadt.example")
    services.accept(invitation, first)
    with pytest.raises(services.MembershipError):
        services.accept(invitation, first)
    assert Membership.objects.filter(user=first).count() == 1


def test_password_login_still_works_for_the_invited_person(admin_client, workspace, client):
    path = invite(admin_client, workspace)
    client.logout()
    client.post(path, SIGNUP)
    client.logout()

    response = client.post(
        reverse("workspace:login"), {"username": "NEU@stadt.example", "password": SIGNUP["password1"]}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:home")
