"""Public URLs of the contributions app; its paths carry their own German prefix (included at the root)."""

from django.urls import path

from . import views

app_name = "contributions"

urlpatterns = [
    path("einreichen/", views.start, name="start"),
    path("einreichen/kommunen.json", views.place_suggestions, name="place_suggestions"),
    path("einreichen/aktualitaet/<str:code>/", views.still_in_use, name="still_in_use"),
    path("einreichen/<slug:token>/", views.status, name="status"),
    path("einreichen/<slug:token>/pruefen/", views.review, name="review"),
    path("einreichen/<slug:token>/bestaetigen/<str:code>/", views.confirm, name="confirm"),
    path("einreichen/<slug:token>/<slug:step>/", views.step_view, name="step"),
]
