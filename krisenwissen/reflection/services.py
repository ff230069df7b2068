"""Multi-step operations of a reflection: creating it with its boards, voting, merging duplicates,
conflict-safe edits, and turning a card or measure into a practice draft for the editors."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from krisenwissen.taxonomy.models import Theme
from krisenwissen.workspace.models import Membership

from .models import Board, Card, Measure, Reflection, Vote

#: Leading questions of the theme boards, shown above the columns.
THEME_QUESTIONS = {
    "krisenmanagement": "Wie haben Verwaltung, Krisenstab und Partner vor Ort zusammengearbeitet?",
    "krisenkommunikation": "Wie haben wir informiert, gewarnt und zugehört?",
    "vulnerable-gruppen": "Haben wir die Menschen erreicht und geschützt, die besonders getroffen waren?",
}


@transaction.atomic
def create_reflection(reflection: Reflection, departments=(), user=None) -> Reflection:
    """Save a new reflection and give it one board per focus theme."""
    reflection.created_by = user
    reflection.save()
    reflection.departments.set(departments)
    for position, theme in enumerate(Theme.objects.all()):
        Board.objects.create(
            reflection=reflection,
            theme=theme,
            title=theme.name_de,
            description=THEME_QUESTIONS.get(theme.slug, ""),
            sort_order=position,
        )
    return reflection


# --- Voting -------------------------------------------------------------------------------------


class VoteRefused(Exception):
    pass


def votes_used(reflection: Reflection, user) -> int:
    return Vote.objects.filter(card__board__reflection=reflection, user=user).count()


def cast_vote(card: Card, membership: Membership) -> None:
    """Give the card one of the person's votes; refuse beyond ``votes_per_member`` per reflection.

    The membership row is locked for the check and the insert, so two quick clicks in two tabs
    cannot both take the last vote (on SQLite the IMMEDIATE transaction serialises writers).
    """
    if not card.is_visible:
        raise VoteRefused(_("Auf ausgeblendete oder zusammengeführte Karten kann nicht abgestimmt werden."))
    with transaction.atomic():
        Membership.objects.select_for_update().filter(pk=membership.pk).first()
        reflection = card.board.reflection
        if Vote.objects.filter(card=card, user=membership.user).exists():
            raise VoteRefused(_("Sie haben für diese Karte schon gestimmt."))
        limit = membership.workspace.votes_per_member
        if votes_used(reflection, membership.user) >= limit:
            raise VoteRefused(
                _(
                    "Sie haben alle %(limit)s Stimmen dieser Reflexion vergeben. "
                    "Nehmen Sie eine zurück, um neu zu stimmen."
                )
                % {"limit": limit}
            )
        Vote.objects.create(card=card, user=membership.user)


def withdraw_vote(card: Card, user) -> bool:
    deleted, _details = Vote.objects.filter(card=card, user=user).delete()
    return bool(deleted)


# --- Moderation ---------------------------------------------------------------------------------


@transaction.atomic
def merge_cards(duplicate: Card, target: Card) -> None:
    """Fold a duplicate into the target card: it disappears from the board, its votes move over
    (a person who voted for both keeps one vote, the other is returned) and its levers are added."""
    if duplicate.pk == target.pk or duplicate.board.reflection_id != target.board.reflection_id:
        raise ValueError("cards of different reflections cannot be merged")
    voters = set(Vote.objects.filter(card=target).values_list("user_id", flat=True))
    Vote.objects.filter(card=duplicate).exclude(user_id__in=voters).update(card=target)
    Vote.objects.filter(card=duplicate).delete()
    target.levers.add(*duplicate.levers.all())
    Card.objects.filter(duplicates=duplicate).update(merged_into=target)
    Card.objects.filter(pk=duplicate.pk).update(merged_into=target, version=F("version") + 1)
    Card.objects.filter(pk=target.pk).update(version=F("version") + 1)


# --- Conflict-safe edits ------------------------------------------------------------------------


@dataclass
class Conflict:
    """An edit based on an outdated version: what the person wrote and what is saved now."""

    current: object
    submitted: dict


def save_versioned(model, obj, expected_version: int, values: dict, m2m: dict | None = None) -> Conflict | None:
    """Write ``values`` only if the row still has ``expected_version``; else return the conflict.

    One UPDATE … WHERE version = expected does check and write at once, so two people saving at
    the same moment cannot both win: the second one sees the conflict with both texts.
    """
    with transaction.atomic():
        updated = model.objects.filter(pk=obj.pk, version=expected_version).update(
            version=F("version") + 1, updated_at=timezone.now(), **values
        )
        if not updated:
            return Conflict(current=model.objects.get(pk=obj.pk), submitted=values)
        for name, items in (m2m or {}).items():
            getattr(obj, name).set(items)
    obj.refresh_from_db()
    return None


# --- Board state for live updates ---------------------------------------------------------------


def board_stamp(board: Board) -> str:
    """A short fingerprint that changes whenever a card, vote or cluster of the board changes.

    The board page computes the same string from the cards it loaded anyway
    (:func:`krisenwissen.reflection.board.stamp`); change both together.
    """
    cards = Card.objects.filter(board=board).aggregate(n=Count("pk"), latest=Max("updated_at"), versions=Max("version"))
    votes = Vote.objects.filter(card__board=board).aggregate(n=Count("pk"), latest=Max("pk"))
    clusters = board.clusters.aggregate(n=Count("pk"), latest=Max("pk"))
    latest = cards["latest"].isoformat() if cards["latest"] else "-"
    return f"{cards['n']}.{latest}.{votes['n']}.{votes['latest']}.{clusters['n']}.{clusters['latest']}"


# --- Practice drafts ----------------------------------------------------------------------------


def practice_draft_defaults(source, reflection: Reflection) -> dict:
    """Suggested title, summary and description of a practice draft made from a card or measure."""
    if isinstance(source, Card):
        text = source.text.strip()
        first_line = text.splitlines()[0] if text else ""
        title = first_line[:120] or reflection.title
        summary = text[:400]
        description = _("Aus der Nachbereitung „%(reflection)s“ (%(column)s, Tafel „%(board)s“):\n\n%(text)s") % {
            "reflection": reflection.title,
            "column": source.get_column_display(),
            "board": source.board.title,
            "text": text,
        }
    else:
        title = source.title[:200]
        summary = (source.description or source.title)[:400]
        description = _("Maßnahme aus der Nachbereitung „%(reflection)s“:\n\n%(text)s") % {
            "reflection": reflection.title,
            "text": source.description or source.title,
        }
    return {"title": title, "summary": summary, "description": description}


@transaction.atomic
def create_practice_draft(source, reflection: Reflection, membership: Membership, *, title, summary, description):
    """Create an unpublished practice from a card or measure and submit it to the editorial workflow.

    The practice is never live: it appears to the editors as a draft in moderation
    ("Redaktionelle Freigabe") and only they can publish it. Personal data (author, votes, the
    person's name) is not copied.
    """
    from krisenwissen.practices.models import Practice
    from krisenwissen.taxonomy.models import InnovationType, Maturity, Origin

    def term(model, slug):
        return model.objects.filter(slug=slug).first() or model.objects.order_by("sort_order", "pk").first()

    is_measure = isinstance(source, Measure)
    # A card tells what was done in the crisis (tried out); a measure is planned, or done.
    maturity_slug = "pilot"
    if is_measure:
        maturity_slug = "etabliert" if source.status == Measure.Status.DONE else "idee"
    practice = Practice(
        title=title,
        summary=summary,
        description=description,
        municipality=membership.workspace.place,
        innovation_type=term(InnovationType, "prozess"),
        origin=term(Origin, "emergent" if not is_measure else "gezielt"),
        maturity=term(Maturity, maturity_slug),
        start_year=reflection.period_start.year,
        live=False,
        has_unpublished_changes=True,
        is_demo=False,
    )
    practice.save()
    practice.crisis_types.set([reflection.crisis_type])
    if not is_measure and source.board.theme_id:
        practice.themes.set([source.board.theme])
    practice.levers.set(source.levers.all())
    practice.save()
    practice.save_revision(user=membership.user)
    workflow = practice.get_workflow()
    if workflow is not None:
        workflow.start(practice, membership.user)
    type(source).objects.filter(pk=source.pk).update(practice_draft=practice)
    return practice
