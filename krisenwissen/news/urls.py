"""Public URLs of the news app; its paths carry their own German prefix (included at the root)."""

from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("aktuelles/", views.news_list, name="list"),
    path("aktuelles/<slug:slug>/", views.news_detail, name="detail"),
    path("termine/", views.event_list, name="events"),
    path("termine/archiv/", views.event_archive, name="event_archive"),
    path("termine/feed.ics", views.events_feed, name="events_feed"),
    path("termine/<slug:slug>/", views.event_detail, name="event_detail"),
    path("termine/<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("fortbildungen/", views.training_list, name="training"),
    path("fortbildungen/<slug:slug>/", views.training_detail, name="training_detail"),
]
