"""The board's cards are built once per board in Python (``reflection/board.py``): the same markup,
escaped, with the controls each role may use, and a query count that does not grow with the cards."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from krisenwissen.reflection.models import Card, Cluster, Column, Vote
from krisenwissen.taxonomy.models import Actor, Lever
from krisenwissen.workspace.models import Role


def board_url(workspace, board):
    return reverse(
        "workspace:reflection:board",
        kwargs={"workspace": workspace.slug, "reflection": board.reflection_id, "board": board.pk},
    )


@pytest.fixture
def board(reflection):
    return reflection.boards.first()


def card_html(page: str, card) -> str:
    """The card's ``<li>`` up to the next card (or the end of its list)."""
    start = page.index(f'<li class="rx-card" id="card-{card.pk}"')
    end = min(i for i in (page.find('<li class="rx-card"', start + 1), page.find("</ul>\n", start)) if i > 0)
    return page[start:end]


def test_card_text_tags_department_and_levers_are_escaped(workspace, board, clients):
    department = Actor.objects.filter(kind=Actor.Kind.DEPARTMENT).first()
    card = Card.objects.create(
        board=board,
        column=Column.WENT_WELL,
        text='<script>alert("x")</script> & mehr\nZweite Zeile',
        tags="<b>Lage</b>, Stab",
        department=department,
    )
    lever = Lever.objects.order_by("number").first()
    card.levers.add(lever)
    html = card_html(clients[Role.READER].get(board_url(workspace, board)).content.decode(), card)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; mehr<br>Zweite Zeile" in html
    assert "<script>" not in html and "<b>" not in html
    assert f"{department.name} · Schlagwörter: &lt;b&gt;Lage&lt;/b&gt;, Stab" in html
    assert f'<li class="tag">Stellschraube {lever.number}: ' in html
    assert "0 Stimmen" in html


def test_reader_sees_cards_without_controls(workspace, board, clients):
    card = Card.objects.create(board=board, column=Column.KEEP, text="Lagebild um 8 Uhr")
    html = card_html(clients[Role.READER].get(board_url(workspace, board)).content.decode(), card)
    assert "<form" not in html and "Moderieren" not in html and "data-moderate-url" not in html


def test_member_vote_controls_follow_own_votes_and_the_limit(workspace, board, clients, people):
    cards = [Card.objects.create(board=board, column=Column.WENT_WELL, text=f"Karte {n}") for n in range(4)]
    for card in cards[:3]:
        Vote.objects.create(card=card, user=people[Role.MEMBER])
    page = clients[Role.MEMBER].get(board_url(workspace, board)).content.decode()
    voted, other = card_html(page, cards[0]), card_html(page, cards[3])
    assert "1 Stimme</strong> – eine davon von Ihnen" in voted
    assert 'value="remove"' in voted and "Stimme zurücknehmen" in voted
    # All three votes are used: the add button is disabled and says why.
    assert '<button type="submit" disabled aria-describedby="votes-status">Stimme geben</button>' in other
    assert 'name="csrfmiddlewaretoken"' in other
    assert f'href="{board_url(workspace, board).split("tafeln")[0]}karten/{cards[3].pk}/bearbeiten/"' in other
    assert "Moderieren" not in other and "Als Praxisbeispiel vorschlagen" not in other


def test_moderator_gets_one_select_per_card_with_the_boards_clusters(workspace, board, clients):
    cluster = Cluster.objects.create(board=board, title='<i>Warnung</i> & "Lage"')
    cards = [Card.objects.create(board=board, column=Column.CHANGE, text=f"Karte {n}") for n in range(3)]
    page = clients[Role.MODERATOR].get(board_url(workspace, board)).content.decode()
    for card in cards:
        html = card_html(page, card)
        assert f'<select id="mod-{card.pk}" name="target">' in html
        assert (
            f'<label for="mod-{card.pk}">Aktion<span class="visually-hidden"> (Karte {card.pk})</span></label>' in html
        )
        assert (
            f'<option value="cluster:{cluster.pk}">&lt;i&gt;Warnung&lt;/i&gt; &amp; &quot;Lage&quot;</option>' in html
        )
        assert '<option value="column:keep">Beibehalten</option>' in html
        moderate = reverse(
            "workspace:reflection:card_moderate",
            kwargs={"workspace": workspace.slug, "reflection": board.reflection_id, "card": card.pk},
        )
        assert f'data-moderate-url="{moderate}"' in html and f'action="{moderate}"' in html
        assert "Doppelte zusammenführen" in html


def test_admin_proposes_a_practice_until_a_draft_exists(workspace, board, clients):
    fresh = Card.objects.create(board=board, column=Column.KEEP, text="Frisch")
    page = clients[Role.ADMIN].get(board_url(workspace, board)).content.decode()
    assert "Als Praxisbeispiel vorschlagen" in card_html(page, fresh)


def test_board_queries_do_not_grow_with_the_cards(workspace, board, clients, people):
    moderator = clients[Role.MODERATOR]
    Cluster.objects.create(board=board, title="Lage")
    levers = list(Lever.objects.all()[:3])

    def add(n):
        for i in range(n):
            card = Card.objects.create(board=board, column=Column.values[i % 4], text=f"Karte {i}")
            card.levers.set(levers[: i % 3])
            Vote.objects.create(card=card, user=people[Role.MEMBER])

    def count():
        moderator.get(board_url(workspace, board))  # warm per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert moderator.get(board_url(workspace, board)).status_code == 200
        return len(queries)

    add(3)
    few = count()
    add(40)
    assert count() == few


@pytest.mark.parametrize("role", [Role.READER, Role.MODERATOR])
def test_page_stamp_matches_the_polled_fingerprint(workspace, board, clients, people, role):
    """The page computes the stamp from its cards; the live-refresh poll from aggregates. If they
    differed, the script would reload the board on every poll."""
    client = clients[role]
    state_url = reverse(
        "workspace:reflection:board_state",
        kwargs={"workspace": workspace.slug, "reflection": board.reflection_id, "board": board.pk},
    )

    def same():
        page = client.get(board_url(workspace, board)).content.decode()
        return f'data-stamp="{client.get(state_url).json()["stamp"]}"' in page

    assert same()  # empty board
    cards = [Card.objects.create(board=board, column=Column.KEEP, text=f"Karte {n}") for n in range(3)]
    Cluster.objects.create(board=board, title="Lage")
    Vote.objects.create(card=cards[0], user=people[Role.MEMBER])
    Vote.objects.create(card=cards[0], user=people[Role.ADMIN])
    Vote.objects.create(card=cards[1], user=people[Role.MEMBER])
    Card.objects.filter(pk=cards[2].pk).update(hidden=True)
    assert same()
