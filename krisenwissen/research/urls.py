"""Public URLs of the research app; its paths carry their own German prefix (included at the root)."""

from django.urls import path

from . import views

app_name = "research"

urlpatterns = [
    path("forschungsprojekte/", views.project_list, name="list"),
    path("forschungsprojekte/<slug:slug>/", views.project_detail, name="detail"),
]
