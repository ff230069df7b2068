"""From confirmation to publication: the editorial workflow and the e-mails to the submitter."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import ModelLogEntry, TaskState

from krisenwissen.contributions.models import Submission, SubmissionEvent
from krisenwissen.practices.models import Practice

from .journey import PERSON

pytestmark = pytest.mark.django_db


def current_task_state(practice) -> TaskState:
    practice.refresh_from_db()
    return practice.current_workflow_state.current_task_state


def act(client, user, practice, action, comment=""):
    client.force_login(user)
    state = current_task_state(practice)
    url = reverse("wagtailsnippets_practices_practice:workflow_action", args=[practice.pk, action, state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302, response.content[:500]
    return response


def test_sending_asks_for_confirmation_before_editors_see_anything(journey):
    journey.fill_all()
    response = journey.send()
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert submission.status == Submission.Status.AWAITING_CONFIRMATION
    assert not Practice.objects.exists()
    assert [m.to for m in mail.outbox] == [[PERSON["submitter_email"]]]
    assert "bestätigen" in mail.outbox[0].subject
    assert submission.get_absolute_url() in mail.outbox[0].body


def test_confirmation_link_needs_a_click_and_a_valid_signature(journey, client):
    journey.fill_all()
    journey.send()
    path = journey.confirm_link().split("://", 1)[1].split("/", 1)[1]
    # Opening the link (as a mail scanner would) changes nothing.
    assert client.get("/" + path).status_code == 200
    assert not Practice.objects.exists()
    forged = reverse("contributions:confirm", kwargs={"token": journey.submission.token, "code": "falsch"})
    assert client.post(forged).status_code == 400
    assert not Practice.objects.exists()


def test_confirmed_submission_becomes_a_draft_practice_in_the_workflow(journey, editor):
    submission = journey.submit_and_confirm()
    practice = submission.practice
    assert submission.status == Submission.Status.IN_REVIEW
    assert practice.live is False
    assert practice.title == "Hitzetelefon für allein lebende Seniorinnen"
    assert practice.municipality == journey.place
    assert sorted(t.slug for t in practice.themes.all()) == ["vulnerable-gruppen"]
    assert practice.innovation_type.slug == "soziale-innovation"
    assert practice.contact_email == PERSON["submitter_email"]
    assert practice.contact_may_be_contacted is True
    assert practice.contact_consent is False  # public contact only with the separate consent
    state = practice.current_workflow_state
    assert state.workflow.name == "Prüfung von Einreichungen"
    assert state.current_task_state.task.name == "Fachliche Prüfung"
    subjects = {m.subject: m.to for m in mail.outbox}
    assert subjects["Ihre Einreichung ist bei der Redaktion eingegangen"] == [PERSON["submitter_email"]]
    assert subjects[f"Neue Einreichung: {practice.title}"] == [editor.email]
    kinds = [e.kind for e in submission.events.all()]
    assert kinds == ["started", "sent", "confirmed"]


def test_reviewer_requests_changes_submitter_updates_editor_publishes(journey, client, reviewer, editor):
    submission = journey.submit_and_confirm()
    practice = submission.practice
    mail.outbox.clear()

    act(client, reviewer, practice, "reject", "Bitte ergänzen Sie, wie viele Menschen erreicht wurden.")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.CHANGES_REQUESTED
    assert submission.editor_comment == "Bitte ergänzen Sie, wie viele Menschen erreicht wurden."
    [message] = mail.outbox
    assert message.to == [PERSON["submitter_email"]]
    assert "Bitte ergänzen Sie, wie viele Menschen erreicht wurden." in message.body
    assert submission.get_absolute_url() in message.body

    # The submitter edits through the private link and sends again (no second confirmation).
    client.logout()
    status_page = client.get(submission.get_absolute_url()).content.decode()
    assert "Bitte ergänzen Sie" in status_page
    data = {**submission.data, "description": "Wir haben 1.200 Menschen erreicht.", "end_year": ""}
    assert journey.post("beschreibung", data).status_code == 302
    assert journey.send().status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.IN_REVIEW
    practice.refresh_from_db()
    assert practice.get_latest_revision_as_object().description == "Wir haben 1.200 Menschen erreicht."
    assert practice.current_workflow_state.status == "in_progress"

    act(client, reviewer, practice, "approve")
    assert current_task_state(practice).task.name == "Veröffentlichung durch die Redaktion"
    # A reviewer may approve the review, but not the publication step.
    client.force_login(reviewer)
    state = current_task_state(practice)
    assert state.task.specific.get_actions(practice, reviewer) == []

    act(client, editor, practice, "approve")
    practice.refresh_from_db()
    submission.refresh_from_db()
    assert practice.live is True
    assert practice.description == "Wir haben 1.200 Menschen erreicht."
    assert practice.review_by is not None
    assert submission.status == Submission.Status.PUBLISHED
    assert any(m.subject == "Ihr Praxisbeispiel ist veröffentlicht" for m in mail.outbox)
    kinds = [e.kind for e in submission.events.all()]
    assert kinds == [
        "started",
        "sent",
        "confirmed",
        "changes_requested",
        "updated",
        "approved",
        "approved",
        "published",
    ]
    changes = submission.events.get(kind=SubmissionEvent.Kind.CHANGES_REQUESTED)
    assert changes.user == reviewer and changes.comment.startswith("Bitte ergänzen")
    # Wagtail's own log has every workflow step too.
    actions = set(ModelLogEntry.objects.filter(object_id=str(practice.pk)).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.reject", "wagtail.workflow.resume"} <= actions


def test_editor_declines_with_a_reason(journey, client, editor):
    submission = journey.submit_and_confirm()
    mail.outbox.clear()
    act(client, editor, submission.practice, "decline", "Kein Bezug zu einer Krise.")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REJECTED
    assert submission.practice.live is False
    assert submission.practice.current_workflow_state is None
    [message] = mail.outbox
    assert "Kein Bezug zu einer Krise." in message.body
    event = submission.events.get(kind=SubmissionEvent.Kind.REJECTED)
    assert event.user == editor and event.comment == "Kein Bezug zu einer Krise."
    assert TaskState.objects.filter(comment="Kein Bezug zu einer Krise.").exists()
    # The private link no longer allows editing.
    response = client.get(journey.url("beschreibung"))
    assert response.status_code == 302 and response["Location"] == submission.get_absolute_url()


def test_editor_can_edit_the_draft_before_publishing(journey, client, editor):
    submission = journey.submit_and_confirm()
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_practices_practice:edit", args=[submission.practice.pk]))
    assert response.status_code == 200
    assert "Hitzetelefon für allein lebende Seniorinnen" in response.content.decode()


def test_reviewer_sees_the_editor_only_while_the_submission_waits_for_review(journey, client, reviewer):
    submission = journey.submit_and_confirm()
    client.force_login(reviewer)
    url = reverse("wagtailsnippets_practices_practice:edit", args=[submission.practice.pk])
    assert client.get(url).status_code == 200
    assert not reviewer.has_perm("practices.publish_practice")
    assert not reviewer.has_perm("practices.change_practice")


def test_roles_are_set_up_by_migration():
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"Editors", "Moderators", "Reviewers", "Administrators"} <= names
    admin_perms = set(Group.objects.get(name="Administrators").permissions.values_list("codename", flat=True))
    assert {"publish_practice", "change_user", "access_admin", "change_submission"} <= admin_perms
    editor_perms = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"publish_practice", "view_submission"} <= editor_perms
