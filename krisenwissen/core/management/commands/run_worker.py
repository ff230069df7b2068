"""``manage.py run_worker``: recover tasks of dead workers, then run django-tasks' database worker.

The worker id is ``<host>:<pid>`` so that a later start can tell which RUNNING tasks lost their
worker (see ``core/task_recovery.py``). Extra arguments go to ``db_worker``.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from krisenwissen.core.task_recovery import recover_lost_tasks, this_worker_id


class Command(BaseCommand):
    help = "Mark tasks of dead workers as failed, then run the background task worker."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Exit when the queue is empty.")

    def handle(self, *args, batch=False, **options):
        lost = recover_lost_tasks()
        if lost:
            self.stdout.write(self.style.WARNING(f"{lost} unterbrochene Aufgabe(n) als fehlgeschlagen markiert"))
        extra = ["--batch"] if batch else []
        call_command("db_worker", "--worker-id", this_worker_id(), *extra)
