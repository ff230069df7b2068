"""Keep submissions in step with what editors do in Wagtail's workflow and publishing."""

from __future__ import annotations

import logging

from wagtail.signals import published, workflow_rejected

from krisenwissen.practices.models import Practice

from . import services
from .models import Submission

logger = logging.getLogger(__name__)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    """ "Änderungen anfordern": the submitter gets the editor's comment and may edit again."""
    submission = services.submission_for(instance.content_object)
    if submission is None:
        return
    task_state = instance.current_task_state
    comment = task_state.comment if task_state else ""
    services.request_changes(submission, user=user, comment=comment)


def on_published(sender, instance, user=None, **kwargs):
    submission = services.submission_for(instance)
    if submission is not None and submission.status != Submission.Status.PUBLISHED:
        services.mark_published(submission, user=user)


def connect() -> None:
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="contributions-workflow-rejected")
    published.connect(on_published, sender=Practice, dispatch_uid="contributions-published")
