"""Background tasks whose worker died (kill -9, power loss, OOM) are marked failed with a message.

django-tasks' database backend records the worker id when a worker claims a task; a worker that is
killed leaves the task in RUNNING forever. ``manage.py run_worker`` names each worker
``<host>:<pid>`` and, before it starts, marks every RUNNING task of a worker on this host whose
process no longer exists as FAILED (:class:`WorkerLost`) and sends :data:`task_lost`, so that the
app that queued it (e.g. an import job) can show the editor what happened. Task work is done in
database transactions, so a lost task has written nothing; the editor can start it again.
"""

from __future__ import annotations

import os
import socket

from django.dispatch import Signal
from django.utils import timezone

#: Sent once per lost task with ``task_result`` (the DBTaskResult row).
task_lost = Signal()

LOST_MESSAGE = (
    "Der Hintergrundprozess wurde während dieser Aufgabe beendet (Neustart oder Absturz). "
    "Die Aufgabe wurde nicht abgeschlossen; es wurde nichts gespeichert. Bitte starten Sie sie erneut."
)


class WorkerLost(Exception):
    """The worker running a task disappeared."""


def this_worker_id(pid: int | None = None) -> str:
    return f"{socket.gethostname()[:40]}:{pid or os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_lost_tasks() -> int:
    """Mark tasks of dead workers on this host as failed; return how many."""
    from django_tasks_db.models import DBTaskResult

    host = socket.gethostname()[:40]
    lost = 0
    for result in DBTaskResult.objects.filter(status="RUNNING"):
        worker = (result.worker_ids or [""])[-1]
        worker_host, _, pid = worker.rpartition(":")
        if worker_host != host or not pid.isdigit() or _alive(int(pid)):
            continue
        updated = DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(
            status="FAILED",
            finished_at=timezone.now(),
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=LOST_MESSAGE,
        )
        if updated:
            lost += 1
            result.refresh_from_db()
            task_lost.send(sender=WorkerLost, task_result=result)
    return lost
