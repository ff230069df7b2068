"""Test data for the Reflexionsraum apps: workspaces, people with roles, signed-in clients."""

import datetime

from django.contrib.auth import get_user_model
from django.test import Client

from krisenwissen.workspace.models import Membership, Workspace
from tests.factories import PlaceFactory


def make_workspace(name="Musterstadt", slug=None, place=None, **extra) -> Workspace:
    place = place or PlaceFactory(name=name)
    return Workspace.objects.create(name=f"Krisenstab {name}", slug=slug or place.slug, place=place, **extra)


def make_person(workspace, role, username=None, department="") -> object:
    username = username or f"{role}-{workspace.slug}"
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "geheim-passwort-123")
    Membership.objects.create(workspace=workspace, user=user, role=role, department=department)
    return user


def verified_client(user) -> Client:
    """A client signed in with a confirmed TOTP device that passed the second factor in this session
    (workspace admins must have it before any admin route)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Authenticator-App", confirmed=True
    )
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_reflection(workspace, title="Hochwasser 2024", crisis="hochwasser", **extra):
    from krisenwissen.reflection.models import Reflection
    from krisenwissen.reflection.services import create_reflection
    from krisenwissen.taxonomy.models import CrisisType

    reflection = Reflection(
        workspace=workspace,
        title=title,
        crisis_type=CrisisType.objects.get(slug=crisis),
        period_start=extra.pop("period_start", datetime.date(2024, 6, 1)),
        **extra,
    )
    return create_reflection(reflection)
