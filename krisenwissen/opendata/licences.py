"""The licences editors can choose for the platform's content, with their DCAT-AP.de identifiers.

``PlatformSettings.content_licence`` stores the label (the choices below); the catalogue needs
the IRI from the DCAT-AP.de licence vocabulary (https://www.dcat-ap.de/def/licenses/), the pages
and exports the human-readable deed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    label: str
    dcat_uri: str
    url: str
    spdx: str


LICENCES = {
    "CC BY 4.0": Licence(
        "CC BY 4.0",
        "http://dcat-ap.de/def/licenses/cc-by/4.0",
        "https://creativecommons.org/licenses/by/4.0/deed.de",
        "CC-BY-4.0",
    ),
    "CC BY-SA 4.0": Licence(
        "CC BY-SA 4.0",
        "http://dcat-ap.de/def/licenses/cc-by-sa/4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/deed.de",
        "CC-BY-SA-4.0",
    ),
    "CC0 1.0": Licence(
        "CC0 1.0",
        "http://dcat-ap.de/def/licenses/cc-zero",
        "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
        "CC0-1.0",
    ),
    "DL-DE BY 2.0": Licence(
        "DL-DE BY 2.0",
        "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
        "https://www.govdata.de/dl-de/by-2-0",
        "DL-DE-BY-2.0",
    ),
    "DL-DE ZERO 2.0": Licence(
        "DL-DE ZERO 2.0",
        "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
        "https://www.govdata.de/dl-de/zero-2-0",
        "DL-DE-ZERO-2.0",
    ),
}
DEFAULT_LICENCE = "CC BY 4.0"
LICENCE_CHOICES = [(key, key) for key in LICENCES]


def content_licence() -> tuple[Licence, str]:
    """The platform's content licence and the operator (for the attribution line)."""
    from krisenwissen.core.models import PlatformSettings

    settings = PlatformSettings.load()
    licence = LICENCES.get(settings.content_licence) or LICENCES[DEFAULT_LICENCE]
    if settings.content_licence_url and settings.content_licence in LICENCES:
        licence = Licence(licence.label, licence.dcat_uri, settings.content_licence_url, licence.spdx)
    return licence, settings.operator_name


def licence_for(key: str | None) -> Licence:
    if key and key in LICENCES:
        return LICENCES[key]
    return content_licence()[0]
