"""The reflection as people use it, with plain forms: boards, cards, voting, moderation, ideas, measures."""

import datetime

import pytest

from django.urls import reverse

from krisenwissen.reflection.models import Board, Card, Cluster, Column, Idea, Measure, Reflection, Vote
from krisenwissen.taxonomy.models import Actor, CrisisType, Lever, Theme
from krisenwissen.workspace.models import Role

from .helpers import client_for, make_person


def rurl(name, workspace, **kwargs):
    return reverse(f"workspace:reflection:{name}", kwargs={"workspace": workspace.slug, **kwargs})


def add_card(client, workspace, board, text, column=Column.WENT_WELL, **extra):
    return client.post(
        rurl("card_create", workspace, reflection=board.reflection_id, board=board.pk),
        {"column": column, "text": text, **extra},
    )


def test_moderator_creates_a_reflection_with_one_board_per_theme(workspace, clients):
    departments = list(Actor.objects.filter(slug__in=["ordnungsamt", "sozialamt"]).values_list("pk", flat=True))
    response = clients[Role.MODERATOR].post(
        rurl("create", workspace),
        {
            "title": "Hochwasser Juli 2021",
            "crisis_type": CrisisType.objects.get(slug="hochwasser").pk,
            "period_start": "2021-07-14",
            "period_end": "2021-08-31",
            "departments": departments,
        },
    )
    reflection = Reflection.objects.get(title="Hochwasser Juli 2021")
    assert response.status_code == 302
    assert reflection.workspace == workspace
    assert [b.theme.slug for b in reflection.boards.all()] == list(Theme.objects.values_list("slug", flat=True))
    assert set(reflection.departments.values_list("pk", flat=True)) == set(departments)
    page = clients[Role.READER].get(response["Location"]).content.decode()
    assert "Hochwasser Juli 2021" in page and "Ordnungsamt" in page


def test_reflection_form_keeps_input_and_explains_errors(workspace, clients):
    response = clients[Role.MODERATOR].post(
        rurl("create", workspace),
        {"title": "Stromausfall", "crisis_type": "", "period_start": "2024-05-02", "period_end": "2024-05-01"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Stromausfall"' in page
    assert "Das Ende darf nicht vor dem Beginn liegen." in page
    assert not Reflection.objects.exists()


def test_member_pins_a_card_and_everybody_sees_it(workspace, reflection, clients):
    board = reflection.boards.first()
    lever = Lever.objects.get(number=5)
    response = add_card(
        clients[Role.MEMBER],
        workspace,
        board,
        "Lagebesprechung jeden Morgen um 8",
        levers=[lever.pk],
        tags="Stab, Routine, stab",
    )
    card = Card.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#card-{card.pk}")
    assert card.tag_list == ["Stab", "Routine"]
    page = clients[Role.READER].get(rurl("board", workspace, reflection=reflection.pk, board=board.pk)).content.decode()
    assert "Lagebesprechung jeden Morgen um 8" in page
    assert "Stellschraube 5: Vertrauensnetzwerke" in page
    # A reader sees the board but no form to add or vote.
    assert "Karte anheften" not in page and "Stimme geben" not in page


def test_empty_card_is_refused_with_a_message(workspace, reflection, clients):
    board = reflection.boards.first()
    response = add_card(clients[Role.MEMBER], workspace, board, "")
    assert response.status_code == 200
    assert "Dieses Feld muss ausgefüllt werden." in response.content.decode()
    assert not Card.objects.exists()


def test_reader_cannot_add_cards(workspace, reflection, clients):
    response = add_card(clients[Role.READER], workspace, reflection.boards.first(), "Leser schreibt")
    assert response.status_code == 403
    assert not Card.objects.exists()


@pytest.fixture
def cards(reflection):
    board = reflection.boards.first()
    return [Card.objects.create(board=board, column=Column.WENT_WELL, text=f"Beitrag Nummer {n}") for n in range(5)]


def vote(client, workspace, card, action="add"):
    return client.post(
        rurl("card_vote", workspace, reflection=card.board.reflection_id, card=card.pk), {"action": action}
    )


def test_votes_are_limited_to_the_workspace_setting(workspace, cards, clients, people):
    member = clients[Role.MEMBER]
    for card in cards[:3]:
        vote(member, workspace, card)
    response = vote(member, workspace, cards[3])
    assert Vote.objects.filter(user=people[Role.MEMBER]).count() == 3
    followed = member.get(response["Location"]).content.decode()
    assert "Sie haben alle 3 Stimmen dieser Reflexion vergeben" in followed
    assert "Sie haben noch <strong>0</strong> von 3 Stimmen" in followed
    # Taking one back frees it for another card.
    vote(member, workspace, cards[0], action="remove")
    vote(member, workspace, cards[3])
    assert set(Vote.objects.filter(user=people[Role.MEMBER]).values_list("card_id", flat=True)) == {
        cards[1].pk,
        cards[2].pk,
        cards[3].pk,
    }


def test_one_vote_per_card_and_person_and_limits_are_per_person(workspace, cards, clients, people):
    vote(clients[Role.MEMBER], workspace, cards[0])
    vote(clients[Role.MEMBER], workspace, cards[0])
    vote(clients[Role.MODERATOR], workspace, cards[0])
    assert Vote.objects.filter(card=cards[0]).count() == 2


def test_votes_in_another_reflection_do_not_count(workspace, cards, clients, people):
    from .helpers import make_reflection

    second = make_reflection(workspace, title="Hitze 2025", crisis="hitze")
    other_card = Card.objects.create(board=second.boards.first(), column=Column.KEEP, text="Hitzeplan")
    for card in cards[:3]:
        vote(clients[Role.MEMBER], workspace, card)
    vote(clients[Role.MEMBER], workspace, other_card)
    assert Vote.objects.filter(card=other_card).count() == 1


def test_changing_the_setting_changes_the_limit(workspace, cards, clients, people):
    workspace.votes_per_member = 1
    workspace.save()
    vote(clients[Role.MEMBER], workspace, cards[0])
    vote(clients[Role.MEMBER], workspace, cards[1])
    assert Vote.objects.filter(user=people[Role.MEMBER]).count() == 1


def test_no_votes_on_hidden_cards(workspace, cards, clients):
    Card.objects.filter(pk=cards[0].pk).update(hidden=True)
    vote(clients[Role.MEMBER], workspace, cards[0])
    assert not Vote.objects.exists()


def test_empty_vote_post_changes_nothing(workspace, cards, clients):
    response = clients[Role.MEMBER].post(
        rurl("card_vote", workspace, reflection=cards[0].board.reflection_id, card=cards[0].pk), {}
    )
    assert response.status_code == 400
    assert not Vote.objects.exists()


def edit_card(client, workspace, card, text, version):
    return client.post(
        rurl("card_edit", workspace, reflection=card.board.reflection_id, card=card.pk),
        {"column": card.column, "text": text, "version": version, "tags": ""},
    )


def test_two_people_editing_one_card_see_the_conflict(workspace, cards, clients):
    card = cards[0]
    version = card.version
    first = edit_card(clients[Role.MEMBER], workspace, card, "Fassung von Anna", version)
    assert first.status_code == 302
    second = edit_card(clients[Role.MODERATOR], workspace, card, "Fassung von Ben", version)
    page = second.content.decode()
    assert second.status_code == 409
    assert "Konflikt" in page
    assert "Fassung von Anna" in page and "Fassung von Ben" in page
    card.refresh_from_db()
    assert card.text == "Fassung von Anna"
    # The form now carries the current version: saving again deliberately replaces Anna's text.
    assert f'name="version" value="{card.version}"' in page
    third = edit_card(clients[Role.MODERATOR], workspace, card, "Fassung von Ben", card.version)
    assert third.status_code == 302
    card.refresh_from_db()
    assert card.text == "Fassung von Ben" and card.version == version + 2


def test_two_people_editing_one_measure_see_the_conflict(workspace, reflection, clients):
    measure = Measure.objects.create(reflection=reflection, title="Personalpool aufbauen", owner="Personalamt")
    url = rurl("measure_edit", workspace, reflection=reflection.pk, measure=measure.pk)
    data = {"title": "Personalpool aufbauen", "owner": "Personalamt", "status": "planned", "impact": 3, "effort": 2}
    assert clients[Role.MEMBER].post(url, {**data, "owner": "Hauptamt", "version": 1}).status_code == 302
    response = clients[Role.MODERATOR].post(url, {**data, "owner": "Ordnungsamt", "version": 1})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Hauptamt" in page and "Ordnungsamt" in page
    measure.refresh_from_db()
    assert measure.owner == "Hauptamt"


def test_moderator_clusters_hides_and_moves_cards(workspace, cards, clients):
    board = cards[0].board
    moderator = clients[Role.MODERATOR]
    moderator.post(
        rurl("cluster_create", workspace, reflection=board.reflection_id, board=board.pk), {"title": "Kommunikation"}
    )
    cluster = Cluster.objects.get(title="Kommunikation")
    moderate = rurl("card_moderate", workspace, reflection=board.reflection_id, card=cards[0].pk)
    moderator.post(moderate, {"action": "cluster", "cluster": cluster.pk})
    moderator.post(moderate, {"action": "move", "column": Column.CHANGE})
    moderator.post(
        rurl("card_moderate", workspace, reflection=board.reflection_id, card=cards[1].pk), {"action": "hide"}
    )
    cards[0].refresh_from_db()
    assert cards[0].cluster == cluster and cards[0].column == Column.CHANGE
    board_url = rurl("board", workspace, reflection=board.reflection_id, board=board.pk)
    member_page = clients[Role.MEMBER].get(board_url).content.decode()
    assert "Cluster: Kommunikation" in member_page
    assert "Beitrag Nummer 1" not in member_page
    moderator_page = moderator.get(board_url).content.decode()
    assert "Ausgeblendete und zusammengeführte Karten" in moderator_page and "Beitrag Nummer 1" in moderator_page


def test_a_cluster_of_another_board_cannot_be_assigned(workspace, cards, clients):
    other_board = Board.objects.create(reflection=cards[0].board.reflection, title="Frei")
    foreign_cluster = Cluster.objects.create(board=other_board, title="Fremd")
    response = clients[Role.MODERATOR].post(
        rurl("card_moderate", workspace, reflection=other_board.reflection_id, card=cards[0].pk),
        {"action": "cluster", "cluster": foreign_cluster.pk},
    )
    assert response.status_code == 400
    cards[0].refresh_from_db()
    assert cards[0].cluster is None


def test_merging_duplicates_moves_votes_without_double_counting(workspace, cards, clients, people):
    duplicate, target = cards[0], cards[1]
    Vote.objects.create(card=duplicate, user=people[Role.MEMBER])
    Vote.objects.create(card=duplicate, user=people[Role.READER])
    Vote.objects.create(card=target, user=people[Role.MEMBER])
    duplicate.levers.add(Lever.objects.get(number=2))
    response = clients[Role.MODERATOR].post(
        rurl("card_merge", workspace, reflection=duplicate.board.reflection_id, card=duplicate.pk),
        {"target": target.pk},
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == target and not duplicate.is_visible
    assert Vote.objects.filter(card=target).count() == 2
    assert not Vote.objects.filter(card=duplicate).exists()
    assert list(target.levers.values_list("number", flat=True)) == [2]


def test_board_state_changes_when_a_card_is_added(workspace, reflection, clients):
    board = reflection.boards.first()
    state_url = rurl("board_state", workspace, reflection=reflection.pk, board=board.pk)
    before = clients[Role.READER].get(state_url).json()["stamp"]
    add_card(clients[Role.MEMBER], workspace, board, "Neu")
    after = clients[Role.READER].get(state_url).json()["stamp"]
    assert before != after


def test_from_cluster_to_idea_to_measure(workspace, cards, clients):
    board = cards[0].board
    reflection = board.reflection
    cluster = Cluster.objects.create(board=board, title="Erreichbarkeit")
    Card.objects.filter(pk__in=[cards[0].pk, cards[1].pk]).update(cluster=cluster)
    form = clients[Role.MEMBER].get(rurl("idea_create", workspace, reflection=reflection.pk) + f"?cluster={cluster.pk}")
    assert 'value="Erreichbarkeit"' in form.content.decode()
    clients[Role.MEMBER].post(
        rurl("idea_create", workspace, reflection=reflection.pk),
        {"title": "Bürgertelefon mit Rückrufdienst", "cluster": cluster.pk, "cards": [cards[0].pk, cards[1].pk]},
    )
    idea = Idea.objects.get()
    assert set(idea.cards.values_list("pk", flat=True)) == {cards[0].pk, cards[1].pk}
    response = clients[Role.MEMBER].post(
        rurl("measure_create", workspace, reflection=reflection.pk),
        {
            "title": "Rückrufdienst einrichten",
            "idea": idea.pk,
            "owner": "Bürgeramt",
            "due_date": "2020-01-31",
            "status": "in_progress",
            "impact": 3,
            "effort": 1,
            "levers": [Lever.objects.get(number=7).pk],
        },
    )
    measure = Measure.objects.get()
    assert response.status_code == 302
    assert measure.idea == idea and measure.priority == 1
    plan = clients[Role.READER].get(rurl("action_plan", workspace, reflection=reflection.pk)).content.decode()
    assert "Rückrufdienst einrichten" in plan
    # Overdue is written out, not shown by colour alone.
    assert "überfällig" in plan and "1 offene Maßnahme hat ihr Fälligkeitsdatum überschritten." in plan


def test_measure_priority_from_impact_and_effort():
    assert Measure(impact=3, effort=1).priority == 1
    assert Measure(impact=3, effort=3).priority == 2
    assert Measure(impact=1, effort=1).priority == 3
    assert Measure(impact=1, effort=3).priority == 4


def test_done_measures_are_never_overdue():
    past = datetime.date(2020, 1, 1)
    assert Measure(due_date=past, status=Measure.Status.IN_PROGRESS).is_overdue()
    assert not Measure(due_date=past, status=Measure.Status.DONE).is_overdue()
    assert not Measure(due_date=None).is_overdue()


def test_idea_form_offers_only_this_reflections_cards(workspace, cards, other_workspace, clients):
    from .helpers import make_reflection

    foreign = make_reflection(other_workspace, title="Fremd")
    foreign_card = Card.objects.create(board=foreign.boards.first(), column=Column.KEEP, text="FREMDE KARTE")
    reflection = cards[0].board.reflection
    page = clients[Role.MEMBER].get(rurl("idea_create", workspace, reflection=reflection.pk)).content.decode()
    assert "FREMDE KARTE" not in page
    response = clients[Role.MEMBER].post(
        rurl("idea_create", workspace, reflection=reflection.pk), {"title": "Trick", "cards": [foreign_card.pk]}
    )
    assert response.status_code == 200
    assert not Idea.objects.exists()


def test_card_department_defaults_to_the_persons_department(workspace, reflection, taxonomy):
    reflection.departments.set(Actor.objects.filter(slug="ordnungsamt"))
    person = make_person(workspace, Role.MEMBER, username="olga", department="Ordnungsamt")
    page = (
        client_for(person)
        .get(rurl("board", workspace, reflection=reflection.pk, board=reflection.boards.first().pk))
        .content.decode()
    )
    ordnungsamt = Actor.objects.get(slug="ordnungsamt")
    assert f'<option value="{ordnungsamt.pk}" selected>' in page


def test_the_single_moderation_select_applies_one_action(workspace, cards, clients):
    card = cards[0]
    cluster = Cluster.objects.create(board=card.board, title="Lage")
    url = rurl("card_moderate", workspace, reflection=card.board.reflection_id, card=card.pk)
    moderator = clients[Role.MODERATOR]
    moderator.post(url, {"action": "apply", "target": f"cluster:{cluster.pk}"})
    moderator.post(url, {"action": "apply", "target": "column:keep"})
    card.refresh_from_db()
    assert card.cluster == cluster and card.column == Column.KEEP
    response = moderator.post(url, {"action": "apply", "target": ""})
    assert "Bitte wählen Sie eine Aktion." in moderator.get(response["Location"]).content.decode()
    moderator.post(url, {"action": "apply", "target": "hide"})
    card.refresh_from_db()
    assert card.hidden and card.cluster == cluster and card.column == Column.KEEP
