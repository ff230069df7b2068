"""Seed content for ``manage.py bootstrap``: the real CCCSL literature corpus (not demo content).

The CSL-JSON export of the CCCSL Library of Sources (CC BY-SA 4.0, see ``data/NOTICE.md``) is
imported once; the file's SHA-256 fingerprint is stored in ``import_source``, so a second run
sees it and returns at once. The other three exports of the same library stay in ``data/`` for
the duplicate-detection tests, the benchmark and editors who want to try the import.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .formats import decode
from .importers import analyse_text, commit
from .models import Literature

DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_FILE = DATA_DIR / "CCCSL_Library_Of_Sources.json"
#: The corpus documents government measures against COVID-19.
CORPUS_CRISIS_TYPES = ("pandemie",)


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def load() -> str:
    if not CORPUS_FILE.exists():
        return "CCCSL-Korpus fehlt (krisenwissen/literature/data/)"
    digest = fingerprint(CORPUS_FILE)
    marker = f"sha256:{digest}"
    if Literature.objects.filter(import_source__endswith=marker).exists():
        return "CCCSL-Literaturkorpus bereits importiert"
    from krisenwissen.taxonomy.models import CrisisType

    analysis = analyse_text(decode(CORPUS_FILE.read_bytes()), "csl-json", filename=CORPUS_FILE.name)
    report = commit(
        analysis,
        duplicate_action="merge",
        source=f"{CORPUS_FILE.name} (CSL-JSON) {marker}",
        classification={"crisis_types": list(CrisisType.objects.filter(slug__in=CORPUS_CRISIS_TYPES))},
    )
    return f"CCCSL-Literaturkorpus: {report.summary()} ({report.seconds} s)"
