"""The questionnaire (repaired if missing) and two demo self-assessments for the demo workspace."""

import datetime

from django.db import transaction

from .models import Assessment, Indicator, Score
from .services import ensure_questionnaire

#: Demo scores per lever for the earlier and the later self-assessment.
DEMO_SCORES = [
    {1: 2, 2: 1, 3: 1, 4: 2, 5: 3, 6: 1, 7: 1},
    {1: 3, 2: 2, 3: 1, 4: 3, 5: 4, 6: 2, 7: 3},
]


@transaction.atomic
def load() -> str:
    created = ensure_questionnaire()
    summary = f"Fragebogen: {Indicator.objects.count()} Indikatoren ({created} neu)"
    from krisenwissen.workspace.demo_content import DEMO_WORKSPACE_SLUG
    from krisenwissen.workspace.models import Workspace

    workspace = Workspace.objects.filter(slug=DEMO_WORKSPACE_SLUG).first()
    if workspace is None or workspace.assessments.exists() or not Indicator.objects.exists():
        return summary
    indicators = list(Indicator.objects.select_related("lever"))
    for offset, scores in zip((540, 30), DEMO_SCORES):
        assessment = Assessment.objects.create(
            workspace=workspace,
            date=datetime.date.today() - datetime.timedelta(days=offset),
            title="Demo-Selbstcheck",
        )
        Score.objects.bulk_create(
            Score(assessment=assessment, indicator=indicator, value=scores.get(indicator.lever.number, 2))
            for indicator in indicators
        )
    return summary + ", 2 Demo-Selbstchecks"
