"""Research projects in the platform search (``type=research_project``)."""

from django.utils.translation import gettext_lazy as _

from krisenwissen.search.registry import SearchAdapter, register

from .models import ResearchProject
from .search_text import german_url, plain, taxonomy_text

register(
    ResearchProject,
    SearchAdapter(
        kind="research_project",
        label=_("Forschungsprojekt"),
        label_plural=_("Forschungsprojekte"),
        fields={
            "title": lambda p: f"{p.acronym}\n{p.title}" if p.acronym else p.title,
            "summary": lambda p: p.summary,
            "body": lambda p: "\n\n".join(
                filter(None, [plain(p.description), plain(p.results), plain(p.publications)])
            ),
            "keywords": lambda p: "\n".join(filter(None, [p.funder, p.programme])),
            "taxonomy": taxonomy_text,
            "place": lambda p: "\n".join([p.lead, *(partner.name for partner in p.partners.all())]),
        },
        public_queryset=lambda: ResearchProject.objects.public(),
        is_public=lambda p: bool(p.live),
        url=german_url,
        title=lambda p: p.display_title,
        summary=lambda p: p.summary,
        prefetch=("themes", "crisis_types", "target_groups", "levers", "partners"),
    ),
)
