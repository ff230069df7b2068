from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import requires_csrf_token

from krisenwissen.taxonomy.models import Theme


def theme_hub(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    practices = theme.practices.public().select_related("municipality").order_by("-start_year", "title")[:12]
    return render(request, "core/theme_hub.html", {"theme": theme, "practices": practices})


def about_data(request):
    return render(request, "core/about_data.html")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    return render(request, "500.html", status=500)
