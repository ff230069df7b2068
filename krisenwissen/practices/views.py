from django.shortcuts import get_object_or_404, render

from .models import Practice


def detail_context(practice, request, preview=False):
    return {"practice": practice, "preview": preview}


def practice_list(request):
    practices = Practice.objects.public().select_related("municipality")[:20]
    return render(request, "practices/practice_list.html", {"practices": practices})


def practice_detail(request, slug):
    practice = get_object_or_404(Practice.objects.public(), slug=slug)
    return render(request, "practices/practice_detail.html", detail_context(practice, request))
