"""A demo reflection in the demo workspace (``workspace.demo_content``), so the flow can be tried.

Idempotent: it only adds the reflection when the demo workspace has none. The workspace is flagged
``is_demo``, so every page of it carries the demo notice.
"""

import datetime

from django.db import transaction

from krisenwissen.taxonomy.models import Actor, CrisisType, Lever

from .models import Card, Cluster, Column, Idea, Measure, Reflection, Vote
from .services import create_reflection

CARDS = [
    (0, Column.WENT_WELL, "Der Krisenstab tagte jeden Morgen; alle Ämter kannten die Lage.", "ordnungsamt", [1, 5]),
    (0, Column.WENT_LESS_WELL, "Personal für die Hotline fehlte in der ersten Woche.", "personalamt", [3]),
    (0, Column.KEEP, "Gemeinsame Lagekarte mit der Feuerwehr.", "feuerwehr-katastrophenschutz", [5]),
    (0, Column.CHANGE, "Einen Personalpool für Krisen vorab aufbauen.", "personalamt", [3]),
    (
        1,
        Column.WENT_WELL,
        "Pressestelle informierte zweimal täglich in den sozialen Medien.",
        "presse-oeffentlichkeitsarbeit",
        [],
    ),
    (1, Column.WENT_LESS_WELL, "Warnungen gab es nur auf Deutsch.", "presse-oeffentlichkeitsarbeit", [6]),
    (
        1,
        Column.CHANGE,
        "Warnvorlagen in Leichter Sprache und fünf Sprachen vorbereiten.",
        "presse-oeffentlichkeitsarbeit",
        [6],
    ),
    (2, Column.WENT_LESS_WELL, "Pflegebedürftige Menschen zu Hause waren dem Stab nicht bekannt.", "sozialamt", [6]),
    (2, Column.KEEP, "Telefonkette der Wohlfahrtsverbände zu älteren Menschen.", "sozialamt", [5, 6]),
]


@transaction.atomic
def load() -> str:
    from krisenwissen.workspace.demo_content import DEMO_WORKSPACE_SLUG
    from krisenwissen.workspace.models import Membership, Workspace

    workspace = Workspace.objects.filter(slug=DEMO_WORKSPACE_SLUG).first()
    if workspace is None or not CrisisType.objects.filter(slug="hochwasser").exists():
        return "übersprungen (kein Demo-Arbeitsbereich)"
    if workspace.reflections.exists():
        return "Demo-Reflexion vorhanden"
    reflection = create_reflection(
        Reflection(
            workspace=workspace,
            title="Hochwasser Juli 2021 (Demo)",
            crisis_type=CrisisType.objects.get(slug="hochwasser"),
            period_start=datetime.date(2021, 7, 14),
            period_end=datetime.date(2021, 8, 31),
            description="Fiktive Nachbereitung zum Ausprobieren des Reflexionsraums.",
        ),
        Actor.objects.filter(slug__in={c[3] for c in CARDS}),
    )
    boards = list(reflection.boards.all())
    levers = {lever.number: lever for lever in Lever.objects.all()}
    cards = []
    for board_index, column, text, department, lever_numbers in CARDS:
        card = Card.objects.create(
            board=boards[board_index % len(boards)],
            column=column,
            text=text,
            department=Actor.objects.filter(slug=department).first(),
        )
        card.levers.set([levers[n] for n in lever_numbers if n in levers])
        cards.append(card)
    cluster = Cluster.objects.create(board=cards[5].board, title="Warnung für alle")
    Card.objects.filter(pk__in=[cards[5].pk, cards[6].pk]).update(cluster=cluster)
    for membership in Membership.objects.filter(workspace=workspace).select_related("user"):
        for card in (cards[3], cards[6]):
            Vote.objects.get_or_create(card=card, user=membership.user)
    idea = Idea.objects.create(reflection=reflection, title="Mehrsprachige Warnvorlagen", cluster=cluster)
    idea.cards.set([cards[5], cards[6]])
    idea.levers.set([levers[6]] if 6 in levers else [])
    today = datetime.date.today()
    Measure.objects.create(
        reflection=reflection,
        idea=idea,
        title="Warnvorlagen übersetzen und in Leichter Sprache anlegen",
        owner="Pressestelle",
        due_date=today - datetime.timedelta(days=14),
        status=Measure.Status.IN_PROGRESS,
        impact=3,
        effort=1,
    )
    Measure.objects.create(
        reflection=reflection,
        title="Personalpool für Krisen mit 40 Freiwilligen aufbauen",
        owner="Personalamt",
        due_date=today + datetime.timedelta(days=90),
        impact=3,
        effort=3,
    )
    return f"Demo-Reflexion „{reflection.title}“ mit {len(cards)} Karten und 2 Maßnahmen angelegt"
