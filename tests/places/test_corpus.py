"""Every municipality of the shared practice corpus must resolve to exactly one place."""

import json
from pathlib import Path

import pytest

from django.conf import settings

from krisenwissen.places.matching import resolve_place
from krisenwissen.places.models import Place

CORPUS = Path(settings.BASE_DIR).parent / "shared" / "data" / "practices" / "practices.jsonl"


def corpus_municipalities() -> list[tuple[str, str, str]]:
    if not CORPUS.is_file():
        return []
    seen = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            m = json.loads(line)["municipality"]
            seen[(m["name"], m["state"], m["country"])] = None
    return list(seen)


MUNICIPALITIES = corpus_municipalities()

# What a reader of the corpus expects a few of the names to be.
EXPECTED_KEYS = {
    ("Köln", "Nordrhein-Westfalen"): "05315000",
    ("München", "Bayern"): "09162000",
    ("Landkreis Ahrweiler", "Rheinland-Pfalz"): "07131",
    ("Kreis Steinfurt", "Nordrhein-Westfalen"): "05566",
    ("StädteRegion Aachen", "Nordrhein-Westfalen"): "05334",
    ("Regionalverband Saarbrücken", "Saarland"): "10041",
    ("Neunkirchen", "Saarland"): "10043114",
    ("Berlin-Neukölln", "Berlin"): "11000000",
    ("Berlin-Treptow-Köpenick", "Berlin"): "11000000",
    ("Stolberg (Rhld.)", "Nordrhein-Westfalen"): "05334032",
}


@pytest.mark.skipif(not CORPUS.is_file(), reason=f"practice corpus not found at {CORPUS}")
def test_corpus_has_the_expected_spread():
    assert len(MUNICIPALITIES) == 105
    assert sum(1 for _, _, country in MUNICIPALITIES if country != "DE") == 37


@pytest.mark.skipif(not CORPUS.is_file(), reason=f"practice corpus not found at {CORPUS}")
def test_every_corpus_municipality_resolves(registry):
    european = set()
    for name, state, country in MUNICIPALITIES:
        match = resolve_place(name, state, country)
        place = match.place
        assert place.pk is not None, name
        if country == "DE":
            assert place.state == state, name
            assert place.level in (Place.Level.GEMEINDE, Place.Level.KREIS), name
            if (name, state) in EXPECTED_KEYS:
                assert place.key == EXPECTED_KEYS[(name, state)], name
            if name.startswith(("Landkreis ", "Kreis ")):
                assert place.is_district, name
        else:
            assert (place.level, place.country, place.name, place.state) == (Place.Level.EUROPE, country, name, state)
            assert place.geonames_id and place.key == f"geonames:{place.geonames_id}"
            assert place.population and place.latitude is not None
            european.add(place.pk)
    assert len(european) == 37

    # A second pass, as a re-import does, finds everything in the registry and creates nothing.
    count = Place.objects.count()
    for name, state, country in MUNICIPALITIES:
        resolve_place(name, state, country, create_european=False)
    assert Place.objects.count() == count
