"""The reflection journey in the browser: two people debrief on one board (one sees the other's card
appear without reloading), vote, run into an edit conflict, turn a cluster into an idea and a
measure, fill in the self-assessment and download the PDF report — with axe-core (WCAG 2.1 A/AA)
on every reflection and assessment page on the way."""

import datetime

import pytest

from .helpers import assert_accessible


@pytest.fixture
def reflection_data(transactional_db):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from krisenwissen.assessment.services import ensure_questionnaire
    from krisenwissen.core.bootstrap import ensure_site_pages
    from krisenwissen.taxonomy.services import load_taxonomy
    from krisenwissen.workspace.models import Membership, Role, Workspace
    from tests.factories import PlaceFactory, PracticeFactory

    from .conftest import restore_wagtail_tree

    restore_wagtail_tree()
    load_taxonomy()
    ensure_questionnaire()
    ensure_site_pages()
    place = PlaceFactory(name="Lüneburg", slug="lueneburg", key="03355022", ags="03355022", population=71_000)
    workspace = Workspace.objects.create(name="Krisenstab Lüneburg", slug="lueneburg", place=place, votes_per_member=3)
    PracticeFactory(
        title="Personalpool für den Krisenfall", stellschrauben=[3], crisis_types=["hochwasser"], is_demo=True
    )
    users = {}
    for name, role in (("mona", Role.MODERATOR), ("kim", Role.MEMBER), ("ada", Role.ADMIN)):
        users[name] = get_user_model().objects.create_user(name, f"{name}@stadt.example", "geheim-passwort-123")
        Membership.objects.create(workspace=workspace, user=users[name], role=role)
    sessions = {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        if name == "ada":  # admins need a confirmed second factor in the session
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        sessions[name] = client.cookies["sessionid"].value
    return {"workspace": workspace, "sessions": sessions}


def signed_in(browser, live_server, request_log, session_key):
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900})
    context.on("request", request_log.record)
    context.add_cookies([{"name": "sessionid", "value": session_key, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def check(page, path: str, status: int = 200):
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: {response and response.status}"
    assert_accessible(page)
    return response


def test_two_people_debrief_vote_plan_assess_and_export(browser, live_server, request_log, reflection_data):
    slug = reflection_data["workspace"].slug
    base = f"/reflexionsraum/{slug}/reflexionen/"
    mona_ctx, mona = signed_in(browser, live_server, request_log, reflection_data["sessions"]["mona"])
    kim_ctx, kim = signed_in(browser, live_server, request_log, reflection_data["sessions"]["kim"])
    try:
        # Mona (moderation) sets up the reflection.
        check(mona, base)
        mona.get_by_role("link", name="Neue Reflexion anlegen").click()
        mona.wait_for_url(f"**{base}neu/")
        assert_accessible(mona)
        mona.get_by_label("Titel", exact=True).fill("Hochwasser Juli 2024")
        mona.get_by_label("Krisenart").select_option(label="Hochwasser und Starkregen")
        mona.get_by_label("Beginn der Krise").fill("2024-07-14")
        mona.get_by_label("Ordnungsamt").check()
        mona.get_by_role("button", name="Speichern").click()
        mona.wait_for_url("**/reflexionen/*/")
        assert_accessible(mona)
        mona.get_by_role("link", name="Krisenmanagement und Zusammenarbeit vor Ort").first.click()
        mona.wait_for_url("**/tafeln/*/")
        board_path = mona.url.replace(live_server.url, "")
        assert_accessible(mona)

        # Mona pins a card; Kim opens the board and pins another one.
        mona.get_by_label("Text", exact=True).fill("Der Krisenstab tagte jeden Morgen um 8 Uhr.")
        mona.get_by_role("button", name="Karte anheften").click()
        mona.wait_for_url("**/tafeln/*/#card-*")
        mona.get_by_text("Der Krisenstab tagte jeden Morgen um 8 Uhr.").wait_for()

        check(kim, board_path)
        kim.get_by_role("radio", name="Lief weniger gut").check()
        kim.get_by_label("Text", exact=True).fill("Warnungen gab es nur auf Deutsch.")
        kim.get_by_role("button", name="Karte anheften").click()
        kim.wait_for_url("**/tafeln/*/#card-*")

        # Mona's open board picks Kim's card up by itself (live refresh, no reload).
        mona.goto(board_path)
        mona.evaluate("() => document.activeElement && document.activeElement.blur()")
        kim.get_by_label("Text", exact=True).fill("Die Feuerwehr war sofort erreichbar.")
        kim.get_by_role("button", name="Karte anheften").click()
        kim.wait_for_url("**/tafeln/*/#card-*")
        mona.get_by_text("Die Feuerwehr war sofort erreichbar.").wait_for(timeout=25_000)

        # Both vote.
        card = kim.locator(".rx-card", has_text="Der Krisenstab tagte jeden Morgen")
        card.get_by_role("button", name="Stimme geben").click()
        kim.wait_for_url("**/tafeln/*/#card-*")
        assert (
            kim.locator(".rx-card", has_text="Der Krisenstab tagte jeden Morgen").get_by_text("1 Stimme").is_visible()
        )
        mona.goto(board_path)
        mona.locator(".rx-card", has_text="Der Krisenstab tagte jeden Morgen").get_by_role(
            "button", name="Stimme geben"
        ).click()
        mona.wait_for_url("**/tafeln/*/#card-*")
        assert (
            mona.locator(".rx-card", has_text="Der Krisenstab tagte jeden Morgen").get_by_text("2 Stimmen").is_visible()
        )
        assert mona.get_by_text("Sie haben noch 2 von 3 Stimmen").is_visible()
        assert_accessible(mona)

        # Both edit Kim's card at the same time: the second sees the conflict with both texts.
        kim.locator(".rx-card", has_text="Warnungen gab es nur auf Deutsch").get_by_role(
            "link", name="Bearbeiten"
        ).click()
        kim.wait_for_url("**/bearbeiten/")
        assert_accessible(kim)
        edit_path = kim.url.replace(live_server.url, "")
        mona.goto(edit_path)
        mona.get_by_label("Text", exact=True).fill("Warnungen gab es nur auf Deutsch und nur online.")
        mona.get_by_role("button", name="Speichern").click()
        mona.wait_for_url(f"**{board_path}#card-*")
        kim.get_by_label("Text", exact=True).fill("Warnungen gab es nur auf Deutsch, nicht in Leichter Sprache.")
        kim.get_by_role("button", name="Speichern").click()
        assert kim.get_by_role("heading", name="Konflikt: Jemand hat diese Karte inzwischen geändert").is_visible()
        assert kim.get_by_text("Warnungen gab es nur auf Deutsch und nur online.").is_visible()
        assert_accessible(kim)

        # Mona clusters the two communication cards and opens the merge page.
        mona.goto(board_path)
        mona.get_by_label("Neuer Cluster").fill("Warnung und Erreichbarkeit")
        mona.get_by_role("button", name="Cluster anlegen").click()
        mona.wait_for_url("**#moderation")
        for text in ("Warnungen gab es nur", "Die Feuerwehr war sofort"):
            card = mona.locator(".rx-card", has_text=text)
            card.locator("summary").click()
            card.get_by_label("Aktion").select_option(label="Warnung und Erreichbarkeit")
            card.get_by_role("button", name="Ausführen").click()
            mona.wait_for_url("**#card-*")
        assert mona.get_by_role("heading", name="Cluster: Warnung und Erreichbarkeit").first.is_visible()
        assert_accessible(mona)
        card = mona.locator(".rx-card", has_text="Die Feuerwehr war sofort")
        card.locator("summary").click()
        card.get_by_role("link", name="Doppelte zusammenführen").click()
        mona.wait_for_url("**/zusammenfuehren/")
        assert_accessible(mona)

        # From the cluster to an idea, from the idea to a measure with a past due date.
        reflection_path = board_path.split("tafeln/")[0]
        check(mona, reflection_path + "ideen/")
        mona.get_by_role("link", name="Idee daraus (Warnung und Erreichbarkeit)").click()
        mona.wait_for_url("**/ideen/neu/?cluster=*")
        assert_accessible(mona)
        mona.get_by_label("Titel", exact=True).fill("Mehrsprachige Warnvorlagen")
        mona.get_by_role("button", name="Idee festhalten").click()
        mona.wait_for_url("**/ideen/#idea-*")
        mona.get_by_role("link", name="Maßnahme daraus machen").click()
        mona.wait_for_url("**/massnahmen/neu/?idea=*")
        assert_accessible(mona)
        mona.get_by_label("Verantwortlich").fill("Presseamt")
        mona.get_by_label("Fällig am").fill((datetime.date.today() - datetime.timedelta(days=3)).isoformat())
        mona.get_by_role("group", name="Wirkung").get_by_label("hoch").check()
        mona.get_by_role("group", name="Aufwand").get_by_label("gering").check()
        mona.get_by_role("button", name="Speichern").click()
        mona.wait_for_url("**/aktionsplan/#measure-*")
        flag = mona.locator(".rx-plan tr", has_text="Mehrsprachige Warnvorlagen").locator(".rx-flag")
        assert flag.is_visible() and "überfällig" in flag.inner_text()
        assert_accessible(mona)
        check(mona, reflection_path + "massnahmen/" + mona.url.split("#measure-")[1] + "/")
        check(mona, reflection_path + "bearbeiten/")
        check(mona, reflection_path + "tafeln/neu/")

        # The PDF report of the reflection.
        check(mona, reflection_path)
        pdf = mona.context.request.get(mona.get_by_role("link", name="Bericht als PDF").get_attribute("href"))
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.body().startswith(b"%PDF-")

        # Kim fills in the self-assessment.
        check(kim, f"/reflexionsraum/{slug}/selbstcheck/")
        kim.get_by_role("link", name="Selbstcheck ausfüllen").click()
        kim.wait_for_url("**/selbstcheck/neu/")
        assert_accessible(kim)
        kim.get_by_label("Bezug zu einer Krisenart").select_option(label="Hochwasser und Starkregen")
        for fieldset in kim.locator("fieldset.sc-indicator").all():
            level = "1" if "Personalpool" in fieldset.inner_text() else "3"
            fieldset.locator(f'input[type="radio"][value="{level}"]').check()
        kim.get_by_role("button", name="Selbstcheck speichern").click()
        kim.wait_for_url("**/selbstcheck/*/")
        assert kim.get_by_role("img", name="Reifegrad je Stellschraube (0 bis 5)").is_visible()
        assert kim.get_by_text("Noch kein Vergleich möglich").is_visible()
        assert kim.get_by_role("link", name="Personalpool für den Krisenfall").is_visible()
        assert_accessible(kim)
        report = kim.context.request.get(kim.get_by_role("link", name="Bericht als PDF").get_attribute("href"))
        assert report.status == 200 and report.body().startswith(b"%PDF-")
        check(kim, kim.url.replace(live_server.url, "") + "bearbeiten/")
    finally:
        mona_ctx.close()
        kim_ctx.close()


def test_admin_practice_draft_page_is_accessible(browser, live_server, request_log, reflection_data):
    from krisenwissen.reflection.models import Card, Column
    from tests.reflection.helpers import make_reflection

    reflection = make_reflection(reflection_data["workspace"])
    card = Card.objects.create(board=reflection.boards.first(), column=Column.KEEP, text="Tägliche Lage")
    ctx, page = signed_in(browser, live_server, request_log, reflection_data["sessions"]["ada"])
    try:
        base = f"/reflexionsraum/{reflection_data['workspace'].slug}/reflexionen/{reflection.pk}/"
        check(page, f"{base}karten/{card.pk}/praxisbeispiel/")
        page.get_by_role("button", name="Entwurf an die Redaktion senden").click()
        assert page.get_by_text("Bitte bestätigen Sie die Weitergabe an die Redaktion.").is_visible()
        assert_accessible(page)
        page.get_by_label("Ich bestätige").check()
        page.get_by_role("button", name="Entwurf an die Redaktion senden").click()
        page.wait_for_url("**/tafeln/*/#card-*")
        assert page.get_by_text("An die Redaktion übergeben").is_visible()
        assert_accessible(page)
    finally:
        ctx.close()


def test_moderator_drags_a_card_into_another_column(browser, live_server, request_log, reflection_data):
    from krisenwissen.reflection.models import Card, Column
    from tests.reflection.helpers import make_reflection

    reflection = make_reflection(reflection_data["workspace"])
    board = reflection.boards.first()
    card = Card.objects.create(board=board, column=Column.WENT_WELL, text="Bitte verschieben")
    ctx, page = signed_in(browser, live_server, request_log, reflection_data["sessions"]["mona"])
    try:
        check(
            page, f"/reflexionsraum/{reflection_data['workspace'].slug}/reflexionen/{reflection.pk}/tafeln/{board.pk}/"
        )
        page.locator(f"#card-{card.pk}").drag_to(page.locator('.rx-column[data-column="change"] .rx-group').first)
        page.locator('.rx-column[data-column="change"]').get_by_text("Bitte verschieben").wait_for()
        assert page.get_by_text("Die Karte wurde verschoben.").count() == 1
        card.refresh_from_db()
        assert card.column == Column.CHANGE
    finally:
        ctx.close()
