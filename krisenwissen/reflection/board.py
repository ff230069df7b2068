"""What the board page shows, prepared once per request so the template does no work per card.

A board of 200 cards used to cost seconds of template rendering: per card it reversed six URLs,
ran a dozen ``{% translate %}`` tags, included the lever list with its own context, printed a fresh
``{% csrf_token %}`` into every form and looped over all clusters and columns to build the same
moderation ``<select>`` again. The SQL was already constant, so the time was pure Python.

Here everything that is the same for every card is computed once per board (URL prefixes, the
translated labels, the shared ``<option>`` list of the moderation control, the CSRF field, the
lever chips), and each card's ``<li>`` is joined from those pieces and its own escaped values by
:class:`CardRenderer` – about a tenth of a millisecond per card instead of several milliseconds of
template nodes. The rest of the page stays in ``reflection/board.html``. The HTML is the same as
before, so the no-JS forms, the drag and drop script, axe and the tests see no difference.
"""

from __future__ import annotations

from html import escape as _escape

from django.db.models import Count, Max, Q
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from krisenwissen.taxonomy.models import Actor, Lever
from krisenwissen.workspace.models import Role

from .models import Card, Column, split_tags

#: A card id no real card has; reversed once and replaced by each card's id.
_PK = 2147483647


class UrlPattern:
    """``reverse()`` once with a placeholder id, then fill in ids by splitting the string."""

    def __init__(self, name: str, **kwargs):
        head, _sep, tail = reverse(f"workspace:reflection:{name}", kwargs=kwargs).rpartition(str(_PK))
        # Escaped once for use in HTML attributes (a reversed path has no "&" or quotes anyway).
        self.head, self.tail = escape(head), escape(tail)

    def __call__(self, pk) -> str:
        return f"{self.head}{pk}{self.tail}"


def _linebreaksbr(text: str) -> str:
    """The ``linebreaksbr`` filter with autoescape, as a plain string (the card is marked safe as a
    whole). ``html.escape`` is what Django's ``escape`` calls, without its lazy-string wrapper."""
    return _escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def moderation_options(clusters, column_choices) -> str:
    """The ``<option>``s of the per-card moderation select: identical for every card, built once."""
    cluster_options = format_html_join(
        "", '<option value="cluster:{}">{}</option>', ((c.pk, c.title) for c in clusters)
    )
    column_options = format_html_join("", '<option value="column:{}">{}</option>', column_choices)
    return format_html(
        '<option value="">{}</option><optgroup label="{}"><option value="cluster:">{}</option>{}</optgroup>'
        '<optgroup label="{}">{}</optgroup><option value="hide">{}</option>',
        _("– bitte wählen –"),
        _("Cluster zuordnen"),
        _("kein Cluster"),
        cluster_options,
        _("In Spalte verschieben"),
        column_options,
        _("Ausblenden"),
    )


#: The columns of a card the board needs; rows are named tuples, not model instances (half the cost).
CARD_FIELDS = (
    "pk",
    "column",
    "text",
    "tags",
    "cluster_id",
    "department_id",
    "hidden",
    "merged_into_id",
    "practice_draft_id",
    "updated_at",
)


def board_cards(board, user) -> list:
    """All cards of the board (hidden and merged ones too) with vote counts, the newest vote's id
    and whether ``user`` voted for each, in display order – one query, as named tuples."""
    return list(
        Card.objects.filter(board=board)
        .values(*CARD_FIELDS)
        .annotate(
            vote_count=Count("votes", distinct=True),
            my_vote=Count("votes", filter=Q(votes__user=user)),
            last_vote=Max("votes__id"),
        )
        .order_by("cluster_id", "-vote_count", "pk")
        .values_list(*CARD_FIELDS, "vote_count", "my_vote", "last_vote", named=True)
    )


def department_names(cards) -> dict[int, str]:
    """Department id → its name in the active language, for the few departments on the board."""
    ids = {c.department_id for c in cards if c.department_id}
    return {actor.pk: actor.name for actor in Actor.objects.filter(pk__in=ids)} if ids else {}


def is_visible(card) -> bool:
    return not card.hidden and card.merged_into_id is None


def stamp(cards, clusters) -> str:
    """:func:`services.board_stamp` computed from the cards already loaded (no extra queries); the
    live-refresh script compares it with the polled one, so both must agree exactly."""
    latest = max((c.updated_at for c in cards), default=None)
    last_vote = max((c.last_vote for c in cards if c.last_vote is not None), default=None)
    last_cluster = max((c.pk for c in clusters), default=None)
    return (
        f"{len(cards)}.{latest.isoformat() if latest else '-'}.{sum(c.vote_count for c in cards)}.{last_vote}."
        f"{len(clusters)}.{last_cluster}"
    )


def lever_chips(board) -> dict[int, str]:
    """Card id → the ready ``<ul>`` of its lever chips: one query for the board's card–lever links,
    one for the (seven) levers; each lever's chip is formatted once, not once per card."""
    links: dict[int, list[int]] = {}
    through = Card.levers.through.objects.filter(card__board=board).order_by("lever_id")
    for card_id, lever_id in through.values_list("card_id", "lever_id"):
        links.setdefault(card_id, []).append(lever_id)
    if not links:
        return {}
    label = _escape(_("Stellschraube"))
    chip = {
        lever.pk: f'<li class="tag">{label} {lever.number}: {_escape(lever.short_name)}</li>'
        for lever in Lever.objects.all()
    }
    opening = f'<ul class="tag-list" aria-label="{_escape(_("Stellschrauben"))}">'
    return {
        card_id: opening + "".join(chip[pk] for pk in ids if pk in chip) + "</ul>" for card_id, ids in links.items()
    }


class CardRenderer:
    """Turns one visible card into its ``<li>``: the markup of ``reflection/board.html``'s cards.

    Everything that is the same on every card – the translated labels, which controls the person's
    role allows, the CSRF field, the moderation ``<option>`` list, the vote buttons – is escaped and
    joined once here; per card only its own values are put in, each escaped with ``html.escape``
    (what Django's ``escape`` calls). The joined cards are marked safe as a whole in :func:`build`.
    """

    def __init__(self, request, membership, board, clusters, *, votes_left: int, departments: dict[int, str]):
        self.departments = {pk: _escape(name) for pk, name in departments.items()}
        workspace, reflection = membership.workspace.slug, board.reflection_id
        self.url = {
            name: UrlPattern(name, workspace=workspace, reflection=reflection, card=_PK)
            for name in ("card_vote", "card_edit", "card_moderate", "card_merge", "card_practice")
        }
        self.idea_url = reverse(
            "workspace:reflection:idea_create", kwargs={"workspace": workspace, "reflection": reflection}
        )
        self.can_contribute = membership.has_role(Role.MEMBER)
        self.can_moderate = membership.has_role(Role.MODERATOR)
        self.is_admin = membership.has_role(Role.ADMIN)
        self.csrf_input = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
        self.options = moderation_options(clusters, Column.choices) if self.can_moderate else ""
        disabled = mark_safe(' disabled aria-describedby="votes-status"') if not votes_left else ""
        self.vote_add = format_html(
            '<input type="hidden" name="action" value="add"><button type="submit"{}>{}</button>',
            disabled,
            _("Stimme geben"),
        )
        self.vote_remove = format_html(
            '<input type="hidden" name="action" value="remove">'
            '<button type="submit" class="button--secondary">{}</button>',
            _("Stimme zurücknehmen"),
        )
        self.t = {
            key: escape(text)
            for key, text in {
                "card": _("Karte"),
                "own_vote": _("eine davon von Ihnen"),
                "edit": _("Bearbeiten"),
                "idea": _("Idee daraus"),
                "handed_over": _("An die Redaktion übergeben"),
                "propose": _("Als Praxisbeispiel vorschlagen"),
                "moderate": _("Moderieren"),
                "action": _("Aktion"),
                "apply": _("Ausführen"),
                "merge": _("Doppelte zusammenführen"),
                "no_department": _("ohne Fachbereich"),
                "tags": _("Schlagwörter:"),
            }.items()
        }

    def __call__(self, card, levers: str) -> str:
        t, pk = self.t, card.pk
        which = f'<span class="visually-hidden"> ({t["card"]} {pk})</span>'
        moderate_url = self.url["card_moderate"](pk)
        meta = self.departments.get(card.department_id) or t["no_department"]
        tags = split_tags(card.tags)
        if tags:
            meta = f"{meta} · {t['tags']} {_escape(', '.join(tags))}"
        votes = _escape(ngettext("%(n)s Stimme", "%(n)s Stimmen", card.vote_count) % {"n": card.vote_count})
        parts = [
            f'<li class="rx-card" id="card-{pk}"',
            f' data-moderate-url="{moderate_url}">' if self.can_moderate else ">",
            f'<p class="rx-card__text">{_linebreaksbr(card.text)}</p>',
            f'<p class="rx-card__meta">{meta}</p>',
            levers,
            f'<p class="rx-card__votes"><strong>{votes}</strong>',
            f" – {t['own_vote']}</p>" if card.my_vote else "</p>",
        ]
        if self.can_contribute:
            parts += [
                f'<div class="rx-card__actions"><form method="post" action="{self.url["card_vote"](pk)}">',
                self.csrf_input,
                self.vote_remove if card.my_vote else self.vote_add,
                f'</form><a href="{self.url["card_edit"](pk)}">{t["edit"]}{which}</a>',
                f'<a href="{self.idea_url}?card={pk}">{t["idea"]}{which}</a>',
            ]
            if self.is_admin and card.practice_draft_id:
                parts.append(f'<span class="badge">{t["handed_over"]}</span>')
            elif self.is_admin:
                parts.append(f'<a href="{self.url["card_practice"](pk)}">{t["propose"]}{which}</a>')
            parts.append("</div>")
        if self.can_moderate:
            parts += [
                f'<details class="rx-card__moderation"><summary>{t["moderate"]}{which}</summary>',
                f'<form method="post" action="{moderate_url}" class="button-row">',
                self.csrf_input,
                '<input type="hidden" name="action" value="apply">',
                f'<label for="mod-{pk}">{t["action"]}{which}</label>',
                f'<select id="mod-{pk}" name="target">{self.options}</select>',
                f'<button type="submit">{t["apply"]}</button></form>',
                f'<a href="{self.url["card_merge"](pk)}">{t["merge"]}</a></details>',
            ]
        parts.append("</li>")
        return "".join(parts)


def build(request, membership, board, *, votes_left: int) -> dict:
    """Context of the board page: columns → cluster groups → ready card HTML, plus shared pieces."""
    can_moderate = membership.has_role(Role.MODERATOR)
    cards = board_cards(board, request.user)
    clusters = list(board.clusters.all())
    visible = [c for c in cards if is_visible(c)]
    chips = lever_chips(board)
    render = CardRenderer(
        request, membership, board, clusters, votes_left=votes_left, departments=department_names(visible)
    )
    html = {card.pk: render(card, chips.get(card.pk, "")) for card in visible}

    columns = []
    for value, label in Column.choices:
        in_column = [c for c in visible if c.column == value]
        groups = []
        for cluster in [None, *clusters]:
            cluster_id = cluster.pk if cluster else None
            members = [c for c in in_column if c.cluster_id == cluster_id]
            if members or cluster is None:
                groups.append({"cluster": cluster, "cards": mark_safe("".join(html[c.pk] for c in members))})
        columns.append({"value": value, "label": label, "groups": groups, "count": len(in_column)})

    hidden = [
        {
            "pk": card.pk,
            "text": card.text,
            "merged": card.merged_into_id is not None,
            "moderate_url": render.url["card_moderate"](card.pk),
        }
        for card in cards
        if can_moderate and not is_visible(card)
    ]
    return {
        "columns": columns,
        "clusters": clusters,
        "hidden_cards": hidden,
        "csrf_input": render.csrf_input,
        "stamp": stamp(cards, clusters),
    }
