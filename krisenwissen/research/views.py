"""Public pages of the research projects: the faceted list and the detail page."""

import datetime

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from krisenwissen.taxonomy.models import CrisisType, Lever, TargetGroup, Theme

from .listing import ChoiceFacet, QFacet, TermFacet, listing_page_context
from .models import ProjectStatus, ResearchProject

PAGE_SIZE = 20
SEARCH_FIELDS = ("title", "acronym", "summary", "lead", "funder", "programme")


def _status_conditions():
    today = datetime.date.today()
    return [
        (
            ProjectStatus.RUNNING.value,
            ProjectStatus.RUNNING.label,
            Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today)),
        ),
        (ProjectStatus.FINISHED.value, ProjectStatus.FINISHED.label, Q(end_date__lt=today)),
        (ProjectStatus.PLANNED.value, ProjectStatus.PLANNED.label, Q(start_date__gt=today)),
    ]


def facets():
    """The filters of the list and the API, in the order they are shown."""
    return [
        TermFacet("themes", gettext_lazy("Schwerpunktthemen"), "themes", Theme),
        TermFacet("crisis_types", gettext_lazy("Krisenarten"), "crisis_types", CrisisType),
        TermFacet("target_groups", gettext_lazy("Zielgruppen"), "target_groups", TargetGroup),
        TermFacet("stellschrauben", gettext_lazy("Stellschrauben"), "levers", Lever, label_attr="short_name"),
        ChoiceFacet("funder", gettext_lazy("Fördermittelgeber"), "funder"),
        QFacet("status", gettext_lazy("Stand"), _status_conditions),
    ]


def project_list(request):
    context = listing_page_context(
        request,
        queryset=ResearchProject.objects.public().prefetch_related("themes"),
        facets=facets(),
        base_url=reverse("research:list"),
        page_size=PAGE_SIZE,
        search_fields=SEARCH_FIELDS,
        heading=lambda n: ngettext("%(count)s Forschungsprojekt", "%(count)s Forschungsprojekte", n) % {"count": n},
    )
    return render(request, "research/research_project_list.html", context)


def detail_context(project, preview=False) -> dict:
    return {
        "project": project,
        "preview": preview,
        "partners": list(project.partners.all()),
        "links": list(project.links.all()),
        "themes": list(project.themes.all()),
        "crisis_types": list(project.crisis_types.all()),
        "target_groups": list(project.target_groups.all()),
        "levers": list(project.levers.all()),
        "linked_literature": project.linked_literature(),
        "literature": [] if preview else project.literature(),
    }


def project_detail(request, slug):
    project = ResearchProject.objects.public().filter(slug=slug).first()
    if project is None:
        raise Http404(_("Dieses Forschungsprojekt gibt es nicht oder es ist nicht veröffentlicht."))
    return render(request, "research/research_project.html", detail_context(project))
