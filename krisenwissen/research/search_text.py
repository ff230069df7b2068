"""Small helpers for the search adapters of the knowledge sections (research, news, publications, recommendations)."""

import html

from django.utils import translation
from django.utils.html import strip_tags


def plain(rich_text: str) -> str:
    """Rich text (HTML) as plain text for the index: tags removed, entities decoded, blocks kept apart."""
    if not rich_text:
        return ""
    spaced = rich_text.replace("</p>", "</p>\n").replace("</li>", "</li>\n")
    return html.unescape(strip_tags(spaced)).strip()


def names(obj, relation: str) -> list[str]:
    # Sorted: the text (and its embedding) must not depend on the database's row order.
    return sorted(str(term) for term in getattr(obj, relation).all())


def taxonomy_text(obj, relations=("themes", "crisis_types", "target_groups", "levers")) -> str:
    return "\n".join(name for relation in relations if hasattr(obj, relation) for name in names(obj, relation))


def german_url(obj) -> str:
    """The canonical (German) address of an object, whatever language is active while indexing."""
    with translation.override("de"):
        return obj.get_absolute_url()
