"""Which requests only read public content, and which parts of the site are private.

Two mechanisms ask the same question: the anonymous page cache (:mod:`.pagecache`) stores only
what any visitor may see, and the replica routing (:mod:`.dbrouting`) sends only such reads to
the read replica. Both start from a reading visitor (``GET``/``HEAD`` without a session cookie)
outside the private areas below, then add their own exceptions.
"""

from __future__ import annotations

from django.conf import settings

#: Areas whose pages depend on who asks or show what was written a moment ago, written without
#: the leading slash and the language prefix: the CMS, accounts, invitation links, the
#: Reflexionsraum and the submission form with its private links.
PRIVATE_AREAS = ("cms/", "konto/", "einladung/", "reflexionsraum/", "einreichen/")


def in_areas(path: str, areas: tuple[str, ...]) -> bool:
    """``path`` ("/konto/…", "/en/konto/…") lies in one of ``areas`` (written like ``PRIVATE_AREAS``)."""
    path = path.lstrip("/")
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and path.startswith(f"{code}/"):
            path = path.removeprefix(f"{code}/")
            break
    return path.startswith(areas)


def is_anonymous_read(request) -> bool:
    """``GET`` or ``HEAD`` by someone without a session: a visitor who is only reading."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES
