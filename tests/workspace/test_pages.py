"""Workspace and account pages: what they show, who may change what, and that they stay private."""

import pytest

from django.urls import reverse

from krisenwissen.workspace.models import Membership, Role

from .helpers import PASSWORD, login, make_member, make_workspace


def test_home_explains_access_to_visitors_and_lists_my_workspaces(client, workspace, people):
    anonymous = client.get(reverse("workspace:home"))
    assert anonymous.status_code == 200
    assert "auf Einladung" in anonymous.content.decode()
    assert workspace.name not in anonymous.content.decode()
    assert "no-store" in anonymous["Cache-Control"]

    other = make_workspace("Fremdstadt")
    login(client, people[Role.READER])
    mine = client.get(reverse("workspace:home")).content.decode()
    assert workspace.name in mine and other.name not in mine


def test_anonymous_visitors_are_sent_to_the_login_for_any_workspace_address(client, workspace):
    for slug in (workspace.slug, "gibt-es-nicht"):
        response = client.get(reverse("workspace:dashboard", args=[slug]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("workspace:login") + "?next=")


def test_a_non_member_gets_404_not_403(client, workspace):
    login(client, make_member(make_workspace("Anderswo"), Role.ADMIN))
    assert client.get(reverse("workspace:dashboard", args=[workspace.slug])).status_code == 404
    assert client.get(reverse("workspace:members", args=[workspace.slug])).status_code == 404


def test_every_page_is_private_and_not_indexable(admin_client, workspace, people):
    member_pk = people[Role.MEMBER].memberships.get().pk
    paths = [
        reverse("workspace:home"),
        reverse("workspace:account"),
        reverse("workspace:setup_2fa"),
        reverse("workspace:password_change"),
        reverse("workspace:account_delete"),
        reverse("workspace:dashboard", args=[workspace.slug]),
        reverse("workspace:members", args=[workspace.slug]),
        reverse("workspace:member_edit", args=[workspace.slug, member_pk]),
        reverse("workspace:member_remove", args=[workspace.slug, member_pk]),
        reverse("workspace:invitations", args=[workspace.slug]),
        reverse("workspace:settings", args=[workspace.slug]),
        reverse("workspace:audit", args=[workspace.slug]),
        reverse("workspace:export", args=[workspace.slug]),
        reverse("workspace:delete", args=[workspace.slug]),
    ]
    for path in paths:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}, path
        assert response["X-Robots-Tag"] == "noindex, nofollow", path
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode(), path


@pytest.mark.parametrize(
    "name", ["login", "password_reset", "password_reset_done", "password_reset_complete", "logout"]
)
def test_account_pages_for_visitors_are_private_too(client, db, name):
    response = client.get(reverse(f"workspace:{name}"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_admin_changes_a_role_but_never_removes_the_last_admin(admin_client, workspace, people, admin):
    reader = people[Role.READER].memberships.get()
    response = admin_client.post(
        reverse("workspace:member_edit", args=[workspace.slug, reader.pk]),
        {"role": Role.MEMBER, "department": "Feuerwehr"},
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert (reader.role, reader.department) == (Role.MEMBER, "Feuerwehr")

    own = admin.memberships.get()
    refused = admin_client.post(reverse("workspace:member_edit", args=[workspace.slug, own.pk]), {"role": Role.READER})
    assert refused.status_code == 200
    assert "mindestens eine Person mit Administration" in refused.content.decode()
    own.refresh_from_db()
    assert own.role == Role.ADMIN

    removed = admin_client.post(reverse("workspace:member_remove", args=[workspace.slug, own.pk]))
    assert removed.status_code == 409
    assert Membership.objects.filter(pk=own.pk).exists()


def test_admin_removes_a_member(admin_client, workspace, people):
    reader = people[Role.READER].memberships.get()
    assert admin_client.post(reverse("workspace:member_remove", args=[workspace.slug, reader.pk])).status_code == 302
    assert not Membership.objects.filter(pk=reader.pk).exists()


def test_settings_keep_bad_input_and_say_what_is_wrong(admin_client, workspace):
    response = admin_client.post(
        reverse("workspace:settings", args=[workspace.slug]), {"name": "Neuer Name", "votes_per_member": "999"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Neuer Name"' in body
    assert "kleiner oder gleich 50" in body
    workspace.refresh_from_db()
    assert workspace.name != "Neuer Name"

    ok = admin_client.post(
        reverse("workspace:settings", args=[workspace.slug]),
        {"name": "Neuer Name", "votes_per_member": "8", "peer_comparison_opt_in": "on"},
    )
    assert ok.status_code == 302
    workspace.refresh_from_db()
    assert (workspace.name, workspace.votes_per_member, workspace.peer_comparison_opt_in) == ("Neuer Name", 8, True)


def test_members_delete_their_own_account(client, workspace, people):
    member = people[Role.MEMBER]
    login(client, member)
    wrong = client.post(reverse("workspace:account_delete"), {"password": "falsch"})
    assert wrong.status_code == 200 and "Passwort ist falsch" in wrong.content.decode()

    response = client.post(reverse("workspace:account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert not type(member).objects.filter(pk=member.pk).exists()
    assert "_auth_user_id" not in client.session


def test_the_only_admin_must_hand_over_before_deleting_the_account(admin_client, admin):
    response = admin_client.post(reverse("workspace:account_delete"), {"password": PASSWORD})
    assert "einzige Person mit Administration" in response.content.decode()
    assert type(admin).objects.filter(pk=admin.pk).exists()


def test_login_page_keeps_the_name_and_gives_a_german_error(client, db):
    response = client.post(reverse("workspace:login"), {"username": "kim@example.org", "password": "x"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="kim@example.org"' in body
    assert "E-Mail-Adresse oder Passwort ist falsch" in body


def test_login_redirects_only_to_this_site(client, people):
    response = client.post(
        reverse("workspace:login"),
        {"username": people[Role.MEMBER].email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("workspace:home")


def test_logout_needs_a_post(client, people):
    login(client, people[Role.MEMBER])
    assert client.get(reverse("workspace:logout")).status_code == 200
    assert "_auth_user_id" in client.session
    client.post(reverse("workspace:logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_that_sets_a_new_password(client, people, mailoutbox):
    member = people[Role.MEMBER]
    client.post(reverse("workspace:password_reset"), {"email": member.email})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/konto/passwort/neu/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "ganz-neues-passwort-9", "new_password2": "ganz-neues-passwort-9"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("ganz-neues-passwort-9")
