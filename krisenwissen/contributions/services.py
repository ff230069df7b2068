"""What happens to a submission between the public form and publication.

``send_for_confirmation`` → (submitter clicks the link) ``confirm`` → draft practice in the
workflow "Prüfung von Einreichungen" → editors approve / request changes / decline in the CMS →
``resubmit`` after changes → publication. The signal receivers at the end keep the submission,
its event log and the submitter's e-mails in step with what editors do in Wagtail.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, TaskState, Workflow

from krisenwissen.practices.models import Practice, PracticeAttachment, PracticeImage
from krisenwissen.taxonomy import models as taxonomy

from .models import Submission, SubmissionEvent, SubmissionFile

logger = logging.getLogger(__name__)

SUBMISSION_WORKFLOW = "Prüfung von Einreichungen"
UPLOAD_COLLECTION = "Einreichungen (nicht veröffentlicht)"
CONFIRM_SALT = "krisenwissen.contributions.confirm"
CONFIRM_MAX_AGE = 14 * 24 * 3600
EDITOR_GROUPS = ("Editors", "Administrators")

REQUIRED_DATA = ("title", "summary", "description", "start_year", "themes", "crisis_types", "phases")
REQUIRED_SINGLE = ("innovation_type", "origin", "maturity")
MULTI_FIELDS = {
    "themes": taxonomy.Theme,
    "crisis_types": taxonomy.CrisisType,
    "phases": taxonomy.Phase,
    "actors": taxonomy.Actor,
    "target_groups": taxonomy.TargetGroup,
    "levers": taxonomy.Lever,
}
SINGLE_FIELDS = {"innovation_type": taxonomy.InnovationType, "origin": taxonomy.Origin, "maturity": taxonomy.Maturity}
TEXT_FIELDS = ("title", "summary", "description", "lessons_learned", "language", "start_year", "end_year")


# --- e-mail -------------------------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send(template: str, to: list[str], context: dict) -> bool:
    """Send a plain-text e-mail rendered in German; failures are logged, never raised to the user."""
    recipients = [address for address in to if address]
    if not recipients:
        return False
    with translation.override("de"):
        body = render_to_string(f"contributions/email/{template}.txt", context)
    subject, _, text = body.strip().partition("\n")
    try:
        send_mail(subject.strip(), text.strip() + "\n", settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        logger.exception("Sending %s to %s failed", template, recipients)
        return False
    return True


def editor_addresses() -> list[str]:
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(groups__name__in=EDITOR_GROUPS) | users.filter(is_superuser=True)
    return sorted(set(users.values_list("email", flat=True)))


# --- confirmation -------------------------------------------------------------------------------


def confirm_code(submission: Submission) -> str:
    return signing.dumps(submission.token, salt=CONFIRM_SALT)


def confirm_url(submission: Submission) -> str:
    return absolute(
        reverse("contributions:confirm", kwargs={"token": submission.token, "code": confirm_code(submission)})
    )


def check_confirm_code(submission: Submission, code: str) -> bool:
    try:
        return signing.loads(code, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE) == submission.token
    except signing.BadSignature:
        return False


def missing_steps(submission: Submission) -> list[str]:
    """The names of the steps that still lack required answers (see ``views.STEPS``)."""
    missing = []
    if not submission.place_id:
        missing.append("kommune")
    if any(not submission.data.get(name) for name in ("title", "summary", "description", "start_year")):
        missing.append("beschreibung")
    if any(not submission.data.get(name) for name in ("themes", "crisis_types", "phases", *REQUIRED_SINGLE)):
        missing.append("einordnung")
    return missing


def send_for_confirmation(submission: Submission) -> None:
    """The submitter has finished the form: ask them to confirm their address before editors see it."""
    submission.status = Submission.Status.AWAITING_CONFIRMATION
    submission.sent_at = timezone.now()
    submission.save(update_fields=["status", "sent_at", "updated_at"])
    submission.record(SubmissionEvent.Kind.SENT, actor=submission.submitter_name)
    send(
        "confirm",
        [submission.submitter_email],
        {"submission": submission, "confirm_url": confirm_url(submission), "status_url": submission.private_url()},
    )


@transaction.atomic
def confirm(submission: Submission) -> Practice:
    """The address is confirmed: the submission becomes a draft practice in the editorial workflow."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.practice_id:
        return submission.practice
    practice = Practice(live=False, has_unpublished_changes=True)
    apply_to_practice(submission, practice)
    practice.save()
    transfer_files(submission, practice)
    practice.save()
    practice.save_revision(log_action=True)
    submission.practice = practice
    submission.status = Submission.Status.IN_REVIEW
    submission.confirmed_at = timezone.now()
    submission.save(update_fields=["practice", "status", "confirmed_at", "updated_at"])
    submission.record(SubmissionEvent.Kind.CONFIRMED, actor=submission.submitter_name)
    submission_workflow().start(practice, user=None)
    transaction.on_commit(lambda: _announce_receipt(submission.pk))
    return practice


def _announce_receipt(pk: int) -> None:
    submission = Submission.objects.select_related("practice").get(pk=pk)
    context = {
        "submission": submission,
        "status_url": submission.private_url(),
        "edit_url": absolute(reverse("wagtailsnippets_practices_practice:edit", args=[submission.practice_id])),
    }
    send("received", [submission.submitter_email], context)
    send("editors_new", editor_addresses(), context)


def submission_workflow() -> Workflow:
    return Workflow.objects.get(name=SUBMISSION_WORKFLOW)


def apply_to_practice(submission: Submission, practice: Practice) -> None:
    """Copy what the submitter typed onto a (draft) practice; nothing is saved here."""
    data = submission.data
    for name in ("title", "summary", "description", "lessons_learned"):
        setattr(practice, name, data.get(name) or "")
    practice.start_year = data.get("start_year")
    practice.end_year = data.get("end_year") or None
    practice.language = data.get("language") or "de"
    practice.municipality = submission.place
    practice.municipality_label = submission.municipality_label
    for name, model in SINGLE_FIELDS.items():
        setattr(practice, name, model.objects.get(slug=data[name]))
    for name, model in MULTI_FIELDS.items():
        getattr(practice, name).set(list(model.objects.filter(slug__in=data.get(name) or [])))
    practice.keywords.set([word.strip()[:100] for word in (data.get("keywords") or "").split(",") if word.strip()])
    practice.contact_name = submission.submitter_name
    practice.contact_role = submission.submitter_role
    practice.contact_organisation = submission.submitter_department
    practice.contact_email = submission.submitter_email
    practice.contact_consent = submission.consent_public_contact
    practice.contact_may_be_contacted = submission.consent_contact


def upload_collection() -> Collection:
    """A collection for uploads of unpublished submissions, readable only by logged-in users."""
    from wagtail.models import CollectionViewRestriction

    collection = Collection.objects.filter(name=UPLOAD_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=UPLOAD_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


def transfer_files(submission: Submission, practice: Practice) -> None:
    """Turn the checked uploads into Wagtail images and documents attached to the practice."""
    pending = list(submission.files.filter(transferred=False))
    if not pending:
        return
    collection = upload_collection()
    image_model, document_model = get_image_model(), get_document_model()
    for item in pending:
        content = ContentFile(bytes(item.content), name=item.filename)
        if item.kind == SubmissionFile.Kind.IMAGE:
            image = image_model(title=item.alt_text[:255] or item.filename, file=content, collection=collection)
            image.save()
            practice.images.add(PracticeImage(image=image, alt_text=item.alt_text, credit=item.credit))
        else:
            document = document_model(title=item.title or item.filename, file=content, collection=collection)
            document.save()
            practice.attachments.add(PracticeAttachment(document=document, title=item.title))
        item.transferred = True
        item.save(update_fields=["transferred"])


def data_from_practice(practice: Practice) -> dict:
    """The practice as the form stores it, so the submitter sees what editors have already changed."""
    data = {name: getattr(practice, name) for name in TEXT_FIELDS}
    data["lessons_learned"] = data["lessons_learned"] or ""
    for name in SINGLE_FIELDS:
        data[name] = getattr(practice, name).slug
    for name in MULTI_FIELDS:
        data[name] = sorted(term.slug for term in getattr(practice, name).all())
    data["keywords"] = ", ".join(tag.name for tag in practice.keywords.all())
    return data


@transaction.atomic
def resubmit(submission: Submission) -> None:
    """The submitter has made the requested changes: a new revision goes back into the workflow."""
    practice = submission.practice.get_latest_revision_as_object()
    apply_to_practice(submission, practice)
    transfer_files(submission, practice)
    if not practice.live:
        practice.save()
    practice.save_revision(log_action=True)
    submission.status = Submission.Status.IN_REVIEW
    submission.save(update_fields=["status", "updated_at"])
    submission.record(SubmissionEvent.Kind.UPDATED, actor=submission.submitter_name)
    state = submission.practice.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user=None)
    elif state is None:
        submission_workflow().start(submission.practice, user=None)
    context = {
        "submission": submission,
        "edit_url": absolute(reverse("wagtailsnippets_practices_practice:edit", args=[submission.practice_id])),
    }
    transaction.on_commit(lambda: send("editors_updated", editor_addresses(), context))


# --- editorial decisions (called from Wagtail signals and the review task) ---------------------


def submission_for(practice) -> Submission | None:
    if practice is None or not isinstance(practice, Practice):
        return None
    return Submission.objects.filter(practice_id=practice.pk).first()


def request_changes(submission: Submission, *, user, comment: str) -> None:
    practice = submission.practice.get_latest_revision_as_object()
    submission.data = {**submission.data, **data_from_practice(practice)}
    if practice.municipality_id:
        submission.place_id = practice.municipality_id
        submission.municipality_label = practice.municipality_label
    submission.status = Submission.Status.CHANGES_REQUESTED
    submission.editor_comment = comment
    submission.save()
    submission.record(SubmissionEvent.Kind.CHANGES_REQUESTED, user=user, comment=comment)
    send(
        "changes_requested",
        [submission.submitter_email],
        {"submission": submission, "comment": comment, "status_url": submission.private_url()},
    )


def decline_submission(task_state, *, user, comment: str) -> None:
    """Final rejection with a reason: the workflow ends and the submitter learns why."""
    workflow_state = task_state.workflow_state
    submission = submission_for(workflow_state.content_object)
    workflow_state.cancel(user=user)
    # Cancelling clears the task's comment; the reason is written back afterwards.
    TaskState.objects.filter(pk=task_state.pk).update(comment=comment)
    if submission is not None:
        submission.status = Submission.Status.REJECTED
        submission.editor_comment = comment
        submission.save(update_fields=["status", "editor_comment", "updated_at"])
        submission.record(SubmissionEvent.Kind.REJECTED, user=user, comment=comment)
        send(
            "rejected",
            [submission.submitter_email],
            {"submission": submission, "comment": comment, "status_url": submission.private_url()},
        )


def mark_published(submission: Submission, *, user=None) -> None:
    from wagtail.models import Collection as _Collection

    practice = submission.practice
    root = _Collection.get_first_root_node()
    # The uploads become public with the practice.
    for link in practice.images.select_related("image"):
        if link.image.collection.name == UPLOAD_COLLECTION:
            link.image.collection = root
            link.image.save(update_fields=["collection"])
    for link in practice.attachments.select_related("document"):
        if link.document.collection.name == UPLOAD_COLLECTION:
            link.document.collection = root
            link.document.save(update_fields=["collection"])
    submission.status = Submission.Status.PUBLISHED
    submission.save(update_fields=["status", "updated_at"])
    submission.record(SubmissionEvent.Kind.PUBLISHED, user=user)
    send(
        "published",
        [submission.submitter_email],
        {
            "submission": submission,
            "practice_url": absolute(practice.get_absolute_url()),
            "status_url": submission.private_url(),
        },
    )
