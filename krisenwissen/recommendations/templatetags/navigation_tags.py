"""Template tags of the main navigation (``includes/header.html``)."""

from django import template
from django.utils.translation import get_language

register = template.Library()


def _home() -> str:
    language = (get_language() or "de").split("-")[0]
    return "/" if language == "de" else f"/{language}/"


@register.simple_tag(takes_context=True)
def nav_group_current(context, *urls) -> bool:
    """Whether the current page is one of ``urls`` or lies below one of them (for a menu group's label)."""
    request = context.get("request")
    if request is None:
        return False
    path = request.path
    home = _home()
    return any(url and (path == url or (url != home and path.startswith(url))) for url in urls)
