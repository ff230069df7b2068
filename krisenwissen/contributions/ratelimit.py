"""Per-IP rate limits for the public submission form.

Counted with django-ratelimit in the shared ``ratelimit`` cache (``settings.RATELIMIT_USE_CACHE``:
Redis when ``REDIS_URL`` is set, otherwise a database table), so every worker process sees the
same counters; the Reflexionsraum logins use the same cache (``workspace/throttle.py``).
django-ratelimit stores only an MD5 hash of the client address in the cache key, never the address.

Limits come from ``settings.CONTRIBUTIONS_RATE_LIMITS`` (``{action: "count/period"}``) over the
defaults below. The client address is ``REMOTE_ADDR``; behind a reverse proxy set
``RATELIMIT_IP_META_KEY`` to the header the proxy writes (see docs/contributions.md).
"""

from __future__ import annotations

from django_ratelimit.core import is_ratelimited

from django.conf import settings

DEFAULT_LIMITS = {
    # New drafts per IP: generous for a municipality behind one NAT, tight for a script.
    "start": "10/h",
    # Sending for confirmation (each send mails the submitter).
    "send": "10/h",
    # Any POST to the form steps.
    "step": "300/h",
    # Municipality searches (also used by the type-ahead).
    "place_search": "600/h",
}


def limits() -> dict[str, str]:
    return {**DEFAULT_LIMITS, **getattr(settings, "CONTRIBUTIONS_RATE_LIMITS", {})}


def is_limited(request, action: str) -> bool:
    """True when this client has used up ``action``; otherwise this request is counted."""
    return is_ratelimited(
        request,
        group=f"contributions:{action}",
        key="ip",
        rate=limits()[action],
        method=is_ratelimited.ALL,
        increment=True,
    )
