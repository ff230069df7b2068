"""Public URLs of the surveys app; its paths carry their own German prefix (included at the root)."""

from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("befragungen/", views.survey_list, name="list"),
    path("befragungen/<slug:slug>/", views.survey_detail, name="detail"),
    path("befragungen/<slug:slug>/daten.csv", views.survey_csv, name="csv"),
    path("befragungen/<slug:slug>/frage-<int:number>.csv", views.question_csv, name="question_csv"),
]
