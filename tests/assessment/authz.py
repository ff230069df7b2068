"""The assessment app's routes for the authorization matrix (see ``tests/workspace/authz_registry.py``)."""

import datetime

from tests.workspace.authz_registry import RouteSpec, register

A = "workspace:assessment:"

ROUTES = {
    f"{A}overview": RouteSpec("reader"),
    f"{A}create": RouteSpec("member", methods=("GET", "POST")),
    f"{A}detail": RouteSpec("reader", ("assessment",)),
    f"{A}edit": RouteSpec("member", ("assessment",), methods=("GET", "POST")),
    f"{A}export_pdf": RouteSpec("reader", ("assessment",)),
    f"{A}export_docx": RouteSpec("reader", ("assessment",)),
}


def populate(workspace, canary: str) -> dict:
    """One assessment whose title and comments carry ``canary``."""
    from krisenwissen.assessment.models import Assessment, Indicator, Score

    assessment = Assessment.objects.create(
        workspace=workspace, title=f"Selbstcheck {canary}", date=datetime.date(2025, 1, 15)
    )
    for indicator in Indicator.objects.all()[:3]:
        Score.objects.create(assessment=assessment, indicator=indicator, value=2, comment=f"Kommentar {canary}")
    return {"assessment": assessment.pk}


register(ROUTES, populate)
