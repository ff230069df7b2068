"""Language-independent URLs of the open-data app (catalogue files, sitemap, robots.txt)."""

from django.urls import path  # noqa: F401

urlpatterns = []
