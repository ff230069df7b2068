"""Demo content for the editorial freshness view: a few demo practices are made due for review,
so the dashboard panel and ``send_review_reminders`` have something to show in development.

Only practices marked ``is_demo`` are touched, and only once (when none is due yet).
"""

import datetime

from django.utils import timezone

from krisenwissen.practices.models import Practice

from .freshness import due_for_review

DUE_DEMO_PRACTICES = 3


def load() -> str:
    if due_for_review().filter(is_demo=True).exists():
        return "Demo-Praxisbeispiele zur Prüfung fällig: schon vorhanden"
    ids = list(
        Practice.objects.public().filter(is_demo=True).order_by("pk").values_list("pk", flat=True)[:DUE_DEMO_PRACTICES]
    )
    today = timezone.localdate()
    for offset, pk in enumerate(ids):
        Practice.objects.filter(pk=pk).update(review_by=today - datetime.timedelta(days=7 * (offset + 1)))
    return f"{len(ids)} Demo-Praxisbeispiele zur Prüfung fällig gesetzt"
