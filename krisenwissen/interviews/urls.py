"""Public URLs of the interviews app; its paths carry their own German prefix (included at the root)."""

from django.urls import path

from . import views

app_name = "interviews"

urlpatterns = [
    path("interviews/", views.interview_list, name="list"),
    path("interviews/<slug:slug>/", views.interview_detail, name="detail"),
    path("interviews/<slug:slug>/transkript.txt", views.transcript_text, name="transcript"),
    path("interviews/<slug:slug>/datei/<str:kind>/", views.interview_media, name="media"),
]
