"""The CMS shows platform administrators workspace metadata only; public editors see nothing of it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from krisenwissen.workspace.models import AuditEvent, Invitation, Role, Workspace
from tests.factories import PlaceFactory

from .helpers import make_member, make_workspace


def superuser():
    return get_user_model().objects.create_superuser("plattform", "plattform@example.org", "x")


def test_platform_admins_see_name_municipality_and_member_count(client, workspace, people):
    client.force_login(superuser())
    AuditEvent.objects.create(workspace=workspace, action="exported", summary="Geheimer Inhalt 1234")

    response = client.get(reverse("workspaces:index"))

    body = response.content.decode()
    assert response.status_code == 200
    assert workspace.name in body and str(workspace.place) in body
    assert ">4<" in body.replace(" ", "").replace("\n", "")
    assert "Geheimer Inhalt 1234" not in body


def test_creating_a_workspace_in_the_cms_invites_its_first_admin(client, db):
    client.force_login(superuser())
    place = PlaceFactory(name="Neustadt")
    assert client.get(reverse("workspaces:add")).status_code == 200

    response = client.post(
        reverse("workspaces:add"),
        {
            "name": "Krisenstab Neustadt",
            "slug": "neustadt",
            "place": place.pk,
            "admin_email": "chefin@neustadt.example",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    workspace = Workspace.objects.get(slug="neustadt")
    invitation = Invitation.objects.get(workspace=workspace)
    assert invitation.role == Role.ADMIN and invitation.email == "chefin@neustadt.example"
    assert mail.outbox[-1].to == ["chefin@neustadt.example"]
    assert AuditEvent.objects.filter(workspace=workspace, action="workspace_created").exists()


def test_public_editors_have_no_access_to_workspaces(client, db):
    workspace = make_workspace("Geheimstadt")
    make_member(workspace, Role.ADMIN)
    editor = get_user_model().objects.create_user("redakteurin", "r@example.org", "x", is_staff=True)
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])  # with its permissions from core 0002
    client.force_login(editor)

    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert reverse("workspaces:index") not in dashboard.content.decode()
    listing = client.get(reverse("workspaces:index"))
    assert listing.status_code in (302, 403)
    assert workspace.name not in listing.content.decode()
    assert client.get(reverse("workspace:dashboard", args=[workspace.slug])).status_code == 404
