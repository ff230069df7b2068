"""Public URLs of the publications app; its paths carry their own German prefix (included at the root)."""

from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("publikationen/", views.publication_list, name="list"),
    path("publikationen/<slug:slug>/", views.publication_detail, name="detail"),
]
