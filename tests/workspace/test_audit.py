"""The audit log: who did what when, visible to the workspace's admins only."""

from django.urls import reverse

from krisenwissen.workspace.models import AuditEvent, Role

from .helpers import PASSWORD, login, make_member, make_workspace


def actions(workspace):
    return list(AuditEvent.objects.filter(workspace=workspace).values_list("action", flat=True))


def test_logins_and_failed_logins_are_logged_in_each_workspace_of_the_person(client, workspace, people):
    other = make_workspace("Nachbarstadt")
    member = people[Role.MEMBER]
    from krisenwissen.workspace.models import Membership

    Membership.objects.create(workspace=other, user=member, role=Role.READER)

    client.post(
        reverse("workspace:login"), {"username": member.email, "password": "falsch"}, REMOTE_ADDR="198.51.100.1"
    )
    client.post(reverse("workspace:login"), {"username": member.email, "password": PASSWORD})

    for ws in (workspace, other):
        assert actions(ws).count("login") == 1
        failed = AuditEvent.objects.get(workspace=ws, action="login_failed")
        assert failed.actor == member and failed.ip_address == "198.51.100.1"


def test_a_failed_login_for_an_unknown_name_stays_platform_internal(client, workspace):
    client.post(reverse("workspace:login"), {"username": "unbekannt@example.org", "password": "x"})
    event = AuditEvent.objects.get(action="login_failed")
    assert event.workspace is None
    assert "unbekannt@example.org" in event.summary


def test_role_changes_settings_exports_and_removals_are_logged(admin_client, workspace, people, admin):
    reader = people[Role.READER]
    membership = reader.memberships.get()
    admin_client.post(
        reverse("workspace:member_edit", args=[workspace.slug, membership.pk]),
        {"role": Role.MODERATOR, "department": ""},
    )
    admin_client.post(
        reverse("workspace:settings", args=[workspace.slug]),
        {"name": "Neuer Name", "votes_per_member": 7, "peer_comparison_opt_in": "on"},
    )
    admin_client.post(reverse("workspace:export", args=[workspace.slug]))
    admin_client.post(reverse("workspace:member_remove", args=[workspace.slug, membership.pk]))

    events = {e.action: e for e in AuditEvent.objects.filter(workspace=workspace)}
    assert "Lesend → Moderation" in events["role_changed"].summary
    assert events["role_changed"].actor == admin
    assert "Stimmen pro Person" in events["settings_changed"].summary
    assert "exported" in events and "member_removed" in events


def test_admins_see_the_log_others_do_not(admin_client, client, workspace, people):
    AuditEvent.objects.create(workspace=workspace, action="exported", actor_label="Jemand", summary="Testeintrag 4711")
    page = admin_client.get(reverse("workspace:audit", args=[workspace.slug]))
    assert page.status_code == 200
    assert "Testeintrag 4711" in page.content.decode()

    filtered = admin_client.get(reverse("workspace:audit", args=[workspace.slug]), {"action": "login"})
    assert "Testeintrag 4711" not in filtered.content.decode()
    assert admin_client.get(reverse("workspace:audit", args=[workspace.slug]), {"action": "<x>"}).status_code == 200

    login(client, people[Role.MODERATOR])
    refused = client.get(reverse("workspace:audit", args=[workspace.slug]))
    assert refused.status_code == 403
    assert "Testeintrag 4711" not in refused.content.decode()


def test_the_log_of_one_workspace_never_shows_another_workspaces_events(admin_client, workspace):
    other = make_workspace("Anderswo")
    make_member(other, Role.ADMIN)
    AuditEvent.objects.create(workspace=other, action="exported", summary="Fremder Eintrag 0815")
    assert (
        "Fremder Eintrag 0815"
        not in admin_client.get(reverse("workspace:audit", args=[workspace.slug])).content.decode()
    )


def test_deleting_an_account_keeps_the_events_but_not_the_name(client, workspace, people, admin):
    member = people[Role.MEMBER]
    login(client, member)
    client.post(reverse("workspace:logout"))
    AuditEvent.objects.create(workspace=workspace, action="role_changed", summary=f"{member.email}: Lesend → Mitglied")
    login(client, member)

    response = client.post(reverse("workspace:account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert not AuditEvent.objects.filter(actor_label__contains=member.email).exists()
    assert not AuditEvent.objects.filter(summary__contains=member.email).exists()
    assert AuditEvent.objects.filter(workspace=workspace, action="account_deleted").exists()
    assert AuditEvent.objects.filter(workspace=workspace, action="logout", actor_label="Gelöschtes Konto").exists()
