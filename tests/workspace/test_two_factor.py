"""TOTP two-factor authentication: optional for members, required for workspace admins."""

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.urls import reverse

from krisenwissen.workspace.models import AuditEvent, Role

from .helpers import PASSWORD, confirmed_device, current_code, login


def test_an_admin_without_two_factor_is_sent_to_set_it_up_before_any_admin_page(client, workspace, admin):
    login(client, admin)

    for name in ("members", "invitations", "settings", "audit", "export", "delete"):
        response = client.get(reverse(f"workspace:{name}", args=[workspace.slug]))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("workspace:setup_2fa")), name
    # POSTs too: nothing happens before the second factor is set up
    client.post(reverse("workspace:settings", args=[workspace.slug]), {"name": "Umbenannt", "votes_per_member": 3})
    workspace.refresh_from_db()
    assert workspace.name != "Umbenannt"


def test_an_admin_may_read_the_dashboard_and_is_told_to_set_up_two_factor(client, workspace, admin):
    login(client, admin)
    response = client.get(reverse("workspace:dashboard", args=[workspace.slug]))
    assert response.status_code == 200
    assert "Zwei-Faktor-Anmeldung fehlt" in response.content.decode()


def test_password_login_of_an_admin_without_device_leads_to_the_setup(client, workspace, admin):
    response = client.post(reverse("workspace:login"), {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspace:setup_2fa"))


def test_setting_up_shows_an_inline_qr_code_and_confirms_with_a_code(client, workspace, admin):
    login(client, admin)
    page = client.get(reverse("workspace:setup_2fa"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body and 'role="img"' in body
    assert "http" not in body.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org", "")
    device = TOTPDevice.objects.get(user=admin, confirmed=False)

    wrong = client.post(
        reverse("workspace:setup_2fa"), {"code": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200 and "stimmt nicht" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes the next try wait a second after a wrong code

    done = client.post(reverse("workspace:setup_2fa"), {"code": current_code(device)})
    assert done.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = StaticToken.objects.filter(device__user=admin).values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in done.content.decode() for code in codes)
    assert AuditEvent.objects.filter(workspace=workspace, action="2fa_enabled", actor=admin).exists()
    # the session passed the second factor: admin pages open
    assert client.get(reverse("workspace:members", args=[workspace.slug])).status_code == 200


def test_login_with_two_factor_asks_for_the_code(client, workspace, admin):
    device = confirmed_device(admin)

    first = client.post(reverse("workspace:login"), {"username": admin.email, "password": PASSWORD})
    assert first["Location"] == reverse("workspace:verify_2fa")
    # not signed in yet
    assert client.get(reverse("workspace:dashboard", args=[workspace.slug]))["Location"].startswith(
        reverse("workspace:login")
    )

    wrong = client.post(
        reverse("workspace:verify_2fa"), {"code": "123450" if current_code(device) != "123450" else "1"}
    )
    assert wrong.status_code == 200 and "falsch" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()

    ok = client.post(reverse("workspace:verify_2fa"), {"code": current_code(device)})
    assert ok.status_code == 302
    assert client.get(reverse("workspace:members", args=[workspace.slug])).status_code == 200


def test_a_recovery_code_signs_in_once(client, workspace, admin):
    from krisenwissen.workspace.twofactor import new_recovery_codes

    confirmed_device(admin)
    code = new_recovery_codes(admin)[0]

    client.post(reverse("workspace:login"), {"username": admin.email, "password": PASSWORD})
    assert client.post(reverse("workspace:verify_2fa"), {"code": code}).status_code == 302
    client.post(reverse("workspace:logout"))

    client.post(reverse("workspace:login"), {"username": admin.email, "password": PASSWORD})
    again = client.post(reverse("workspace:verify_2fa"), {"code": code})
    assert again.status_code == 200


def test_a_session_that_skipped_the_second_factor_is_sent_to_the_code_prompt(client, workspace, people):
    member = people[Role.MEMBER]
    confirmed_device(member)
    login(client, member)  # e.g. signed in through the CMS login, which knows no second factor

    response = client.get(reverse("workspace:dashboard", args=[workspace.slug]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspace:verify_2fa"))


def test_members_may_turn_two_factor_off_admins_may_not(client, workspace, people, admin):
    member = people[Role.MEMBER]
    device = confirmed_device(member)
    login(client, member, second_factor=True)
    assert client.post(reverse("workspace:disable_2fa"), {"code": current_code(device)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()

    admin_device = confirmed_device(admin)
    login(client, admin, second_factor=True)
    refused = client.post(reverse("workspace:disable_2fa"), {"code": current_code(admin_device)})
    assert refused.status_code == 403
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


def test_the_pending_second_step_expires(client, workspace, admin):
    confirmed_device(admin)
    client.post(reverse("workspace:login"), {"username": admin.email, "password": PASSWORD})
    session = client.session
    session["workspace_2fa_pending"]["at"] -= 3600
    session.save()

    response = client.post(reverse("workspace:verify_2fa"), {"code": "123456"})

    assert response["Location"] == reverse("workspace:login")
