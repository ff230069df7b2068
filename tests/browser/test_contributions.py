"""The contribution journey: a municipality submits a practice, confirms its e-mail address, the
editors ask for a change, the submitter updates it, the editors publish it, and it appears in the
list, the search and the API. axe-core checks every step of the form (and its error states)."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from .helpers import assert_accessible, visit

NUMBERS = {"eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
TITLE = "Telefonkette für allein lebende Seniorinnen bei Hitze"
EMAIL = "anna.beispiel@example.org"
PASSWORD = "geheim-passwort-123"


def restore_roles() -> None:
    """A transactional test ends by emptying every table; the groups and workflows that the data
    migrations created are put back the way the migrations do it."""
    import importlib

    from django.apps import apps

    for module in (
        "krisenwissen.core.migrations.0002_editorial_roles",
        "krisenwissen.contributions.migrations.0002_roles_and_workflow",
    ):
        importlib.import_module(module).forwards(apps, None)


@pytest.fixture
def staff(browser_data):
    restore_roles()
    users = {}
    for username, group in (("gutachter", "Reviewers"), ("redakteurin", "Editors")):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[group] = user
    return users


@pytest.fixture(autouse=True)
def fresh_search_index():
    from krisenwissen.search.engine import reset_index

    reset_index()
    yield
    reset_index()


def goto(page, path: str, status: int = 200):
    """Like ``visit`` for pages with a POST form: they set the (essential) CSRF cookie."""
    response = page.goto(path)
    assert response is not None and response.status == status, (path, response and response.status)
    assert_accessible(page)
    return response


def step_heading(page) -> str:
    return page.locator("#step-heading").inner_text()


def save_and_continue(page):
    page.get_by_role("button", name="Speichern und weiter").click()
    page.wait_for_load_state()


def answer_challenge(page):
    label = page.locator("label[for=id_challenge_answer]").inner_text()
    a, b = re.search(r"ist (\w+) plus (\w+)\?", label).groups()
    page.get_by_label(label).fill(str(NUMBERS[a] + NUMBERS[b]))


def last_mail_to(address: str, subject_part: str):
    messages = [m for m in mail.outbox if m.to == [address] and subject_part in m.subject]
    assert messages, f"no mail to {address} with {subject_part!r}: {[m.subject for m in mail.outbox]}"
    return messages[-1]


def link_in(message, live_server, pattern: str) -> str:
    url = re.search(pattern, message.body).group()
    return re.sub(r"^https?://[^/]+", "", url)


def cms_login(page, user):
    page.context.clear_cookies()
    page.goto("/cms/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/cms/$"))


def workflow_action(page, practice_pk: int, label, comment: str = ""):
    """Open the practice in the CMS editor and use a workflow action from the action menu."""
    page.goto(f"/cms/snippets/practices/practice/edit/{practice_pk}/")
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.get_by_role("button", name=label).first.click()
    if comment:
        dialog = page.locator(".modal-dialog, [role=dialog]").filter(has=page.locator("textarea"))
        dialog.locator("textarea").fill(comment)
        dialog.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def test_submit_confirm_request_changes_update_publish(page, browser_data, staff, live_server, settings):
    from krisenwissen.contributions.models import Submission
    from krisenwissen.practices.models import Practice

    settings.WAGTAILADMIN_BASE_URL = live_server.url
    mail.outbox = []

    # 1. About you (with the errors shown first), the challenge question and the two consents.
    goto(page, "/einreichen/")
    page.get_by_role("button", name="Speichern und weiter").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Ihr Name").fill("Anna Beispiel")
    page.get_by_label("Ihre Funktion").fill("Sachgebietsleitung Bevölkerungsschutz")
    page.get_by_label("Ihre Dienststelle").fill("Amt für Katastrophenschutz, Stadt Köln")
    page.get_by_label("Ihre E-Mail-Adresse").fill(EMAIL)
    page.get_by_label("Die Redaktion darf mich später zu diesem Praxisbeispiel anschreiben.").check()
    page.get_by_label("Ich möchte öffentlich als Ansprechperson genannt werden.").check()
    answer_challenge(page)
    save_and_continue(page)

    # 2. The municipality, found on the server (the same path works without JavaScript).
    assert "Schritt 2 von 6" in step_heading(page)
    assert_accessible(page)
    page.get_by_label("Name der Kommune").fill("Stadt Köln")
    page.get_by_role("button", name="Kommune suchen").click()
    page.wait_for_load_state()
    assert page.get_by_label("Köln (Nordrhein-Westfalen, AGS 05315000)").is_checked()
    assert_accessible(page)
    save_and_continue(page)

    # 3. The practice; an error first, and everything typed is still there.
    assert "Schritt 3 von 6" in step_heading(page)
    assert_accessible(page)
    page.get_by_label("Titel des Praxisbeispiels").fill(TITLE)
    page.get_by_label("Kurzbeschreibung").fill("Ehrenamtliche rufen bei Hitzewarnungen ältere Menschen an.")
    page.get_by_label("Beschreibung", exact=True).fill("Ausgangslage und Vorgehen.")
    page.get_by_label("Seit wann gibt es das? (Jahr)").fill("2022")
    page.get_by_label("Bis wann lief es? (Jahr, freiwillig)").fill("2019")
    save_and_continue(page)
    assert "Das Ende darf nicht vor dem Beginn liegen." in page.content()
    assert page.get_by_label("Titel des Praxisbeispiels").input_value() == TITLE
    assert_accessible(page)
    page.get_by_label("Bis wann lief es? (Jahr, freiwillig)").fill("")
    save_and_continue(page)

    # 4. Classification as checkboxes with explanations.
    assert "Schritt 4 von 6" in step_heading(page)
    assert_accessible(page)
    page.locator("input[name=themes][value=vulnerable-gruppen]").check()
    page.locator("input[name=crisis_types][value=hitze]").check()
    page.locator("input[name=phases][value=vorsorge]").check()
    page.locator("input[name=innovation_type][value=soziale-innovation]").check()
    page.locator("input[name=origin][value=gezielt]").check()
    page.locator("input[name=maturity][value=etabliert]").check()
    save_and_continue(page)

    # 5. Files (optional) and 6. review and send.
    assert "Schritt 5 von 6" in step_heading(page)
    assert_accessible(page)
    save_and_continue(page)
    assert "Schritt 6 von 6" in step_heading(page)
    assert_accessible(page)
    page.get_by_role("button", name="Einreichung absenden").click()
    page.wait_for_load_state()
    assert "Fast geschafft" in page.content()
    assert_accessible(page)
    assert not Practice.objects.filter(title=TITLE).exists()

    # Confirm the e-mail address: only now does the submission reach the editors.
    confirm_path = link_in(last_mail_to(EMAIL, "bestätigen"), live_server, r"http\S+/bestaetigen/\S+/")
    goto(page, confirm_path)
    page.get_by_role("button", name="Ja, an die Redaktion senden").click()
    page.wait_for_load_state()
    assert "Ihre E-Mail-Adresse ist bestätigt" in page.content()
    assert_accessible(page)
    practice = Practice.objects.get(title=TITLE)
    assert not practice.live
    status_path = Submission.objects.get().get_absolute_url()

    # The reviewer asks for a change in the CMS.
    cms_login(page, staff["Reviewers"])
    workflow_action(page, practice.pk, "Änderungen anfordern", "Bitte nennen Sie, wie viele Menschen erreicht wurden.")
    assert Submission.objects.get().status == Submission.Status.CHANGES_REQUESTED
    message = last_mail_to(EMAIL, "Rückfrage der Redaktion")
    assert "wie viele Menschen erreicht wurden" in message.body

    # The submitter updates through the private link.
    page.context.clear_cookies()
    goto(page, status_path)
    assert "wie viele Menschen erreicht wurden" in page.content()
    page.get_by_role("link", name="Einreichung überarbeiten").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="3. Das Praxisbeispiel").click()
    page.wait_for_load_state()
    page.get_by_label("Beschreibung", exact=True).fill("Ausgangslage und Vorgehen. Erreicht: 1.200 Menschen.")
    save_and_continue(page)
    page.goto(status_path.rstrip("/") + "/pruefen/")
    assert_accessible(page)
    page.get_by_role("button", name="Überarbeitung an die Redaktion senden").click()
    page.wait_for_load_state()
    assert Submission.objects.get().status == Submission.Status.IN_REVIEW

    # The reviewer approves, the editor publishes.
    cms_login(page, staff["Reviewers"])
    workflow_action(page, practice.pk, re.compile(r"^Freigeben$"))
    cms_login(page, staff["Editors"])
    # On the last task Wagtail says what approving does: "Freigeben und Veröffentlichen".
    workflow_action(page, practice.pk, re.compile(r"^Freigeben und Veröffentlichen$"))
    practice.refresh_from_db()
    assert practice.live
    assert "1.200 Menschen" in practice.description
    assert last_mail_to(EMAIL, "veröffentlicht")

    # Visible in the list, the search and the API.
    page.context.clear_cookies()
    visit(page, "/praxisbeispiele/")
    assert page.get_by_role("link", name=TITLE).is_visible()
    visit(page, "/suche/?q=Telefonkette+Seniorinnen")
    assert page.get_by_role("link", name=TITLE).first.is_visible()
    api = page.request.get("/api/v1/practices").json()
    assert TITLE in [item["title"] for item in api["results"]]
    visit(page, practice.get_absolute_url())
    assert "Anna Beispiel" in page.content()  # shown as contact person: she consented


def test_upload_error_type_ahead_and_answer_page_are_accessible(page, browser_data, tmp_path):
    from krisenwissen.contributions import freshness
    from tests.contributions.journey import PERSON

    # Type-ahead (with JavaScript): typing fills the datalist from our own server.
    goto(page, "/einreichen/")
    for label, name in (
        ("Ihr Name", "submitter_name"),
        ("Ihre Funktion", "submitter_role"),
        ("Ihre Dienststelle", "submitter_department"),
        ("Ihre E-Mail-Adresse", "submitter_email"),
    ):
        page.get_by_label(label).fill(PERSON[name])
    answer_challenge(page)
    save_and_continue(page)
    page.get_by_label("Name der Kommune").press_sequentially("Kö", delay=50)
    page.wait_for_function("() => document.querySelectorAll('#place-suggestions option').length > 0")
    assert "Köln (Nordrhein-Westfalen, AGS 05315000)" in page.locator("#place-suggestions").inner_html()
    page.get_by_label("Name der Kommune").fill("Köln (Nordrhein-Westfalen, AGS 05315000)")
    save_and_continue(page)
    assert "Schritt 3 von 6" in step_heading(page)

    # A disguised SVG is refused with a message, and the page stays accessible.
    token = page.url.rstrip("/").split("/")[-2]
    svg = tmp_path / "foto.png"
    svg.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    goto(page, f"/einreichen/{token}/dateien/")
    page.get_by_label("Bild (JPEG, PNG oder WebP, höchstens 8 MB)").set_input_files(str(svg))
    page.get_by_label("Was ist auf dem Bild zu sehen?").fill("Ein Telefon")
    save_and_continue(page)
    assert "ist kein Bild im Format JPEG, PNG oder WebP" in page.content()
    assert page.get_by_label("Was ist auf dem Bild zu sehen?").input_value() == "Ein Telefon"
    assert_accessible(page)

    # The classification step with an error.
    goto(page, f"/einreichen/{token}/einordnung/")
    page.locator("input[name=crisis_types][value=hitze]").check()
    save_and_continue(page)
    assert page.locator(".error-summary").is_visible()
    assert page.locator("input[name=crisis_types][value=hitze]").is_checked()
    assert_accessible(page)

    # The "still in use?" page of a published practice.
    practice = browser_data["practices"]["hitzetelefon"]
    goto(page, f"/einreichen/aktualitaet/{freshness.make_code(practice)}/")
    page.get_by_role("button", name="Ja, das ist noch aktuell").click()
    page.wait_for_load_state()
    assert "Vielen Dank" in page.content()
    assert_accessible(page)
