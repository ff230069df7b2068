"""E-mail alerts on filtered practice lists: double opt-in, weekly digest, one-click unsubscribe.

* **Subscribe:** the visitor enters an address on ``/daten/benachrichtigungen/?<list filters>``;
  we store it unconfirmed and send a link (signed, valid :data:`CONFIRMATION_DAYS` days). Only
  the click (a POST from the confirmation page, so that mail scanners that open links do not
  confirm) activates the alert. The answer on the page is the same whether or not the address
  was known, so the form does not reveal who subscribed.
* **Digest:** ``manage.py send_alert_digests`` (weekly, e.g. from a systemd timer) sends each
  confirmed subscriber the published practices of their filter that are new or changed since
  the last digest, at most :data:`DIGEST_MAX_ITEMS`.
* **Unsubscribe:** every digest carries ``List-Unsubscribe`` (HTTPS) and
  ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058); the link carries a signed
  token, and a POST to it deletes the subscription.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from krisenwissen.practices.facets import FacetQuery, PracticeBrowser
from krisenwissen.practices.models import Practice
from krisenwissen.practices.views import active_filters, read_list_state

from .models import CONFIRMATION_DAYS, AlertSubscription

DIGEST_MAX_ITEMS = 25
#: A digest is not sent again within this time (a timer that fires twice does no harm).
DIGEST_MIN_INTERVAL = datetime.timedelta(days=6)
#: A second subscribe for the same pending alert does not send another mail within this time.
RESEND_AFTER = datetime.timedelta(minutes=10)
CONFIRM_SALT = "opendata.alert.confirm"
UNSUBSCRIBE_SALT = "opendata.alert.unsubscribe"


@dataclass
class AlertFilter:
    query: str  # canonical query string, "" = all practices
    labels: list[dict]  # [{"facet": …, "label": …}] for display
    notices: list[str]


def read_filter(params: QueryDict) -> AlertFilter:
    """The list filter of ``params`` in canonical form; unknown values are dropped with a notice."""
    browser = PracticeBrowser.current()
    state, notices = read_list_state(params, browser)
    result = browser.search(FacetQuery(filters=state.filters, q=state.q, limit=0))
    labels = [{"facet": item["facet"], "label": item["label"]} for item in active_filters(result, state)]
    # Order and page do not change which practices match: the alert keeps filters and text only.
    query = urlencode([(key, value) for key, value in state.items(page=1) if key != "sort"])
    return AlertFilter(query=query, labels=labels, notices=notices)


def confirm_token(subscription: AlertSubscription) -> str:
    return signing.dumps(subscription.token, salt=CONFIRM_SALT)


def unsubscribe_token(subscription: AlertSubscription) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(subscription.token)


def subscription_for_confirm_token(token: str) -> AlertSubscription | None:
    try:
        raw = signing.loads(token, salt=CONFIRM_SALT, max_age=datetime.timedelta(days=CONFIRMATION_DAYS))
    except signing.BadSignature:
        return None
    return AlertSubscription.objects.filter(token=raw).first()


def subscription_for_unsubscribe_token(token: str) -> AlertSubscription | None:
    try:
        raw = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return AlertSubscription.objects.filter(token=raw).first()


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _list_url(base_url: str, query: str) -> str:
    with translation.override("de"):
        path = reverse("practices:list")
    return _absolute(base_url, f"{path}?{query}" if query else path)


def subscribe(email: str, alert_filter: AlertFilter, base_url: str) -> bool:
    """Store a pending alert and send the confirmation mail; ``False`` if nothing was sent.

    Nothing is sent for an alert that is already confirmed or whose confirmation mail went out
    less than :data:`RESEND_AFTER` ago.
    """
    email = email.strip()
    now = timezone.now()
    try:
        with transaction.atomic():
            subscription, created = AlertSubscription.objects.get_or_create(email=email, query=alert_filter.query)
    except IntegrityError:
        subscription, created = AlertSubscription.objects.get(email=email, query=alert_filter.query), False
    if subscription.is_confirmed:
        return False
    if not created and now - subscription.created_at < RESEND_AFTER:
        return False
    if not created:
        subscription.created_at = now
        AlertSubscription.objects.filter(pk=subscription.pk).update(created_at=now)
    with translation.override("de"):
        confirm_url = _absolute(
            base_url, reverse("opendata:alert_confirm", kwargs={"token": confirm_token(subscription)})
        )
    context = {
        "confirm_url": confirm_url,
        "labels": alert_filter.labels,
        "list_url": _list_url(base_url, alert_filter.query),
        "days": CONFIRMATION_DAYS,
    }
    message = EmailMultiAlternatives(
        subject="Krisenwissen: Bitte bestätigen Sie Ihre Benachrichtigung",
        body=render_to_string("opendata/email/alert_confirm.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
    )
    message.send()
    return True


def confirm(subscription: AlertSubscription) -> None:
    if not subscription.is_confirmed:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])


def matching_practices(subscription: AlertSubscription, since: datetime.datetime) -> list[Practice]:
    """Published practices of the alert's filter that were published or changed after ``since``."""
    browser = PracticeBrowser.current()
    state, _notices = read_list_state(QueryDict(subscription.query), browser)
    candidates = Practice.objects.public().filter(updated_at__gt=since)
    if state.filters or state.q:
        result = browser.search(FacetQuery(filters=state.filters, q=state.q, limit=browser_size(browser)))
        candidates = candidates.filter(pk__in=list(result.ids_page))
    return list(candidates.select_related("municipality").order_by("-updated_at", "-pk")[:DIGEST_MAX_ITEMS])


def browser_size(browser: PracticeBrowser) -> int:
    return max(1, browser.index.n)


def send_digest(subscription: AlertSubscription, base_url: str, now: datetime.datetime | None = None) -> bool:
    """Send one digest if there is something new; returns whether a mail went out."""
    now = now or timezone.now()
    since = subscription.last_sent_at or subscription.confirmed_at
    if since is None or (subscription.last_sent_at and now - subscription.last_sent_at < DIGEST_MIN_INTERVAL):
        return False
    practices = matching_practices(subscription, since)
    if not practices:
        return False
    alert_filter = read_filter(QueryDict(subscription.query))
    with translation.override("de"):
        unsubscribe_url = _absolute(
            base_url, reverse("opendata:alert_unsubscribe", kwargs={"token": unsubscribe_token(subscription)})
        )
        items = [
            {
                "title": practice.title,
                "summary": practice.summary,
                "place": practice.municipality_display,
                "url": _absolute(base_url, practice.get_absolute_url()),
                "is_demo": practice.is_demo,
            }
            for practice in practices
        ]
    context = {
        "items": items,
        "labels": alert_filter.labels,
        "list_url": _list_url(base_url, subscription.query),
        "unsubscribe_url": unsubscribe_url,
    }
    message = EmailMultiAlternatives(
        subject=f"Krisenwissen: {len(items)} neue oder geänderte Praxisbeispiele",
        body=render_to_string("opendata/email/alert_digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
    AlertSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
    return True


def purge_unconfirmed(now: datetime.datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - datetime.timedelta(days=CONFIRMATION_DAYS)
    deleted, _ = AlertSubscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return deleted


def send_digests(base_url: str, now: datetime.datetime | None = None) -> dict:
    """Send every due digest and delete stale unconfirmed alerts; returns counts for the log."""
    now = now or timezone.now()
    purged = purge_unconfirmed(now)
    sent = checked = 0
    for subscription in AlertSubscription.objects.filter(confirmed_at__isnull=False).order_by("pk").iterator():
        checked += 1
        if send_digest(subscription, base_url, now):
            sent += 1
    return {"checked": checked, "sent": sent, "purged": purged}
