"""The comparison overview, the pick-and-compare table (a GET form, no JavaScript) and record pages."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .registry import KINDS, MAX_SELECTED, MIN_SELECTED, kind_or_none

SELECTION_PARAM = "auswahl"
MAX_PARAM_VALUES = 50


def comparison_index(request):
    kinds = [
        {
            "kind": kind,
            "count": kind.model.objects.public().count(),
            "has_demo": kind.model.objects.public().filter(is_demo=True).exists(),
        }
        for kind in KINDS.values()
    ]
    return render(request, "comparisons/comparison_index.html", {"kinds": kinds})


def _kind(key: str):
    kind = kind_or_none(key)
    if kind is None:
        raise Http404(_("Diese Vergleichsart gibt es nicht."))
    return kind


def read_selection(params, records: list) -> tuple[list, list[str], list[str]]:
    """Selected records in the order of the list, the selected slugs as sent, and messages.

    More than :data:`MAX_SELECTED` or fewer than :data:`MIN_SELECTED` records give a message and no
    comparison; the ticked boxes stay ticked so the reader only has to untick some.
    """
    by_slug = {record.slug: record for record in records}
    wanted = list(
        dict.fromkeys(value.strip() for value in params.getlist(SELECTION_PARAM)[:MAX_PARAM_VALUES] if value.strip())
    )
    errors = []
    unknown = [value for value in wanted if value not in by_slug]
    if unknown:
        errors.append(
            ngettext(
                "Ein gewählter Eintrag ist unbekannt und wurde ignoriert: %(values)s.",
                "%(count)s gewählte Einträge sind unbekannt und wurden ignoriert: %(values)s.",
                len(unknown),
            )
            % {"count": len(unknown), "values": ", ".join(value[:60] for value in unknown[:5])}
        )
    known = [value for value in wanted if value in by_slug]
    selected = [record for record in records if record.slug in set(known)]
    if len(selected) > MAX_SELECTED:
        errors.append(
            _(
                "Sie haben %(count)s Einträge gewählt. Verglichen werden können höchstens %(max)s – bitte entfernen "
                "Sie mindestens %(extra)s Häkchen und vergleichen Sie erneut."
            )
            % {"count": len(selected), "max": MAX_SELECTED, "extra": len(selected) - MAX_SELECTED}
        )
        return [], known, errors
    if wanted and len(selected) < MIN_SELECTED:
        errors.append(_("Bitte wählen Sie mindestens zwei Einträge aus, um sie zu vergleichen."))
        return [], known, errors
    return selected, known, errors


def comparison_table(request, kind):
    kind = _kind(kind)
    records = list(kind.model.objects.public())
    selected, chosen, errors = read_selection(request.GET, records)
    rows = []
    if selected:
        for position, name in enumerate(kind.model.comparison_fields):
            rows.append(
                {
                    "label": kind.model._meta.get_field(name).verbose_name,
                    "name": name,
                    "values": [getattr(record, name) for record in selected],
                    "position": position,
                }
            )
    return render(
        request,
        "comparisons/comparison_table.html",
        {
            "kind": kind,
            "records": records,
            "chosen": set(chosen),
            "selected": selected,
            "rows": rows,
            "errors": errors,
            "max_selected": MAX_SELECTED,
            "has_demo": any(record.is_demo for record in (selected or records)),
            "param": SELECTION_PARAM,
        },
    )


def record_context(record, preview: bool = False) -> dict:
    kind = kind_or_none(record.comparison_key)
    return {
        "record": record,
        "kind": kind,
        "values": record.comparison_values(),
        "preview": preview,
        "param": SELECTION_PARAM,
    }


def comparison_record(request, kind, slug):
    kind = _kind(kind)
    record = kind.model.objects.public().filter(slug=slug).first()
    if record is None:
        raise Http404(_("Diesen Eintrag gibt es nicht oder er ist nicht veröffentlicht."))
    return render(request, "comparisons/comparison_record.html", record_context(record))
