from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from krisenwissen.taxonomy.models import Theme

from .services import theme_hub_context


def theme_hub(request, slug):
    """The hub page of one focus theme: its entry points, newest practices and everything else on the theme."""
    from krisenwissen.recommendations.hubs import theme_sections

    theme = get_object_or_404(Theme, slug=slug)
    context = theme_hub_context(theme)
    # Recommendations, literature, projects, interviews, events and publications of the theme.
    context["sections"] = theme_sections(theme)
    context["sections_have_demo"] = any(section.has_demo for section in context["sections"])
    return render(request, "core/theme_hub.html", context)


def about_data(request):
    """Sources, licences and vintage of the data the platform shows."""
    return render(request, "core/about_data.html")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # No request context on purpose: the error may sit in a context processor or the database.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())
