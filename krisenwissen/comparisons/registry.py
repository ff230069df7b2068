"""The kinds of comparison records, by the URL segment under ``/vergleiche/``."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import ComparisonRecord, CrisisStaffArrangement

MAX_SELECTED = 5
MIN_SELECTED = 2


@dataclass(frozen=True)
class ComparisonKind:
    key: str
    model: type[ComparisonRecord]
    title: object
    intro: object
    record_label: object  #: what one record is called ("Land")


KINDS: dict[str, ComparisonKind] = {
    "krisenstaebe": ComparisonKind(
        key="krisenstaebe",
        model=CrisisStaffArrangement,
        title=_("Krisenstäbe der Länder"),
        intro=_(
            "Wie die 16 Länder Krisenstäbe regeln: Rechtsgrundlage, Stabsmodell, wer den Stab einberuft, "
            "welche Ressorts beteiligt sind und wann der Stab endet. Wählen Sie bis zu fünf Länder aus, "
            "um sie Merkmal für Merkmal nebeneinander zu sehen."
        ),
        record_label=_("Land"),
    ),
}


def kind_or_none(key: str) -> ComparisonKind | None:
    return KINDS.get(key)
