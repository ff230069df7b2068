"""URLs of the Reflexionsraum. Everything private lives under ``/reflexionsraum/<workspace>/``; the
reflection and assessment apps are mounted inside a workspace and receive its slug as ``workspace``."""

from django.urls import include, path

app_name = "workspace"

urlpatterns = [
    path("reflexionsraum/<slug:workspace>/reflexionen/", include("krisenwissen.reflection.urls")),
    path("reflexionsraum/<slug:workspace>/selbstcheck/", include("krisenwissen.assessment.urls")),
]
