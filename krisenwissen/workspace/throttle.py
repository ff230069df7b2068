"""Rate limits and failed-login throttling.

Two layers, both counting in the shared ``ratelimit`` cache (Redis or the database cache, see
``settings.CACHES``):

* :func:`rate_limit` wraps django-ratelimit: at most *rate* requests of a kind (login attempts,
  invitations, password-reset mails) per client address or per account;
* :func:`is_blocked` / :func:`register_failure`: after ``LOGIN_FAILURES_PER_ACCOUNT`` wrong
  passwords or codes for one account, or ``LOGIN_FAILURES_PER_IP`` from one address, within
  ``LOGIN_FAILURE_WINDOW_S`` seconds, further logins are refused for the rest of the window —
  even with the right password, so guessing gains nothing.

A limited request gets the German page ``workspace/rate_limited.html`` with status 429.
"""

import hashlib
from functools import wraps

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .access import mark_private


def _cache():
    return caches[settings.RATELIMIT_USE_CACHE]


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def rate_limited(request, exception=None, message=None):
    response = render(
        request,
        "workspace/rate_limited.html",
        {
            "message": message
            or _("Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.")
        },
        status=429,
    )
    response["Retry-After"] = "60"
    return mark_private(response)


def rate_limit(group: str, rate: str, key: str = "ip", methods: tuple[str, ...] = ("POST",)):
    """Refuse more than ``rate`` (e.g. ``"10/m"``) requests of ``methods`` per ``key`` ("ip" or "user")."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                limit_key = key
                if key == "user" and not request.user.is_authenticated:
                    limit_key = "ip"
                if is_ratelimited(
                    request, group=group, key=limit_key, rate=rate, method=is_ratelimited.ALL, increment=True
                ):
                    return rate_limited(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def is_blocked(username: str, ip: str | None) -> bool:
    cache = _cache()
    if username and (cache.get(_key("account", username)) or 0) >= settings.LOGIN_FAILURES_PER_ACCOUNT:
        return True
    return bool(ip) and (cache.get(_key("ip", ip)) or 0) >= settings.LOGIN_FAILURES_PER_IP


def _increment(key: str) -> int:
    cache = _cache()
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW_S)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_S)
        return 1


def register_failure(username: str, ip: str | None) -> None:
    if username:
        _increment(_key("account", username))
    if ip:
        _increment(_key("ip", ip))


def reset_account(username: str) -> None:
    if username:
        _cache().delete(_key("account", username))


BLOCKED_MESSAGE = _(
    "Zu viele fehlgeschlagene Anmeldeversuche. Aus Sicherheitsgründen ist die Anmeldung für dieses Konto "
    "oder von Ihrem Netzwerk aus für 15 Minuten gesperrt. Bitte versuchen Sie es später erneut oder setzen "
    "Sie Ihr Passwort zurück."
)
