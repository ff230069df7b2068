"""Public URLs of the literature app; its paths carry their own German prefix (included at the root)."""

from django.urls import path  # noqa: F401

app_name = "literature"

urlpatterns = []
