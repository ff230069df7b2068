"""URLs of the reflection app, mounted inside a workspace (see ``krisenwissen.workspace.urls``)."""

from django.urls import path  # noqa: F401

app_name = "reflection"

urlpatterns = []
