from django.urls import reverse


def test_place_chooser_finds_bulk_loaded_places(admin_client, registry):
    """The registry bypasses the search index; the chooser must still find Gemeinden by name or AGS."""
    url = reverse("wagtailsnippetchoosers_places_place:choose_results")

    page = admin_client.get(url, {"q": "Köln"}).content.decode()
    assert "Köln" in page
    assert "Kölln-Reisiek" not in page

    page = admin_client.get(url, {"q": "05566"}).content.decode()
    assert "Kreis Steinfurt" in page


def test_place_listing_search_finds_bulk_loaded_places(admin_client, registry):
    page = admin_client.get(reverse("wagtailsnippets_places_place:list"), {"q": "Stolberg"}).content.decode()
    assert "Stolberg (Rhld.)" in page
