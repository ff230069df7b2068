"""Every content type editors maintain: the editor can work on it, and changes are moderated."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.models import WorkflowContentType

pytestmark = pytest.mark.django_db

EDITORIAL_TYPES = [
    ("practices", "practice"),
    ("literature", "literature"),
    ("research", "researchproject"),
    ("news", "newsitem"),
    ("news", "event"),
    ("news", "trainingoffer"),
    ("publications", "publication"),
    ("interviews", "interview"),
    ("surveys", "survey"),
    ("comparisons", "crisisstaffarrangement"),
]


def user_in(group: str | None):
    user = get_user_model().objects.create_user(f"u-{group}", f"{group}@example.org", "geheim-passwort-123")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.parametrize(("app_label", "model"), EDITORIAL_TYPES)
def test_editors_and_moderators_maintain_it_and_the_editorial_workflow_is_attached(client, app_label, model):
    content_type = ContentType.objects.get(app_label=app_label, model=model)
    attached = WorkflowContentType.objects.select_related("workflow").get(content_type=content_type)
    assert attached.workflow.name == "Redaktionelle Freigabe" and attached.workflow.active
    assert [t.name for t in attached.workflow.tasks] == ["Freigabe durch die Moderation"]

    for group in ("Editors", "Moderators"):
        user = user_in(group)
        for action in ("add", "change", "delete", "publish", "lock", "unlock"):
            assert user.has_perm(f"{app_label}.{action}_{model}"), (group, action)
        client.force_login(user)
        assert client.get(reverse(f"wagtailsnippets_{app_label}_{model}:list")).status_code == 200
        assert client.get(reverse(f"wagtailsnippets_{app_label}_{model}:add")).status_code == 200

    client.force_login(user_in(None))
    assert client.get(reverse(f"wagtailsnippets_{app_label}_{model}:add")).status_code in (302, 403)
