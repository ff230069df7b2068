from django import template
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code: str) -> str:
    """The current page's address in another language, keeping the query string (filters)."""
    request = context.get("request")
    if request is None:
        return "/" if language_code == "de" else f"/{language_code}/"
    path = request.path
    current = get_language() or "de"
    url = translate_url(path, language_code)
    if url == path and current != language_code:
        # Paths Django cannot resolve (Wagtail pages) are translated by their prefix.
        if current != "de" and path.startswith(f"/{current}/"):
            path = path[len(current) + 1 :]
        url = path if language_code == "de" else f"/{language_code}{path}"
    query = request.META.get("QUERY_STRING")
    return f"{url}?{query}" if query else url
