"""Read-only maintenance mode, shared by every process of an installation.

Two switches, either is enough: ``MAINTENANCE_MODE=true`` in the environment (set before a
deployment) or a flag file (``manage.py maintenance on|off``) that running processes notice within
a second without a restart. A file rather than the cache or the database: during a restore the
database may be gone, and the cache may be local to a process.
"""

import os
import time
from pathlib import Path

from django.conf import settings

_checked_at = 0.0
_active = False


def flag_path() -> Path:
    return Path(settings.MAINTENANCE_FLAG_FILE)


def is_active() -> bool:
    global _checked_at, _active
    if getattr(settings, "MAINTENANCE_MODE", False):
        return True
    now = time.monotonic()
    if now - _checked_at > 1.0:
        _active = flag_path().exists()
        _checked_at = now
    return _active


def switch(on: bool, reason: str = "") -> None:
    global _checked_at
    path = flag_path()
    if on:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(reason or "maintenance", encoding="utf-8")
    elif path.exists():
        os.remove(path)
    _checked_at = 0.0
