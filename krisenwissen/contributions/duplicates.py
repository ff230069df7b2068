"""Possible duplicates of a submitted practice: same municipality, similar title or summary.

Fuzzy matching with rapidfuzz's ``token_set_ratio`` (word order and extra words do not matter,
so "Hitzetelefon für Senioren" matches "Senioren-Hitzetelefon der Stadt"). Only practices of the
same municipality are compared, which keeps the candidate set small and the warning relevant.
"""

from __future__ import annotations

from rapidfuzz import fuzz, utils

#: Scores (0–100) from which a practice counts as a possible duplicate.
TITLE_THRESHOLD = 60
SUMMARY_THRESHOLD = 70
LIMIT = 10


def similarity(a: str, b: str) -> float:
    return fuzz.token_set_ratio(a or "", b or "", processor=utils.default_process)


def find_duplicates(practice) -> list[dict]:
    """Other practices of the same municipality that look like ``practice``, most similar first."""
    from krisenwissen.practices.models import Practice

    if not practice.municipality_id:
        return []
    others = Practice.objects.filter(municipality_id=practice.municipality_id).exclude(pk=practice.pk)
    found = []
    for other in others.only("pk", "title", "summary", "live", "slug"):
        title_score = similarity(practice.title, other.title)
        summary_score = similarity(practice.summary, other.summary)
        if title_score >= TITLE_THRESHOLD or summary_score >= SUMMARY_THRESHOLD:
            found.append({"practice": other, "title_score": round(title_score), "summary_score": round(summary_score)})
    found.sort(key=lambda item: -max(item["title_score"], item["summary_score"]))
    return found[:LIMIT]
