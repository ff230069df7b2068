"""TOTP two-factor authentication (django-otp) with one-time recovery codes.

Members may turn it on; workspace admins must (``requires_two_factor``). The QR code for the
authenticator app is drawn on the server by segno as inline SVG, so the secret never leaves the
page through a third-party QR service.
"""

import base64

import segno
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Membership, Role

TOTP_NAME = "Authenticator-App"
RECOVERY_NAME = "Wiederherstellungscodes"
RECOVERY_CODE_COUNT = 10


def has_two_factor(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def is_verified(user) -> bool:
    """Whether this session passed the second factor (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def requires_two_factor(user) -> bool:
    """Workspace admins must use two-factor authentication."""
    return user.is_authenticated and Membership.objects.filter(user=user, role=Role.ADMIN).exists()


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per person; reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app without a camera."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice, label: str) -> str:
    """The otpauth:// URL as inline SVG, labelled for screen readers."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#1b1f24", light="#ffffff", svgclass="qr-code"
    )
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))  # noqa: S308 - segno output


def confirm(device: TOTPDevice, token: str) -> bool:
    """Confirm a new device with the first code from the app."""
    token = "".join(token.split())
    if not token.isdigit() or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with fresh ones (each usable once); returns them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verify(user, token: str):
    """The device that accepts ``token`` (an app code or a recovery code), or ``None``."""
    token = "".join((token or "").split())
    if not token or len(token) > 16:
        return None
    return match_token(user, token)


def remove_all(user) -> None:
    for device in devices_for_user(user, confirmed=None):
        device.delete()
