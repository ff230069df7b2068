"""Public URLs of the maps app; its paths carry their own German prefix (included at the root)."""

from django.urls import path

from . import views

app_name = "maps"

urlpatterns = [
    path("karte/", views.practice_map, name="map"),
    path("karte/daten.json", views.map_json, name="data"),
]
