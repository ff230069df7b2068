"""Test data of the workspace tests: workspaces, people with roles, signed-in clients."""

import itertools

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.test import Client

from krisenwissen.workspace.models import Membership, Workspace
from tests.factories import PlaceFactory

PASSWORD = "richtig-gutes-passwort-42"  # noqa: S105 - tests only
_numbers = itertools.count(1)


def make_workspace(name: str = "Musterstadt", **extra) -> Workspace:
    number = next(_numbers)
    place = extra.pop("place", None) or PlaceFactory(name=name)
    return Workspace.objects.create(
        name=f"Arbeitsbereich {name}", slug=f"ws-{number}-{place.slug}", place=place, **extra
    )


def make_user(email: str | None = None, **extra):
    email = email or f"person{next(_numbers)}@example.org"
    return get_user_model().objects.create_user(email, email, PASSWORD, **extra)


def make_member(workspace, role: str, email: str | None = None, department: str = ""):
    user = make_user(email)
    Membership.objects.create(workspace=workspace, user=user, role=role, department=department)
    return user


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Authenticator-App", confirmed=True
    )


def login(client: Client, user, *, second_factor: bool = False) -> Client:
    """Sign ``user`` in; with ``second_factor`` also give them a confirmed TOTP device that this
    session has passed (what an admin needs for admin routes)."""
    client.force_login(user)
    if second_factor:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
        session.save()
    return client


def current_code(device: TOTPDevice) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"
