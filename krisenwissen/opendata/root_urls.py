"""Language-independent URLs of the open-data app (catalogue files, sitemap, robots.txt)."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    re_path(r"^catalog\.(?P<fmt>ttl|rdf|jsonld)$", views.catalog, name="opendata_catalog"),
    path("sitemap.xml", views.sitemap_index, name="opendata_sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="opendata_sitemap_section"),
    path("robots.txt", views.robots_txt, name="opendata_robots"),
]
