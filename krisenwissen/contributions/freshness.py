"""Keeping published practices current: what is due for review, the weekly digest for editors,
and the "still in use?" question to the contact person.

Every published practice has a ``review_by`` date (by default twelve months after publication or
the last review, see ``Practice.save``). ``manage.py send_review_reminders`` (weekly, from a
systemd timer or cron) mails the editors a list of what is due and asks each consenting contact
person once per ``ASK_AGAIN_AFTER_DAYS`` whether the practice is still in use. Their answer page is
reached through a signed link (no login); confirming moves ``last_reviewed`` to today and
``review_by`` a year on.
"""

from __future__ import annotations

import datetime

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from krisenwissen.practices.models import Practice

from . import services

CODE_SALT = "krisenwissen.contributions.still-in-use"
CODE_MAX_AGE = 90 * 24 * 3600
#: Practices due within this many days already appear in the dashboard panel and the digest.
DUE_SOON_DAYS = 30
ASK_AGAIN_AFTER_DAYS = 60


def due_for_review(today: datetime.date | None = None, *, within_days: int = DUE_SOON_DAYS):
    """Published practices whose review date has passed or comes within ``within_days``."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=within_days)
    return (
        Practice.objects.public()
        .filter(review_by__isnull=False, review_by__lte=limit)
        .select_related("municipality")
        .order_by("review_by", "title")
    )


def make_code(practice: Practice) -> str:
    return signing.dumps({"p": practice.pk}, salt=CODE_SALT, compress=True)


def read_code(code: str) -> int:
    """The practice id in a still-in-use link; raises ``BadSignature`` when forged or expired."""
    data = signing.loads(code, salt=CODE_SALT, max_age=CODE_MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("p"), int):
        raise signing.BadSignature("no practice in code")
    return data["p"]


def still_in_use_url(practice: Practice) -> str:
    return services.absolute(reverse("contributions:still_in_use", kwargs={"code": make_code(practice)}))


def ask_contacts(today: datetime.date | None = None) -> int:
    """Mail each consenting contact person of a due practice, at most once per ``ASK_AGAIN_AFTER_DAYS``."""
    today = today or timezone.localdate()
    now = timezone.now()
    asked = 0
    quiet_since = now - datetime.timedelta(days=ASK_AGAIN_AFTER_DAYS)
    candidates = due_for_review(today, within_days=0).filter(contact_may_be_contacted=True).exclude(contact_email="")
    for practice in candidates.exclude(review_requested_at__gte=quiet_since):
        sent = services.send(
            "still_in_use",
            [practice.contact_email],
            {
                "practice": practice,
                "practice_url": services.absolute(practice.get_absolute_url()),
                "answer_url": still_in_use_url(practice),
            },
        )
        if sent:
            Practice.objects.filter(pk=practice.pk).update(review_requested_at=now)
            asked += 1
    return asked


def send_digest(today: datetime.date | None = None) -> int:
    """One e-mail to the editors listing every practice due for review; returns how many are listed."""
    today = today or timezone.localdate()
    due = list(due_for_review(today))
    if not due:
        return 0
    items = [
        {
            "practice": practice,
            "overdue": practice.review_by < today,
            "edit_url": services.absolute(reverse("wagtailsnippets_practices_practice:edit", args=[practice.pk])),
        }
        for practice in due
    ]
    services.send("review_digest", services.editor_addresses(), {"items": items, "today": today})
    return len(items)


def confirm_still_in_use(practice: Practice) -> None:
    practice.mark_reviewed(timezone.localdate())
    practice.save(update_fields=["last_reviewed", "review_by", "updated_at"])


def report_update(practice: Practice, message: str) -> None:
    """The contact person reports changes: the editors get the message, and the practice is due now."""
    Practice.objects.filter(pk=practice.pk).update(review_by=timezone.localdate(), updated_at=timezone.now())
    services.send(
        "update_reported",
        services.editor_addresses(),
        {
            "practice": practice,
            "message": message,
            "edit_url": services.absolute(reverse("wagtailsnippets_practices_practice:edit", args=[practice.pk])),
        },
    )
