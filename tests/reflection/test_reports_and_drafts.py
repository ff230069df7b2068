"""Reports (PDF and DOCX) and turning a card or measure into a practice draft for the editors."""

import datetime
import io

import pytest

from django.urls import reverse

from wagtail.models import WorkflowState

from krisenwissen.practices.models import Practice
from krisenwissen.reflection.models import Card, Column, Idea, Measure, Vote
from krisenwissen.taxonomy.models import Lever
from krisenwissen.workspace.models import Role

from .pdf import pdf_strings


def rurl(name, workspace, **kwargs):
    return reverse(f"workspace:reflection:{name}", kwargs={"workspace": workspace.slug, **kwargs})


@pytest.fixture
def filled(reflection, people):
    board = reflection.boards.first()
    card = Card.objects.create(board=board, column=Column.WENT_WELL, text="Krisenstab tagte täglich")
    Card.objects.create(board=board, column=Column.CHANGE, text="Warnung mehrsprachig vorbereiten")
    Card.objects.create(board=board, column=Column.KEEP, text="AUSGEBLENDET", hidden=True)
    Vote.objects.create(card=card, user=people[Role.MEMBER])
    idea = Idea.objects.create(reflection=reflection, title="Warn-Vorlagen in fünf Sprachen")
    Measure.objects.create(
        reflection=reflection,
        idea=idea,
        title="Vorlagen übersetzen lassen",
        owner="Presseamt",
        due_date=datetime.date(2020, 3, 1),
        impact=3,
        effort=1,
    )
    return reflection


def test_pdf_report_names_municipality_and_title(workspace, filled, clients):
    response = clients[Role.READER].get(rurl("export_pdf", workspace, reflection=filled.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="reflexion-hochwasser-2024-')
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")
    strings = pdf_strings(response.content)
    assert workspace.place.name in strings
    assert "Hochwasser 2024" in strings


def test_docx_report_holds_boards_ideas_and_action_plan(workspace, filled, clients):
    from docx import Document

    response = clients[Role.READER].get(rurl("export_docx", workspace, reflection=filled.pk))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert workspace.place.name in text
    assert "Nachbereitung: Hochwasser 2024" in text
    assert "Krisenstab tagte täglich (1 Stimme)" in text
    assert "Warn-Vorlagen in fünf Sprachen" in text
    assert "Vorlagen übersetzen lassen" in cells and "Presseamt" in cells and "(überfällig)" in cells
    assert "AUSGEBLENDET" not in text


def test_export_is_recorded_in_the_audit_log(workspace, filled, clients):
    from krisenwissen.workspace.models import AuditEvent

    clients[Role.READER].get(rurl("export_docx", workspace, reflection=filled.pk))
    event = AuditEvent.objects.get(workspace=workspace, action=AuditEvent.Action.EXPORTED)
    assert "Hochwasser 2024" in event.summary


def test_admin_turns_a_card_into_a_practice_draft_after_confirming(workspace, filled, clients):
    card = Card.objects.get(text="Krisenstab tagte täglich")
    card.levers.add(Lever.objects.get(number=1))
    url = rurl("card_practice", workspace, reflection=filled.pk, card=card.pk)
    page = clients[Role.ADMIN].get(url).content.decode()
    assert "nicht veröffentlichter" in page and 'value="Krisenstab tagte täglich"' in page
    data = {"title": "Täglicher Krisenstab", "summary": "Kurz.", "description": "Lang."}
    unconfirmed = clients[Role.ADMIN].post(url, data)
    assert unconfirmed.status_code == 200
    assert "Bitte bestätigen Sie die Weitergabe an die Redaktion." in unconfirmed.content.decode()
    assert not Practice.objects.exists()

    response = clients[Role.ADMIN].post(url, {**data, "confirm": "on"})
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.title == "Täglicher Krisenstab"
    assert practice.live is False and not Practice.objects.public().exists()
    assert practice.municipality == workspace.place
    assert list(practice.crisis_types.values_list("slug", flat=True)) == ["hochwasser"]
    assert list(practice.levers.values_list("number", flat=True)) == [1]
    state = WorkflowState.objects.for_instance(practice).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Redaktionelle Freigabe"
    card.refresh_from_db()
    assert card.practice_draft == practice
    # A second attempt does not create another draft.
    clients[Role.ADMIN].post(url, {**data, "confirm": "on"})
    assert Practice.objects.count() == 1


def test_measure_becomes_a_draft_too(workspace, filled, clients):
    measure = Measure.objects.get()
    url = rurl("measure_practice", workspace, reflection=filled.pk, measure=measure.pk)
    clients[Role.ADMIN].post(
        url, {"title": "Mehrsprachige Warnvorlagen", "summary": "Kurz.", "description": "Lang.", "confirm": "on"}
    )
    practice = Practice.objects.get()
    assert practice.live is False and practice.maturity.slug == "idee"


def test_only_admins_may_hand_over_drafts(workspace, filled, clients):
    card = Card.objects.get(text="Krisenstab tagte täglich")
    url = rurl("card_practice", workspace, reflection=filled.pk, card=card.pk)
    response = clients[Role.MODERATOR].post(url, {"title": "x", "summary": "x", "description": "x", "confirm": "on"})
    assert response.status_code == 403
    assert not Practice.objects.exists()


def test_report_html_lists_cards_as_plain_paragraphs(workspace, filled):
    """The PDF's cards are paragraphs (no list markers: cheaper for WeasyPrint), escaped, with the
    department and votes, and without hidden cards."""
    from django.template.loader import render_to_string

    from krisenwissen.reflection.views import report_data
    from krisenwissen.taxonomy.models import Actor
    from krisenwissen.workspace.models import Membership

    department = Actor.objects.filter(kind=Actor.Kind.DEPARTMENT).first()
    Card.objects.create(
        board=filled.boards.first(), column=Column.KEEP, text="<b>Lage</b>\nzweite Zeile", department=department
    )
    membership = Membership.objects.filter(workspace=workspace).first()
    html = render_to_string("reflection/report_reflection.html", report_data(membership, filled))
    assert '<p class="card">– Krisenstab tagte täglich <span class="muted">(1 Stimme)</span></p>' in html
    assert (
        f'<p class="card">– &lt;b&gt;Lage&lt;/b&gt;<br>zweite Zeile <span class="muted">({department.name})</span>'
        in html
    )
    assert "AUSGEBLENDET" not in html and "<li>" not in html.split("Nachbereitung auf den Tafeln")[1]
