"""Background work for literature: running a confirmed import outside the request."""

from __future__ import annotations

import logging

from django_tasks import task

from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from krisenwissen.core.task_recovery import task_lost

from .formats import LiteratureImportError, parse
from .importers import analyse, commit, source_label
from .models import LiteratureImportJob

logger = logging.getLogger(__name__)


def _phase_recorder(job: LiteratureImportJob):
    def record(name: str, done: int, total: int) -> None:
        # Written outside the import transaction only when it is visible to others: the write
        # phase runs inside it, so its progress is reported at its start and end.
        LiteratureImportJob.objects.filter(pk=job.pk).update(phase=name, progress=done, progress_total=total)

    return record


def run_import_job(job: LiteratureImportJob) -> LiteratureImportJob:
    """Import the file stored in ``job`` (re-analysed: the database may have changed since the preview)."""
    job.status = LiteratureImportJob.Status.RUNNING
    job.phase = "analyse"
    job.save(update_fields=["status", "phase"])
    try:
        analysis = analyse(parse(job.content, job.format, filename=job.filename), filename=job.filename)
        record = _phase_recorder(job)
        report = commit(
            analysis,
            duplicate_action=job.duplicate_action,
            is_demo=job.is_demo,
            source=source_label(job.filename, analysis.format),
            phase=record,
        )
    except LiteratureImportError as error:
        job.status = LiteratureImportJob.Status.FAILED
        job.errors = [str(error)]
    except Exception:
        logger.exception("Literature import failed (job %s)", job.pk)
        job.status = LiteratureImportJob.Status.FAILED
        job.errors = [_("Unerwarteter Fehler beim Import; nichts wurde gespeichert. Details stehen im Server-Log.")]
    else:
        job.status = LiteratureImportJob.Status.SUCCEEDED
        job.report = report.as_dict()
        job.errors = []
        job.content = ""
    job.refresh_from_db(fields=["progress", "progress_total"])
    job.phase = "done"
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "errors", "content", "finished_at", "phase"])
    return job


@task()
def import_literature_task(job_id: int) -> str:
    job = LiteratureImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in {LiteratureImportJob.Status.QUEUED, LiteratureImportJob.Status.PREVIEWED}:
        return job.status
    return run_import_job(job).status


@receiver(task_lost)
def fail_import_job_of_lost_task(sender, task_result, **kwargs):
    """The worker died during an import: the transaction was rolled back, so say so on the job."""
    LiteratureImportJob.objects.filter(task_id=str(task_result.id), status=LiteratureImportJob.Status.RUNNING).update(
        status=LiteratureImportJob.Status.FAILED,
        phase="done",
        errors=[
            _(
                "Der Import wurde unterbrochen, weil der Hintergrundprozess beendet wurde. "
                "Es wurde nichts gespeichert; bitte starten Sie den Import erneut."
            )
        ],
        finished_at=timezone.now(),
    )
