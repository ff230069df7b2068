"""Public URLs of the literature app; its paths carry their own German prefix (included at the root)."""

from django.urls import path

from . import views

app_name = "literature"

urlpatterns = [
    path("literatur/", views.literature_list, name="list"),
    path("literatur/export/", views.export_many, name="export"),
    path("literatur/<int:pk>/", views.literature_detail, name="detail"),
    path("literatur/<int:pk>/export/<str:fmt>/", views.export_one, name="export_one"),
]
