"""URLs of the assessment app, mounted inside a workspace (see ``krisenwissen.workspace.urls``)."""

from django.urls import path  # noqa: F401

app_name = "assessment"

urlpatterns = []
