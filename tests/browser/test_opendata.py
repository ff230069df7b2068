"""Open data pages in the browser: /daten/ and the e-mail alert journey, each checked with axe-core."""

import re

from django.core import mail

from .helpers import visit


def test_open_data_index(page, browser_data):
    visit(page, "/daten/")

    assert page.locator("h1").inner_text() == "Offene Daten"
    table = page.get_by_role("table", name="Inhalte zum Herunterladen")
    assert table.get_by_role("link", name="CSV – Praxisbeispiele aus dem kommunalen Krisenmanagement").count() == 1
    assert page.get_by_role("link", name="CC BY 4.0").first.is_visible()


def test_alert_journey_from_the_practice_list(page, browser_data, live_server):
    visit(page, "/praxisbeispiele/?themes=vulnerable-gruppen")
    page.get_by_role("link", name="Diese Auswahl per E-Mail abonnieren").click()
    page.wait_for_url("**/daten/benachrichtigungen/?themes=vulnerable-gruppen")
    visit(page, page.url.replace(live_server.url, ""))

    # Submitting without consent keeps the address and says what is missing.
    page.get_by_label("E-Mail-Adresse", exact=True).fill("ana@example.org")
    page.get_by_role("button", name="Benachrichtigung anfordern").click()
    assert page.get_by_role("alert").inner_text().startswith("Fehler:")
    assert page.get_by_label("E-Mail-Adresse", exact=True).input_value() == "ana@example.org"

    page.get_by_label(re.compile("Ich bin einverstanden")).check()
    page.get_by_role("button", name="Benachrichtigung anfordern").click()
    assert page.locator("h1").inner_text() == "Bitte bestätigen Sie Ihre E-Mail-Adresse"

    confirm_path = re.search(r"http://[^/\s]+(/daten/benachrichtigungen/bestaetigen/\S+)", mail.outbox[-1].body).group(
        1
    )
    visit(page, confirm_path)
    page.get_by_role("button", name="Ja, Benachrichtigung einschalten").click()
    assert page.locator("h1").inner_text() == "Benachrichtigung eingeschaltet"
