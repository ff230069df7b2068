import shutil
from io import StringIO

import pytest

from django.core.management import call_command

from krisenwissen.places.models import Place, RegistryLoad, SizeClass, size_class_for
from krisenwissen.places.names import german_slugify, land_name, name_key
from krisenwissen.places.registry import DATA_DIR, load_registry

from .conftest import GEMEINDEN_IN_FILE, KREISE_IN_FILE


def test_registry_holds_every_gemeinde_and_kreis(registry):
    assert registry["gemeinden"] == GEMEINDEN_IN_FILE
    assert registry["kreise"] == KREISE_IN_FILE
    assert Place.objects.filter(level=Place.Level.GEMEINDE).count() == GEMEINDEN_IN_FILE
    assert Place.objects.filter(level=Place.Level.KREIS).count() == KREISE_IN_FILE


def test_second_run_is_skipped_and_creates_no_duplicates(registry):
    before = Place.objects.count()
    counts = load_registry()
    assert counts == {"gemeinden": GEMEINDEN_IN_FILE, "kreise": KREISE_IN_FILE, "skipped": True}
    assert Place.objects.count() == before


def test_forced_reload_updates_in_place(registry):
    koeln = Place.objects.get(key="05315000")
    Place.objects.filter(pk=koeln.pk).update(name="Cologne", population=1)
    counts = load_registry(force=True)
    assert counts["skipped"] is False
    assert Place.objects.count() == GEMEINDEN_IN_FILE + KREISE_IN_FILE
    koeln.refresh_from_db()
    assert (koeln.name, koeln.population, koeln.size_class) == ("Köln", 1024621, SizeClass.GROSSSTADT)
    assert Place.objects.get(key="05315000").pk == koeln.pk  # same row, so practices keep their place


def test_missing_rows_trigger_a_reload_although_the_files_are_unchanged(registry):
    Place.objects.filter(key="05566084").delete()
    counts = load_registry()
    assert counts["skipped"] is False
    assert Place.objects.filter(key="05566084").exists()


def test_changed_files_trigger_a_reload(registry, tmp_path):
    for name in ("gemeinden.csv", "kreise.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    text = (tmp_path / "gemeinden.csv").read_bytes()
    assert b"\r\n" in text  # the shipped file has CRLF line endings; the loader must cope
    text = text.replace(
        b"01001000,010010000000,Flensburg,Stadt,01,Schleswig-Holstein,DEF01,54.79502,9.45232,85838",
        b"01001000,010010000000,Flensburg,Stadt,01,Schleswig-Holstein,DEF01,54.79502,9.45232,100000",
    )
    (tmp_path / "gemeinden.csv").write_bytes(text)

    counts = load_registry(data_dir=tmp_path)

    assert counts["skipped"] is False
    assert Place.objects.get(key="01001000").size_class == SizeClass.GROSSSTADT
    assert RegistryLoad.objects.count() == 1
    assert load_registry(data_dir=tmp_path)["skipped"] is True


def test_gemeinden_are_linked_to_their_kreis(registry):
    assert Place.objects.filter(level=Place.Level.GEMEINDE, kreis__isnull=True).count() == 0
    steinfurt = Place.objects.get(key="05566084")
    assert steinfurt.kreis.key == "05566"
    assert str(steinfurt.kreis) == "Kreis Steinfurt"
    assert Place.objects.get(key="05334002").kreis.name == "Städteregion Aachen"


def test_slugs_are_stable_and_transliterated(registry):
    assert Place.objects.get(key="05315000").slug == "koeln-05315000"
    assert Place.objects.get(key="05566").slug == "kreis-steinfurt-05566"
    assert Place.objects.get(key="12053000").slug == "frankfurt-oder-12053000"
    assert Place.objects.get(key="09184").slug == "kreis-muenchen-09184"
    assert german_slugify("Gießen") == "giessen"
    assert german_slugify("København") == "koebenhavn"


@pytest.mark.parametrize(
    ("population", "expected"),
    [
        (None, SizeClass.UNBEKANNT),
        (0, SizeClass.LANDGEMEINDE),
        (4_999, SizeClass.LANDGEMEINDE),
        (5_000, SizeClass.KLEINSTADT),
        (19_999, SizeClass.KLEINSTADT),
        (20_000, SizeClass.MITTELSTADT),
        (99_999, SizeClass.MITTELSTADT),
        (100_000, SizeClass.GROSSSTADT),
    ],
)
def test_size_class_boundaries(population, expected):
    assert size_class_for(population) == expected


def test_a_kreis_is_never_a_grossstadt():
    assert size_class_for(1_000_000, is_district=True) == SizeClass.KREIS
    assert size_class_for(None, is_district=True) == SizeClass.KREIS


def test_bulk_loaded_rows_carry_their_size_class(registry):
    assert Place.objects.get(key="05315000").size_class == SizeClass.GROSSSTADT  # Köln, 1,024,621
    assert Place.objects.get(key="05566084").size_class == SizeClass.MITTELSTADT  # Steinfurt, 34,601
    assert Place.objects.get(key="01051036").population is None  # Glüsing: population unknown
    assert Place.objects.get(key="01051036").size_class == SizeClass.UNBEKANNT
    # A Landkreis with 348,871 inhabitants, and one whose population is empty, are both "kreis".
    assert Place.objects.get(key="09184").size_class == SizeClass.KREIS
    assert Place.objects.get(key="03152").size_class == SizeClass.KREIS
    # A kreisfreie Stadt (and Baden-Württemberg's Stadtkreis) at Kreis level is a town.
    assert Place.objects.get(key="09162").size_class == SizeClass.GROSSSTADT
    assert Place.objects.get(key="08111").size_class == SizeClass.GROSSSTADT
    assert not Place.objects.filter(level=Place.Level.GEMEINDE, size_class=SizeClass.KREIS).exists()


@pytest.mark.django_db
def test_save_derives_size_class_and_name_key():
    place = Place.objects.create(key="99999999", level=Place.Level.GEMEINDE, name="Mühlheim (Test)", slug="t")
    assert (place.size_class, place.name_key) == (SizeClass.UNBEKANNT, "muehlheim test")
    place.population = 99_999
    place.save(update_fields=["population"])
    place.refresh_from_db()
    assert place.size_class == SizeClass.MITTELSTADT
    place.population = 100_000
    place.save()
    place.refresh_from_db()
    assert place.size_class == SizeClass.GROSSSTADT


def test_name_key_and_land_names():
    assert name_key("  StädteRegion   Aachen ") == name_key("Städteregion Aachen") == "staedteregion aachen"
    assert name_key("Stolberg (Rhld.)") == name_key("stolberg rhld") == "stolberg rhld"
    assert name_key("Berlin – Neukölln") == "berlin-neukoelln"
    assert name_key("Ko\u0308ln") == name_key("Köln")  # decomposed umlaut
    assert land_name("NRW") == land_name("nordrhein-westfalen") == land_name("05") == "Nordrhein-Westfalen"
    assert land_name("BY") == land_name("Bavaria") == "Bayern"
    assert land_name("Atlantis") is None


def test_load_places_command_prints_counts(registry):
    out = StringIO()
    call_command("load_places", stdout=out)
    assert "11299 Gemeinden, 402 Kreise" in out.getvalue()
    assert "übersprungen" in out.getvalue()
    out = StringIO()
    call_command("load_places", "--force", stdout=out)
    assert "geladen" in out.getvalue()
    assert Place.objects.count() == GEMEINDEN_IN_FILE + KREISE_IN_FILE


def test_geo_attribution_is_kept():
    notice = (DATA_DIR / "NOTICE.md").read_text(encoding="utf-8")
    assert "© GeoBasis-DE / BKG" in notice
    assert "Destatis" in notice
    assert "GeoNames" in notice
