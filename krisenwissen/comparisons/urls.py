"""Public URLs of the comparisons app; its paths carry their own German prefix (included at the root)."""

from django.urls import path

from . import views

app_name = "comparisons"

urlpatterns = [
    path("vergleiche/", views.comparison_index, name="list"),
    path("vergleiche/<slug:kind>/", views.comparison_table, name="table"),
    path("vergleiche/<slug:kind>/<slug:slug>/", views.comparison_record, name="detail"),
]
