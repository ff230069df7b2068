"""Background work for practices: running an uploaded import outside the request."""

import logging

from django_tasks import task

from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from krisenwissen.core.task_recovery import task_lost

from .importers import PracticeImportError, import_practices_from_text
from .models import PracticeImportJob

logger = logging.getLogger(__name__)


def run_import_job(job: PracticeImportJob) -> PracticeImportJob:
    """Import the file stored in ``job`` and record the outcome on it.

    Used both by the admin (small files, inside the request) and by :func:`import_practices_task`.
    The job, not the task backend, is the record the admin status page reads, so the outcome is
    the same whichever task backend runs it.
    """
    job.status = PracticeImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        report = import_practices_from_text(
            job.content, is_demo=job.is_demo, skip_invalid=job.skip_invalid, user=job.created_by
        )
    except PracticeImportError as error:
        job.status = PracticeImportJob.Status.FAILED
        job.errors = error.messages
    except Exception:
        logger.exception("Import of practices failed (job %s)", job.pk)
        job.status = PracticeImportJob.Status.FAILED
        job.errors = [_("Unerwarteter Fehler beim Import; nichts wurde gespeichert. Details stehen im Server-Log.")]
    else:
        job.status = PracticeImportJob.Status.SUCCEEDED
        job.report = report.as_dict()
        job.errors = []
        # The file has done its job; the report is what stays.
        job.content = ""
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "errors", "content", "finished_at"])
    return job


@task()
def import_practices_task(job_id: int) -> str:
    """Run the import of an uploaded file; returns the job's final status."""
    job = PracticeImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in {PracticeImportJob.Status.QUEUED, PracticeImportJob.Status.PREVIEWED}:
        # Already run (a retried task must not import twice).
        return job.status
    return run_import_job(job).status


@receiver(task_lost)
def fail_import_job_of_lost_task(sender, task_result, **kwargs):
    """The worker died during an import: the transaction was rolled back, so say so on the job."""
    PracticeImportJob.objects.filter(task_id=str(task_result.id), status=PracticeImportJob.Status.RUNNING).update(
        status=PracticeImportJob.Status.FAILED,
        errors=[
            _(
                "Der Import wurde unterbrochen, weil der Hintergrundprozess beendet wurde. "
                "Es wurde nichts gespeichert; bitte starten Sie den Import erneut."
            )
        ],
        finished_at=timezone.now(),
    )
