"""The Reflexionsraum access journey in the browser: an admin signs in with the second factor,
invites a colleague, the colleague accepts the e-mailed link, sets a password, signs in and lands
on the dashboard — with axe-core (WCAG 2.1 A/AA) on every workspace and account page on the way,
and no request to another host (checked by the ``context`` fixture)."""

import re

import pytest

from django.core import mail

from .helpers import assert_accessible

PASSWORD = "sicheres-passwort-fuer-tests-1"  # noqa: S105 - tests only


@pytest.fixture
def workspace_data(transactional_db):
    from django.contrib.auth import get_user_model
    from django.core.cache import caches

    from krisenwissen.core.bootstrap import ensure_site_pages
    from krisenwissen.taxonomy.services import load_taxonomy
    from krisenwissen.workspace.models import Membership, Role, Workspace
    from tests.factories import PlaceFactory
    from tests.workspace.helpers import confirmed_device

    from .conftest import restore_wagtail_tree

    # Rate-limit counters live in a cache table that the flush between live-server tests keeps.
    caches["ratelimit"].clear()
    restore_wagtail_tree()
    load_taxonomy()
    ensure_site_pages()
    place = PlaceFactory(name="Lüneburg", slug="lueneburg", key="03355022", ags="03355022", population=71_000)
    workspace = Workspace.objects.create(
        name="Demo-Stadt Lüneburg (fiktiv)", slug="demo-lueneburg", place=place, is_demo=True
    )

    admin = get_user_model().objects.create_user(
        "admin@stadt.example", "admin@stadt.example", PASSWORD, first_name="Alex"
    )
    Membership.objects.create(workspace=workspace, user=admin, role=Role.ADMIN)
    return {"workspace": workspace, "admin": admin, "device": confirmed_device(admin)}


def check(page, path: str, status: int = 200):
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: {response and response.status}"
    assert_accessible(page)
    return response


def test_invite_accept_login_dashboard(page, workspace_data):
    from tests.workspace.helpers import current_code

    slug = workspace_data["workspace"].slug

    # the admin signs in: password, then the code from the authenticator app
    check(page, "/reflexionsraum/")
    check(page, "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse oder Anmeldename").fill("admin@stadt.example")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/konto/anmelden/code/")
    assert_accessible(page)
    page.get_by_label("Code").fill(current_code(workspace_data["device"]))
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url("**/reflexionsraum/")
    assert_accessible(page)

    # invite a colleague
    check(page, f"/reflexionsraum/{slug}/einladungen/")
    page.get_by_label("E-Mail-Adresse").fill("kim@stadt.example")
    page.get_by_label("Rolle").select_option("member")
    page.get_by_label("Fachbereich").fill("Gesundheitsamt")
    page.get_by_role("button", name="Einladung senden").click()
    page.wait_for_url(f"**/reflexionsraum/{slug}/einladungen/")
    assert page.get_by_text("Die Einladung an kim@stadt.example ist verschickt.").is_visible()
    assert_accessible(page)

    # every admin page
    for path in ("", "mitglieder/", "einstellungen/", "protokoll/", "datenexport/", "loeschen/"):
        check(page, f"/reflexionsraum/{slug}/{path}")
    page.goto(f"/reflexionsraum/{slug}/mitglieder/")
    page.locator(".table a", has_text="Ändern").first.click()
    page.wait_for_url(f"**/reflexionsraum/{slug}/mitglieder/*/")
    assert_accessible(page)
    page.go_back()
    page.locator(".table a", has_text="Entfernen").first.click()
    page.wait_for_url(f"**/reflexionsraum/{slug}/mitglieder/*/entfernen/")
    assert_accessible(page)
    page.goto(f"/reflexionsraum/{slug}/einladungen/")
    page.locator(".table a", has_text="Widerrufen").first.click()
    page.wait_for_url(f"**/reflexionsraum/{slug}/einladungen/*/widerrufen/")
    assert_accessible(page)
    for path in ("/konto/", "/konto/passwort/aendern/", "/konto/loeschen/", "/konto/abmelden/"):
        check(page, path)
    page.get_by_role("button", name="Jetzt abmelden").click()
    page.wait_for_url("**/konto/anmelden/")

    # the colleague opens the link from the e-mail and creates the account
    link = re.search(r"https?://\S+/einladung/\S+/", mail.outbox[-1].body).group(0)
    check(page, link.split("/", 3)[3].join(["/", ""]))
    page.get_by_label("Vorname").fill("Kim")
    page.get_by_label("Nachname").fill("Neu")
    page.get_by_label("Passwort:", exact=True).fill("kim-ihr-neues-passwort-5")
    page.get_by_label("Passwort wiederholen").fill("kim-ihr-neues-passwort-5")
    page.get_by_role("button", name="Konto anlegen und Einladung annehmen").click()
    page.wait_for_url(f"**/reflexionsraum/{slug}/")
    assert page.locator("h1").inner_text().startswith("Demo-Stadt Lüneburg")
    assert page.locator(".demo-notice").is_visible()
    assert_accessible(page)

    # sign out and in again with the new password: straight to the dashboard
    page.goto("/konto/abmelden/")
    page.get_by_role("button", name="Jetzt abmelden").click()
    page.goto(f"/reflexionsraum/{slug}/")
    page.wait_for_url(re.compile(r"/konto/anmelden/\?next="))
    page.get_by_label("E-Mail-Adresse oder Anmeldename").fill("kim@stadt.example")
    page.get_by_label("Passwort").fill("kim-ihr-neues-passwort-5")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"**/reflexionsraum/{slug}/")
    assert "Mitglied" in page.locator(".meta-list").inner_text()
    assert_accessible(page)

    # the member's own security page: setting up two-factor shows a QR code drawn on our server
    check(page, "/konto/zwei-faktor/")
    assert page.locator(".qr-code-box svg[role=img]").count() == 1
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__email="kim@stadt.example", confirmed=False)
    page.get_by_role("textbox", name="Code").fill(current_code(device))
    page.get_by_role("button", name="Bestätigen und einrichten").click()
    page.get_by_role("heading", name="Ihre Wiederherstellungscodes").wait_for()
    assert page.locator(".recovery-codes li").count() == 10
    assert_accessible(page)
    for path in (
        "/konto/zwei-faktor/",
        "/konto/zwei-faktor/abschalten/",
        "/konto/zwei-faktor/wiederherstellungscodes/",
    ):
        check(page, path)
    # and a member may not open admin pages
    check(page, f"/reflexionsraum/{slug}/mitglieder/", status=403)


def test_pages_for_visitors(page, workspace_data):
    for path in ("/konto/anmelden/", "/konto/passwort/vergessen/", "/konto/abmelden/"):
        check(page, path)
    check(page, "/einladung/unbekannt/", status=404)
    page.goto("/konto/passwort/vergessen/")
    page.get_by_label("E-Mail").fill("niemand@stadt.example")
    page.get_by_role("button", name="Link anfordern").click()
    page.wait_for_url("**/konto/passwort/vergessen/gesendet/")
    assert_accessible(page)


def test_refusals_and_limits_read_well(page, workspace_data):
    check(page, "/konto/passwort/neu/MQ/ungueltig-123/")
    assert "ungültig" in page.locator("main").inner_text()
    # 20 guesses a minute pass (404), the next is refused (429); the limiter's clock stands still
    # during tests (tests/conftest.py), so no window ends in the middle.
    statuses = [page.goto("/einladung/geraten/").status for _ in range(21)]
    assert statuses == [404] * 20 + [429]
    assert_accessible(page)
    assert "Zu viele Anfragen" in page.locator("h1").inner_text()
