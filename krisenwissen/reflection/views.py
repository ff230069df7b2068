"""Views of a reflection inside a workspace.

Every view gets the person's ``membership`` from :func:`workspace_view` and loads objects with the
workspace in the query itself, so an object of another workspace is a 404 for everybody. Every
change is a POST of a plain form followed by a redirect; the small script ``reflection.js`` only
adds drag and drop and live refresh on top.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db.models import Count, F, Prefetch, Q
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from krisenwissen.workspace.access import workspace_view
from krisenwissen.workspace.models import Role

from . import board as board_view
from . import reports, services
from .forms import (
    BoardForm,
    CardForm,
    CardModerationForm,
    ClusterForm,
    IdeaForm,
    MeasureForm,
    MergeForm,
    PracticeDraftForm,
    ReflectionForm,
)
from .models import Board, Card, Cluster, Column, Idea, Measure, Quadrant, Reflection

# --- Lookups: always through the workspace ------------------------------------------------------


def get_reflection(membership, reflection_id) -> Reflection:
    return get_object_or_404(
        Reflection.objects.select_related("crisis_type"), pk=reflection_id, workspace=membership.workspace
    )


def get_board(membership, reflection_id, board_id) -> Board:
    return get_object_or_404(
        Board.objects.select_related("reflection", "reflection__crisis_type", "theme"),
        pk=board_id,
        reflection_id=reflection_id,
        reflection__workspace=membership.workspace,
    )


def get_card(membership, reflection_id, card_id) -> Card:
    return get_object_or_404(
        Card.objects.select_related("board", "board__reflection", "board__theme"),
        pk=card_id,
        board__reflection_id=reflection_id,
        board__reflection__workspace=membership.workspace,
    )


def get_measure(membership, reflection_id, measure_id) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related("reflection"),
        pk=measure_id,
        reflection_id=reflection_id,
        reflection__workspace=membership.workspace,
    )


def url(name: str, membership, **kwargs) -> str:
    return reverse(f"workspace:reflection:{name}", kwargs={"workspace": membership.workspace.slug, **kwargs})


def page_context(membership, **extra) -> dict:
    return {
        "membership": membership,
        "workspace": membership.workspace,
        "can_contribute": membership.has_role(Role.MEMBER),
        "can_moderate": membership.has_role(Role.MODERATOR),
        "is_admin": membership.has_role(Role.ADMIN),
        **extra,
    }


# --- Reflections --------------------------------------------------------------------------------


@workspace_view(Role.READER)
def reflection_list(request, membership):
    reflections = (
        Reflection.objects.filter(workspace=membership.workspace)
        .select_related("crisis_type")
        .annotate(
            card_count=Count("boards__cards", distinct=True),
            measure_count=Count("measures", distinct=True),
        )
    )
    return render(request, "reflection/reflection_list.html", page_context(membership, reflections=reflections))


@workspace_view(Role.MODERATOR)
def reflection_create(request, membership):
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reflection = form.save(commit=False)
        reflection.workspace = membership.workspace
        services.create_reflection(reflection, form.cleaned_data["departments"], user=request.user)
        messages.success(request, _("Die Reflexion wurde angelegt, mit einer Tafel je Schwerpunktthema."))
        return redirect(url("detail", membership, reflection=reflection.pk))
    return render(request, "reflection/reflection_form.html", page_context(membership, form=form))


@workspace_view(Role.MODERATOR)
def reflection_edit(request, membership, reflection):
    reflection = get_reflection(membership, reflection)
    form = ReflectionForm(request.POST or None, instance=reflection)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Die Angaben zur Reflexion wurden gespeichert."))
        return redirect(url("detail", membership, reflection=reflection.pk))
    return render(
        request, "reflection/reflection_form.html", page_context(membership, form=form, reflection=reflection)
    )


@workspace_view(Role.READER)
def reflection_detail(request, membership, reflection):
    reflection = get_reflection(membership, reflection)
    boards = reflection.boards.select_related("theme").annotate(
        card_count=Count("cards", filter=Q(cards__hidden=False, cards__merged_into__isnull=True))
    )
    context = page_context(
        membership,
        reflection=reflection,
        boards=boards,
        idea_count=reflection.ideas.count(),
        measures=reflection.measures.all(),
        overdue_count=sum(1 for m in reflection.measures.all() if m.is_overdue()),
        votes_left=membership.workspace.votes_per_member - services.votes_used(reflection, request.user),
    )
    return render(request, "reflection/reflection_detail.html", context)


# --- Boards -------------------------------------------------------------------------------------


@workspace_view(Role.MODERATOR)
def board_create(request, membership, reflection):
    reflection = get_reflection(membership, reflection)
    form = BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        board = form.save(commit=False)
        board.reflection = reflection
        board.sort_order = reflection.boards.count() + 1
        board.save()
        messages.success(request, _("Die freie Tafel wurde angelegt."))
        return redirect(url("board", membership, reflection=reflection.pk, board=board.pk))
    return render(request, "reflection/board_form.html", page_context(membership, form=form, reflection=reflection))


def board_context(request, membership, board, card_form=None) -> dict:
    """Everything the board page shows; the cards come ready-made from :mod:`.board`."""
    used = services.votes_used(board.reflection, request.user)
    votes_left = max(membership.workspace.votes_per_member - used, 0)
    return page_context(
        membership,
        reflection=board.reflection,
        board=board,
        **board_view.build(request, membership, board, votes_left=votes_left),
        card_form=card_form or CardForm(reflection=board.reflection, initial=_card_initial(membership, board)),
        votes_total=membership.workspace.votes_per_member,
        votes_left=votes_left,
    )


def _card_initial(membership, board) -> dict:
    initial = {"column": Column.WENT_WELL}
    if membership.department:
        match = board.reflection.departments.filter(name_de__iexact=membership.department).first()
        if match:
            initial["department"] = match.pk
    return initial


@workspace_view(Role.READER)
def board_detail(request, membership, reflection, board):
    board = get_board(membership, reflection, board)
    return render(request, "reflection/board.html", board_context(request, membership, board))


@workspace_view(Role.READER)
def board_state(request, membership, reflection, board):
    """The board's fingerprint for the live-refresh script: it reloads the cards when it changes."""
    board = get_board(membership, reflection, board)
    return JsonResponse({"stamp": services.board_stamp(board)})


@workspace_view(Role.MODERATOR)
@require_POST
def cluster_create(request, membership, reflection, board):
    board = get_board(membership, reflection, board)
    form = ClusterForm(request.POST)
    if form.is_valid():
        cluster = form.save(commit=False)
        cluster.board = board
        cluster.save()
        messages.success(request, _("Cluster „%(title)s“ angelegt.") % {"title": cluster.title})
    else:
        messages.error(request, _("Bitte geben Sie dem Cluster eine Bezeichnung."))
    return redirect(url("board", membership, reflection=board.reflection_id, board=board.pk) + "#moderation")


# --- Cards --------------------------------------------------------------------------------------


@workspace_view(Role.MEMBER)
def card_create(request, membership, reflection, board):
    board = get_board(membership, reflection, board)
    form = CardForm(request.POST or None, reflection=board.reflection)
    if request.method == "POST":
        if form.is_valid():
            card = form.save(commit=False)
            card.board = board
            card.author = request.user
            card.save()
            form.save_m2m()
            messages.success(request, _("Ihre Karte wurde angeheftet."))
            return redirect(
                url("board", membership, reflection=board.reflection_id, board=board.pk) + f"#card-{card.pk}"
            )
        return render(request, "reflection/board.html", board_context(request, membership, board, card_form=form))
    return redirect(url("board", membership, reflection=board.reflection_id, board=board.pk) + "#new-card")


@workspace_view(Role.MEMBER)
def card_edit(request, membership, reflection, card):
    card = get_card(membership, reflection, card)
    form = CardForm(request.POST or None, instance=card, reflection=card.board.reflection)
    conflict = None
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data.get("version") or 0
        data = form.cleaned_data
        conflict = services.save_versioned(
            Card,
            card,
            expected,
            {"column": data["column"], "text": data["text"], "department": data["department"], "tags": data["tags"]},
            m2m={"levers": data["levers"]},
        )
        if conflict is None:
            messages.success(request, _("Die Karte wurde gespeichert."))
            return redirect(url("board", membership, reflection=reflection, board=card.board_id) + f"#card-{card.pk}")
        # Let the person decide: their text stays in the form, the saved one is shown beside it, and
        # saving again (now based on the current version) deliberately replaces it.
        post = request.POST.copy()
        post["version"] = conflict.current.version
        # A separate instance: validating the form writes the submitted values into it.
        form = CardForm(post, instance=Card.objects.get(pk=card.pk), reflection=card.board.reflection)
        form.is_valid()
    context = page_context(
        membership, reflection=card.board.reflection, board=card.board, card=card, form=form, conflict=conflict
    )
    return render(request, "reflection/card_form.html", context, status=409 if conflict else 200)


@workspace_view(Role.MEMBER)
@require_POST
def card_vote(request, membership, reflection, card):
    card = get_card(membership, reflection, card)
    action = request.POST.get("action")
    back = url("board", membership, reflection=reflection, board=card.board_id) + f"#card-{card.pk}"
    if action == "add":
        try:
            services.cast_vote(card, membership)
            messages.success(request, _("Ihre Stimme wurde gezählt."))
        except services.VoteRefused as refusal:
            messages.error(request, str(refusal))
    elif action == "remove":
        if services.withdraw_vote(card, request.user):
            messages.success(request, _("Ihre Stimme wurde zurückgenommen."))
    else:
        return HttpResponseBadRequest(_("Unbekannte Aktion."))
    return redirect(back)


@workspace_view(Role.MODERATOR)
@require_POST
def card_moderate(request, membership, reflection, card):
    card = get_card(membership, reflection, card)
    form = CardModerationForm(request.POST)
    if not form.is_valid():
        if request.POST.get("action") == "apply":
            messages.error(request, _("Bitte wählen Sie eine Aktion."))
            return redirect(url("board", membership, reflection=reflection, board=card.board_id) + f"#card-{card.pk}")
        return HttpResponseBadRequest(_("Unbekannte Aktion."))
    action = form.cleaned_data["action"]
    values = {}
    if action == "hide":
        values["hidden"] = True
        note = _("Die Karte ist ausgeblendet. Moderierende sehen sie weiter unten auf der Tafel.")
    elif action == "show":
        values["hidden"] = False
        note = _("Die Karte ist wieder sichtbar.")
    elif action == "cluster":
        cluster_id = form.cleaned_data.get("cluster")
        cluster = None
        if cluster_id:
            cluster = Cluster.objects.filter(pk=cluster_id, board=card.board).first()
            if cluster is None:
                return HttpResponseBadRequest(_("Diesen Cluster gibt es auf dieser Tafel nicht."))
        values["cluster"] = cluster
        note = (
            _("Die Karte wurde dem Cluster zugeordnet.") if cluster else _("Die Karte gehört zu keinem Cluster mehr.")
        )
    else:
        column = form.cleaned_data.get("column")
        if not column:
            return HttpResponseBadRequest(_("Bitte eine Spalte wählen."))
        values["column"] = column
        note = _("Die Karte wurde verschoben.")
    Card.objects.filter(pk=card.pk).update(**values, version=F("version") + 1, updated_at=timezone.now())
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"ok": True})
    messages.success(request, note)
    return redirect(url("board", membership, reflection=reflection, board=card.board_id) + f"#card-{card.pk}")


@workspace_view(Role.MODERATOR)
def card_merge(request, membership, reflection, card):
    card = get_card(membership, reflection, card)
    form = MergeForm(request.POST or None, card=card)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        services.merge_cards(card, target)
        messages.success(
            request, _("Die Karten wurden zusammengeführt; die Stimmen zählen jetzt für die verbleibende Karte.")
        )
        return redirect(url("board", membership, reflection=reflection, board=target.board_id) + f"#card-{target.pk}")
    context = page_context(membership, reflection=card.board.reflection, board=card.board, card=card, form=form)
    return render(request, "reflection/card_merge.html", context)


# --- Ideas and measures -------------------------------------------------------------------------


@workspace_view(Role.READER)
def idea_list(request, membership, reflection):
    reflection = get_reflection(membership, reflection)
    ideas = reflection.ideas.select_related("cluster").prefetch_related("cards", "levers", "measures")
    clusters = (
        Cluster.objects.filter(board__reflection=reflection)
        .select_related("board")
        .annotate(card_count=Count("cards", filter=Q(cards__hidden=False, cards__merged_into__isnull=True)))
    )
    top_cards = (
        Card.objects.filter(board__reflection=reflection, hidden=False, merged_into__isnull=True)
        .annotate(vote_count=Count("votes"))
        .filter(vote_count__gt=0)
        .select_related("board")
        .order_by("-vote_count", "pk")[:10]
    )
    context = page_context(membership, reflection=reflection, ideas=ideas, clusters=clusters, top_cards=top_cards)
    return render(request, "reflection/idea_list.html", context)


@workspace_view(Role.MEMBER)
def idea_create(request, membership, reflection):
    reflection = get_reflection(membership, reflection)
    initial = {}
    cluster = Cluster.objects.filter(pk=_int(request.GET.get("cluster")), board__reflection=reflection).first()
    if cluster:
        initial = {
            "cluster": cluster.pk,
            "title": cluster.title,
            "cards": list(cluster.cards.values_list("pk", flat=True)),
        }
    card = Card.objects.filter(pk=_int(request.GET.get("card")), board__reflection=reflection).first()
    if card:
        initial = {
            "cards": [card.pk],
            "title": card.text[:120],
            "levers": list(card.levers.values_list("pk", flat=True)),
        }
    form = IdeaForm(request.POST or None, reflection=reflection, initial=initial)
    if request.method == "POST" and form.is_valid():
        idea = form.save(commit=False)
        idea.reflection = reflection
        idea.author = request.user
        idea.save()
        form.save_m2m()
        messages.success(request, _("Die Idee wurde festgehalten."))
        return redirect(url("ideas", membership, reflection=reflection.pk) + f"#idea-{idea.pk}")
    return render(request, "reflection/idea_form.html", page_context(membership, reflection=reflection, form=form))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@workspace_view(Role.MEMBER)
def measure_create(request, membership, reflection):
    reflection = get_reflection(membership, reflection)
    initial = {}
    idea = Idea.objects.filter(pk=_int(request.GET.get("idea")), reflection=reflection).first()
    if idea:
        initial = {
            "idea": idea.pk,
            "title": idea.title,
            "description": idea.description,
            "levers": list(idea.levers.values_list("pk", flat=True)),
        }
    form = MeasureForm(request.POST or None, reflection=reflection, initial=initial)
    if request.method == "POST" and form.is_valid():
        measure = form.save(commit=False)
        measure.reflection = reflection
        measure.save()
        form.save_m2m()
        messages.success(request, _("Die Maßnahme steht im Aktionsplan."))
        return redirect(url("action_plan", membership, reflection=reflection.pk) + f"#measure-{measure.pk}")
    context = page_context(membership, reflection=reflection, form=form)
    return render(request, "reflection/measure_form.html", context)


@workspace_view(Role.MEMBER)
def measure_edit(request, membership, reflection, measure):
    measure = get_measure(membership, reflection, measure)
    form = MeasureForm(request.POST or None, instance=measure, reflection=measure.reflection)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = ["title", "description", "idea", "owner", "due_date", "status", "impact", "effort"]
        conflict = services.save_versioned(
            Measure,
            measure,
            data.get("version") or 0,
            {name: data[name] for name in fields},
            m2m={"levers": data["levers"]},
        )
        if conflict is None:
            messages.success(request, _("Die Maßnahme wurde gespeichert."))
            return redirect(url("action_plan", membership, reflection=reflection) + f"#measure-{measure.pk}")
        post = request.POST.copy()
        post["version"] = conflict.current.version
        form = MeasureForm(post, instance=Measure.objects.get(pk=measure.pk), reflection=measure.reflection)
        form.is_valid()
    context = page_context(membership, reflection=measure.reflection, measure=measure, form=form, conflict=conflict)
    return render(request, "reflection/measure_form.html", context, status=409 if conflict else 200)


def action_plan_context(reflection, today=None) -> dict:
    today = today or datetime.date.today()
    measures = sorted(
        reflection.measures.select_related("idea").prefetch_related("levers"),
        key=lambda m: (not m.is_open, m.priority, m.due_date or datetime.date.max, m.pk),
    )
    for measure in measures:
        measure.overdue = measure.is_overdue(today)
    matrix = []
    for impact in (3, 2, 1):
        row = {"impact": impact, "cells": []}
        for effort in (1, 2, 3):
            row["cells"].append([m for m in measures if m.impact == impact and m.effort == effort and m.is_open])
        matrix.append(row)
    return {
        "measures": measures,
        "matrix": matrix,
        "overdue_count": sum(1 for m in measures if m.overdue),
        "quadrants": Quadrant.choices,
        "today": today,
    }


@workspace_view(Role.READER)
def action_plan(request, membership, reflection):
    reflection = get_reflection(membership, reflection)
    context = page_context(membership, reflection=reflection, **action_plan_context(reflection))
    return render(request, "reflection/action_plan.html", context)


# --- Reports ------------------------------------------------------------------------------------


def report_data(membership, reflection) -> dict:
    """The data of both report formats: one query for all cards of all boards, grouped in Python."""
    boards = list(reflection.boards.select_related("theme"))
    cards = (
        Card.objects.filter(board__reflection=reflection, hidden=False, merged_into__isnull=True)
        .select_related("department")
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "pk")
    )
    by_board: dict[int, list[Card]] = {board.pk: [] for board in boards}
    for card in cards:
        votes = (
            ngettext("%(n)s Stimme", "%(n)s Stimmen", card.vote_count) % {"n": card.vote_count}
            if card.vote_count
            else ""
        )
        card.report_meta = " · ".join(x for x in (card.department.name if card.department_id else "", votes) if x)
        by_board[card.board_id].append(card)
    boards = [
        {
            "board": board,
            "columns": [
                {"label": label, "cards": [c for c in by_board[board.pk] if c.column == value]}
                for value, label in Column.choices
            ],
            "card_count": len(by_board[board.pk]),
        }
        for board in boards
    ]
    ideas = reflection.ideas.prefetch_related(Prefetch("measures"), "levers")
    return {
        "workspace": membership.workspace,
        "reflection": reflection,
        "boards": boards,
        "ideas": ideas,
        "generated": datetime.date.today(),
        **action_plan_context(reflection),
    }


def record_export(request, membership, what: str) -> None:
    """Exports leave the workspace, so the audit log keeps who took what when."""
    from krisenwissen.workspace import audit
    from krisenwissen.workspace.models import AuditEvent

    audit.record(
        AuditEvent.Action.EXPORTED, workspace=membership.workspace, actor=request.user, summary=what, request=request
    )


@workspace_view(Role.READER)
def export_pdf(request, membership, reflection):
    reflection = get_reflection(membership, reflection)
    response = reports.reflection_pdf(request, report_data(membership, reflection))
    record_export(request, membership, _("Bericht als PDF: Reflexion „%(title)s“") % {"title": reflection.title})
    return response


@workspace_view(Role.READER)
def export_docx(request, membership, reflection):
    reflection = get_reflection(membership, reflection)
    response = reports.reflection_docx(report_data(membership, reflection))
    record_export(request, membership, _("Bericht als DOCX: Reflexion „%(title)s“") % {"title": reflection.title})
    return response


# --- Practice drafts ----------------------------------------------------------------------------


def _practice_draft(request, membership, source, reflection, back_url):
    if source.practice_draft_id:
        messages.info(request, _("Daraus wurde bereits ein Entwurf für die Redaktion erstellt."))
        return redirect(back_url)
    form = PracticeDraftForm(request.POST or None, initial=services.practice_draft_defaults(source, reflection))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.create_practice_draft(
            source,
            reflection,
            membership,
            title=data["title"],
            summary=data["summary"],
            description=data["description"],
        )
        record_export(
            request,
            membership,
            _("Entwurf eines Praxisbeispiels an die Redaktion: „%(title)s“") % {"title": data["title"]},
        )
        messages.success(
            request,
            _(
                "Der Entwurf liegt jetzt der Redaktion zur Freigabe vor. Er ist nicht öffentlich; "
                "erst die Redaktion entscheidet über eine Veröffentlichung."
            ),
        )
        return redirect(back_url)
    context = page_context(membership, reflection=reflection, source=source, form=form, back_url=back_url)
    return render(request, "reflection/practice_draft.html", context)


@workspace_view(Role.ADMIN)
def card_practice(request, membership, reflection, card):
    card = get_card(membership, reflection, card)
    back = url("board", membership, reflection=reflection, board=card.board_id) + f"#card-{card.pk}"
    return _practice_draft(request, membership, card, card.board.reflection, back)


@workspace_view(Role.ADMIN)
def measure_practice(request, membership, reflection, measure):
    measure = get_measure(membership, reflection, measure)
    back = url("action_plan", membership, reflection=reflection) + f"#measure-{measure.pk}"
    return _practice_draft(request, membership, measure, measure.reflection, back)
