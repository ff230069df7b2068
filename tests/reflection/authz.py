"""The reflection app's routes for the authorization matrix (see ``tests/workspace/authz_registry.py``)."""

import datetime

from tests.workspace.authz_registry import RouteSpec, register

R = "workspace:reflection:"
REFLECTION = ("reflection",)

ROUTES = {
    f"{R}list": RouteSpec("reader"),
    f"{R}create": RouteSpec("moderator", methods=("GET", "POST")),
    f"{R}detail": RouteSpec("reader", REFLECTION),
    f"{R}edit": RouteSpec("moderator", REFLECTION, methods=("GET", "POST")),
    f"{R}board_create": RouteSpec("moderator", REFLECTION, methods=("GET", "POST")),
    f"{R}board": RouteSpec("reader", ("reflection", "board")),
    f"{R}board_state": RouteSpec("reader", ("reflection", "board")),
    f"{R}card_create": RouteSpec("member", ("reflection", "board"), methods=("GET", "POST")),
    f"{R}cluster_create": RouteSpec("moderator", ("reflection", "board"), methods=("POST",)),
    f"{R}card_edit": RouteSpec("member", ("reflection", "card"), methods=("GET", "POST")),
    f"{R}card_vote": RouteSpec("member", ("reflection", "card"), methods=("POST",)),
    f"{R}card_moderate": RouteSpec("moderator", ("reflection", "card"), methods=("POST",)),
    f"{R}card_merge": RouteSpec("moderator", ("reflection", "card"), methods=("GET", "POST")),
    f"{R}card_practice": RouteSpec("admin", ("reflection", "card"), methods=("GET", "POST")),
    f"{R}ideas": RouteSpec("reader", REFLECTION),
    f"{R}idea_create": RouteSpec("member", REFLECTION, methods=("GET", "POST")),
    f"{R}measure_create": RouteSpec("member", REFLECTION, methods=("GET", "POST")),
    f"{R}measure_edit": RouteSpec("member", ("reflection", "measure"), methods=("GET", "POST")),
    f"{R}measure_practice": RouteSpec("admin", ("reflection", "measure"), methods=("GET", "POST")),
    f"{R}action_plan": RouteSpec("reader", REFLECTION),
    f"{R}export_pdf": RouteSpec("reader", REFLECTION),
    f"{R}export_docx": RouteSpec("reader", REFLECTION),
}


def populate(workspace, canary: str) -> dict:
    """One reflection with a board, a clustered card, an idea and a measure, each carrying ``canary``."""
    from krisenwissen.reflection.models import Board, Card, Cluster, Column, Idea, Measure, Reflection
    from krisenwissen.taxonomy.models import CrisisType

    crisis_type, _ = CrisisType.objects.get_or_create(
        slug="hochwasser", defaults={"name_de": "Hochwasser", "name_en": "Flood"}
    )
    reflection = Reflection.objects.create(
        workspace=workspace,
        title=f"Reflexion {canary}",
        crisis_type=crisis_type,
        period_start=datetime.date(2024, 6, 1),
    )
    board = Board.objects.create(reflection=reflection, title=f"Tafel {canary}")
    cluster = Cluster.objects.create(board=board, title=f"Cluster {canary}")
    card = Card.objects.create(board=board, column=Column.WENT_WELL, text=f"Karte {canary}", cluster=cluster)
    idea = Idea.objects.create(reflection=reflection, title=f"Idee {canary}")
    measure = Measure.objects.create(
        reflection=reflection, idea=idea, title=f"Maßnahme {canary}", owner=f"Amt {canary}"
    )
    return {"reflection": reflection.pk, "board": board.pk, "card": card.pk, "measure": measure.pk}


register(ROUTES, populate)
