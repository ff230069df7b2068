import re

import pytest

from django.urls import reverse

from krisenwissen.places.models import Place


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def koeln(registry):
    return Place.objects.get(key="05315000")


def test_place_page_shows_the_facts_and_published_practices(client, koeln, make_practice):
    make_practice(koeln, title="Hitzetelefon für Ältere", summary="Anrufe bei Hitzewellen.")
    make_practice(koeln, title="Entwurf im Stillen", live=False)

    response = client.get(reverse("places:detail", kwargs={"slug": "koeln-05315000"}))

    assert response.status_code == 200
    page = text(response)
    assert "<h1>Köln</h1>" in page
    assert "Nordrhein-Westfalen" in page
    assert "1.024.621" in page
    assert "Großstadt (ab 100.000 Einw.)" in page
    assert "05315000" in page
    assert "kreisfrei" in page
    assert "Hitzetelefon für Ältere" in page and "Anrufe bei Hitzewellen." in page
    assert "Entwurf im Stillen" not in page
    assert 'class="demo-notice"' not in page
    assert 'aria-label="Brotkrumennavigation"' in page


def test_demo_practices_bring_the_demo_notice(client, koeln, make_practice):
    make_practice(koeln, title="Erfundenes Beispiel", is_demo=True)
    page = text(client.get(koeln.get_absolute_url()))
    assert 'class="demo-notice"' in page
    assert "badge--demo" in page


def test_unknown_slug_is_404(client, registry):
    response = client.get("/kommunen/gibt-es-nicht-00000000/")
    assert response.status_code == 404


def test_kreis_page_shows_practices_of_its_gemeinden_labelled(client, registry, make_practice):
    kreis = Place.objects.get(key="05566")
    stadt = Place.objects.get(key="05566084")
    make_practice(kreis, title="Kreisweiter Krisenstab")
    make_practice(stadt, title="Stadtfest-Warnsystem")

    page = text(client.get(kreis.get_absolute_url()))

    assert "<h1>Kreis Steinfurt</h1>" in page
    assert "Landkreis / Kreis" in page  # size class of a Kreis, not "Großstadt"
    assert "Kreisweiter Krisenstab" in page
    assert "Praxisbeispiele aus den Gemeinden des Kreises" in page
    member_section = page.split("Praxisbeispiele aus den Gemeinden des Kreises", 1)[1]
    assert "Stadtfest-Warnsystem" in member_section
    assert "Steinfurt ·" in member_section  # labelled with the Gemeinde


def test_gemeinde_links_its_kreis_only_when_the_kreis_has_content(client, registry, make_practice):
    stadt = Place.objects.get(key="05566084")
    kreis_url = Place.objects.get(key="05566").get_absolute_url()
    assert f'href="{kreis_url}"' not in text(client.get(stadt.get_absolute_url()))
    make_practice(Place.objects.get(key="05566"))
    assert f'href="{kreis_url}"' in text(client.get(stadt.get_absolute_url()))


def test_berlin_district_label_is_shown(client, registry, make_practice):
    berlin = Place.objects.get(key="11000000")
    make_practice(berlin, title="Kiezlotsen", label="Berlin-Neukölln")
    assert "Berlin-Neukölln" in text(client.get(berlin.get_absolute_url()))


def test_european_place_page(client, registry, make_practice):
    from krisenwissen.places.matching import resolve_place

    wien = resolve_place("Wien", "Wien", "AT").place
    make_practice(wien, title="Wiener Hitzeplan")
    page = text(client.get(wien.get_absolute_url()))
    assert "<h1>Wien</h1>" in page
    assert "Österreich" in page
    assert "Wiener Hitzeplan" in page
    assert "GeoNames" in page


def test_index_lists_places_with_content_grouped_with_counts(client, koeln, make_practice):
    make_practice(koeln)
    make_practice(koeln)
    make_practice(Place.objects.get(key="09162000"))
    make_practice(Place.objects.get(key="05566084"), live=False)
    from krisenwissen.places.matching import resolve_place

    make_practice(resolve_place("Wien", "Wien", "AT").place)

    response = client.get(reverse("places:index"))

    assert response.status_code == 200
    page = text(response)
    assert "3 Kommunen haben bisher veröffentlichte Praxisbeispiele." in page
    assert koeln.get_absolute_url() in page
    assert "/kommunen/steinfurt-05566084/" not in page  # only an unpublished practice
    # Länder alphabetically, then other countries.
    assert page.index("> Bayern <") < page.index("> Nordrhein-Westfalen <") < page.index("> Österreich <")
    assert 'Nordrhein-Westfalen <span class="term-list__count">(2 Praxisbeispiele)' in page


def test_index_search_finds_places_without_javascript(client, registry, koeln, make_practice):
    make_practice(koeln)
    page = text(client.get(reverse("places:index"), {"q": "köln"}))
    assert "Treffer für „köln“" in page
    assert koeln.get_absolute_url() in page
    assert "· 1 Praxisbeispiel </p>" in page

    page = text(client.get(reverse("places:index"), {"q": "Stolberg Rhld"}))
    assert "/kommunen/stolberg-rhld-05334032/" in page

    page = text(client.get(reverse("places:index"), {"q": "05566084"}))
    assert "/kommunen/steinfurt-05566084/" in page


def test_index_search_handles_bad_input(client, registry):
    response = client.get(reverse("places:index"), {"q": "x"})
    assert response.status_code == 200
    assert "Bitte mindestens 2 Zeichen eingeben." in text(response)

    response = client.get(reverse("places:index"), {"q": "\x00\x00"})
    assert response.status_code == 200
    assert "Bitte mindestens 2 Zeichen eingeben." in text(response)

    response = client.get(reverse("places:index"), {"q": "Entenhausen"})
    assert "Keine Kommune gefunden" in text(response)

    response = client.get(reverse("places:index"), {"q": "a" * 5000})
    assert response.status_code == 200


def test_english_place_page(client, koeln):
    response = client.get("/en" + koeln.get_absolute_url())
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
