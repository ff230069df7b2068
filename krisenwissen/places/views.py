from django.shortcuts import get_object_or_404, render

from .models import Place


def place_detail(request, slug):
    place = get_object_or_404(Place, slug=slug)
    practices = place.practices.public().order_by("title")
    return render(request, "places/place_detail.html", {"place": place, "practices": practices})
