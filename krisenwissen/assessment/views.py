"""Views of the self-assessment inside a workspace: overview with progress, questionnaire, results, reports.

As everywhere in the Reflexionsraum, assessments are loaded with the workspace in the query, so
another workspace's assessment is a 404.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from krisenwissen.reflection.views import record_export
from krisenwissen.workspace.access import workspace_view
from krisenwissen.workspace.models import Role

from . import reports, services
from .forms import AssessmentForm
from .models import Assessment, Indicator, Score
from .questionnaire import SCALE


def get_assessment(membership, assessment_id) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("workspace", "workspace__place", "crisis_type"),
        pk=assessment_id,
        workspace=membership.workspace,
    )


def page_context(membership, **extra) -> dict:
    return {
        "membership": membership,
        "workspace": membership.workspace,
        "can_contribute": membership.has_role(Role.MEMBER),
        "is_admin": membership.has_role(Role.ADMIN),
        **extra,
    }


@workspace_view(Role.READER)
def overview(request, membership):
    assessments = Assessment.objects.filter(workspace=membership.workspace).select_related("crisis_type")
    context = page_context(
        membership,
        assessments=assessments,
        progress=services.progress(membership.workspace),
        indicator_count=Indicator.objects.count(),
    )
    return render(request, "assessment/assessment_list.html", context)


def _save(form, user) -> Assessment:
    with transaction.atomic():
        assessment = form.save(commit=False)
        if assessment.pk is None:
            assessment.created_by = user
        assessment.save()
        for indicator in form.indicators:
            Score.objects.update_or_create(
                assessment=assessment,
                indicator=indicator,
                defaults={
                    "value": form.cleaned_data[form.score_name(indicator)],
                    "comment": form.cleaned_data[form.comment_name(indicator)],
                },
            )
    return assessment


@workspace_view(Role.MEMBER)
def assessment_create(request, membership):
    indicators = Indicator.objects.select_related("lever")
    form = AssessmentForm(request.POST or None, indicators=indicators, initial={"date": datetime.date.today()})
    form.instance.workspace = membership.workspace
    if request.method == "POST":
        if form.is_valid():
            assessment = _save(form, request.user)
            messages.success(request, _("Der Selbstcheck wurde gespeichert."))
            return redirect(reverse("workspace:assessment:detail", args=[membership.workspace.slug, assessment.pk]))
        messages.error(request, _("Bitte beantworten Sie alle Fragen; die fehlenden sind markiert."))
    return render(request, "assessment/assessment_form.html", page_context(membership, form=form, scale=SCALE))


@workspace_view(Role.MEMBER)
def assessment_edit(request, membership, assessment):
    assessment = get_assessment(membership, assessment)
    scores = {s.indicator_id: s for s in assessment.scores.all()}
    form = AssessmentForm(
        request.POST or None, instance=assessment, indicators=Indicator.objects.select_related("lever"), scores=scores
    )
    if request.method == "POST":
        if form.is_valid():
            _save(form, request.user)
            messages.success(request, _("Der Selbstcheck wurde gespeichert."))
            return redirect(reverse("workspace:assessment:detail", args=[membership.workspace.slug, assessment.pk]))
        messages.error(request, _("Bitte beantworten Sie alle Fragen; die fehlenden sind markiert."))
    context = page_context(membership, form=form, assessment=assessment, scale=SCALE)
    return render(request, "assessment/assessment_form.html", context)


def results_context(assessment) -> dict:
    items = services.results(assessment)
    peers = services.peer_comparison()
    for item in items:
        item.peer = peers.by_lever.get(item.lever.pk)
    strongest, weakest = services.strengths_and_weaknesses(items)
    levers = [item.lever for item in items]
    series = [{"key": "own", "values": [item.score for item in items]}]
    if peers.available:
        series.append({"key": "peer", "values": [(item.peer or {}).get("median") for item in items]})
    has_previous = any(item.previous is not None for item in items)
    if has_previous:
        series.append({"key": "previous", "values": [item.previous for item in items]})
    summary = "; ".join(f"{item.lever.number}. {item.lever.short_name}: {services.fmt(item.score)}" for item in items)
    radar = services.radar_svg(
        levers,
        series,
        title=_("Reifegrad je Stellschraube (0 bis 5)"),
        description=_(
            "Netzdiagramm der Mittelwerte je Stellschraube: %(summary)s. Die Tabelle darunter enthält dieselben Werte."
        )
        % {"summary": summary},
    )
    return {
        "assessment": assessment,
        "items": items,
        "strongest": strongest,
        "weakest": weakest,
        "peers": peers,
        "min_peers": services.MIN_PEER_MUNICIPALITIES,
        "has_previous": has_previous,
        "radar": radar,
        "recommendations": services.recommendations(assessment, weakest),
        "generated": datetime.date.today(),
    }


@workspace_view(Role.READER)
def assessment_detail(request, membership, assessment):
    assessment = get_assessment(membership, assessment)
    context = page_context(membership, **results_context(assessment))
    return render(request, "assessment/assessment_detail.html", context)


@workspace_view(Role.READER)
def export_pdf(request, membership, assessment):
    assessment = get_assessment(membership, assessment)
    response = reports.assessment_pdf({"workspace": membership.workspace, **results_context(assessment)})
    record_export(request, membership, _("Bericht als PDF: Selbstcheck vom %(date)s") % {"date": assessment.date})
    return response


@workspace_view(Role.READER)
def export_docx(request, membership, assessment):
    assessment = get_assessment(membership, assessment)
    response = reports.assessment_docx({"workspace": membership.workspace, **results_context(assessment)})
    record_export(request, membership, _("Bericht als DOCX: Selbstcheck vom %(date)s") % {"date": assessment.date})
    return response
