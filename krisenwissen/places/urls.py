from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("", views.place_index, name="index"),
    path("<slug:slug>/", views.place_detail, name="detail"),
]
