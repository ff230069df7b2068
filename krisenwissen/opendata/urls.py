"""Public URLs of the opendata app; its paths carry their own German prefix (included at the root)."""

from django.urls import path, re_path

from . import feeds, views

app_name = "opendata"

FEED_FILTER = r"(?P<kind>thema|krisenart|land)/(?P<slug>[-a-z0-9]+)"

urlpatterns = [
    path("daten/", views.index, name="index"),
    re_path(r"^daten/(?P<key>[-a-z0-9]+)\.(?P<fmt>csv|json|jsonld)$", views.download, name="download"),
    path("daten/benachrichtigungen/", views.alert_subscribe, name="alert_subscribe"),
    path("daten/benachrichtigungen/bestaetigen/<str:token>/", views.alert_confirm, name="alert_confirm"),
    path("daten/benachrichtigungen/abmelden/<str:token>/", views.alert_unsubscribe, name="alert_unsubscribe"),
    path("feeds/praxisbeispiele/", feeds.PracticeFeed(), name="practices_rss"),
    path("feeds/praxisbeispiele/atom/", feeds.PracticeAtomFeed(), name="practices_atom"),
    re_path(rf"^feeds/praxisbeispiele/{FEED_FILTER}/$", feeds.PracticeFeed(), name="practices_rss_filtered"),
    re_path(rf"^feeds/praxisbeispiele/{FEED_FILTER}/atom/$", feeds.PracticeAtomFeed(), name="practices_atom_filtered"),
]
