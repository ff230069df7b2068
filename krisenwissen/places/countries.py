"""Country names for the ISO codes that occur in the registry, in the active UI language."""

from django.utils.translation import gettext_lazy as _

COUNTRY_NAMES = {
    "AT": _("Österreich"),
    "BE": _("Belgien"),
    "BG": _("Bulgarien"),
    "CH": _("Schweiz"),
    "CY": _("Zypern"),
    "CZ": _("Tschechien"),
    "DE": _("Deutschland"),
    "DK": _("Dänemark"),
    "EE": _("Estland"),
    "ES": _("Spanien"),
    "FI": _("Finnland"),
    "FR": _("Frankreich"),
    "GB": _("Vereinigtes Königreich"),
    "GR": _("Griechenland"),
    "HR": _("Kroatien"),
    "HU": _("Ungarn"),
    "IE": _("Irland"),
    "IS": _("Island"),
    "IT": _("Italien"),
    "LI": _("Liechtenstein"),
    "LT": _("Litauen"),
    "LU": _("Luxemburg"),
    "LV": _("Lettland"),
    "MT": _("Malta"),
    "NL": _("Niederlande"),
    "NO": _("Norwegen"),
    "PL": _("Polen"),
    "PT": _("Portugal"),
    "RO": _("Rumänien"),
    "SE": _("Schweden"),
    "SI": _("Slowenien"),
    "SK": _("Slowakei"),
    "UA": _("Ukraine"),
}


def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get((code or "").upper(), code))
