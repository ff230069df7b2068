from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def _language_prefix() -> str:
    """The URL prefix of the active language: '' for German (the default), '/en' for English."""
    language = (get_language() or "de").split("-")[0]
    return "" if language == "de" else f"/{language}"


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


@register.simple_tag
def localized_path(path: str) -> str:
    """A fixed path (e.g. of a Wagtail page such as /impressum/) in the active language.

    Wagtail pages are served below the language prefix too, but ``Page.url`` does not know about
    it; links in the header and footer use this so they stay in the reader's language.
    """
    return f"{_language_prefix()}{path}"


@register.simple_tag
def url_or_path(viewname: str, fallback_path: str, *args) -> str:
    """``{% url %}`` that falls back to a fixed path when the URL name is not (yet) registered."""
    try:
        return reverse(viewname, args=args or None)
    except NoReverseMatch:
        return localized_path(fallback_path)


@register.simple_tag(takes_context=True)
def nav_current(context, url: str) -> str:
    """``aria-current`` for a navigation link: "page" on the page itself, "true" inside its section."""
    request = context.get("request")
    if request is None or not url:
        return ""
    path = request.path
    if path == url:
        return format_html('aria-current="{}"', "page")
    home = f"{_language_prefix()}/"
    if url != home and path.startswith(url):
        return format_html('aria-current="{}"', "true")
    return ""


@register.simple_tag
def filter_url(base_url: str, **params) -> str:
    """A link into a filtered list: ``{% filter_url list_url themes=theme.slug crisis_types=term.slug %}``."""
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{base_url}?{query}" if query else base_url
