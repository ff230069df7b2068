from django.conf import settings


def platform(request):
    """Values every template needs: the site name and the language switch targets."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "maintenance_mode": getattr(request, "maintenance_mode", False),
    }
