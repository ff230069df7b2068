"""A task whose worker was killed is marked failed with a message, and its import job says so."""

import subprocess

import pytest
from django_tasks_db.models import DBTaskResult

from krisenwissen.core.task_recovery import LOST_MESSAGE, recover_lost_tasks, this_worker_id
from krisenwissen.practices.models import PracticeImportJob

pytestmark = pytest.mark.django_db


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def running_task(worker_id: str) -> DBTaskResult:
    from django.utils import timezone

    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="krisenwissen.practices.tasks.import_practices_task",
        worker_ids=[worker_id],
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now(),
    )


def test_tasks_of_a_killed_worker_are_marked_failed_with_a_message(django_user_model):
    lost = running_task(this_worker_id(dead_pid()))
    alive = running_task(this_worker_id())  # this process: still working
    job = PracticeImportJob.objects.create(
        filename="praxis.jsonl", content="{}", status=PracticeImportJob.Status.RUNNING, task_id=str(lost.id)
    )

    assert recover_lost_tasks() == 1

    lost.refresh_from_db()
    alive.refresh_from_db()
    job.refresh_from_db()
    assert lost.status == "FAILED"
    assert lost.traceback == LOST_MESSAGE
    assert alive.status == "RUNNING"
    assert job.status == PracticeImportJob.Status.FAILED
    assert "unterbrochen" in job.errors[0]
    assert recover_lost_tasks() == 0  # idempotent


def test_a_lost_literature_import_job_is_marked_failed():
    from krisenwissen.literature.models import LiteratureImportJob

    lost = running_task(this_worker_id(dead_pid()))
    job = LiteratureImportJob.objects.create(
        filename="library.bib",
        format="bibtex",
        content="@book{}",
        status=LiteratureImportJob.Status.RUNNING,
        task_id=str(lost.id),
    )
    assert recover_lost_tasks() == 1
    job.refresh_from_db()
    assert job.status == LiteratureImportJob.Status.FAILED
    assert "unterbrochen" in job.errors[0]
