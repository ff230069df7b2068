from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView
from wagtail.documents import urls as wagtaildocs_urls

from krisenwissen.api.urls import api
from krisenwissen.core import health
from krisenwissen.core import views as core_views
from krisenwissen.workspace.throttle import rate_limit

urlpatterns = [
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    # The editors' login gets the same per-address limit as the Reflexionsraum login.
    path("cms/login/", rate_limit("cms-login", "10/m")(LoginView.as_view()), name="wagtailadmin_login"),
    path("cms/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    # Catalogue, sitemap, robots.txt and feeds: the same address in every language.
    path("", include("krisenwissen.opendata.root_urls")),
]

urlpatterns += i18n_patterns(
    path("praxisbeispiele/", include("krisenwissen.practices.urls")),
    path("kommunen/", include("krisenwissen.places.urls")),
    path("suche/", include("krisenwissen.search.urls")),
    # Each of these apps names its own German path prefixes.
    path("", include("krisenwissen.literature.urls")),
    path("", include("krisenwissen.research.urls")),
    path("", include("krisenwissen.recommendations.urls")),
    path("", include("krisenwissen.news.urls")),
    path("", include("krisenwissen.publications.urls")),
    path("", include("krisenwissen.interviews.urls")),
    path("", include("krisenwissen.surveys.urls")),
    path("", include("krisenwissen.comparisons.urls")),
    path("", include("krisenwissen.maps.urls")),
    path("", include("krisenwissen.contributions.urls")),
    path("", include("krisenwissen.opendata.urls")),
    path("", include("krisenwissen.workspace.urls")),
    path("themen/<slug:slug>/", core_views.theme_hub, name="theme_hub"),
    path("ueber-die-daten/", core_views.about_data, name="about_data"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = (
        staticfiles_urlpatterns() + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )

handler404 = "krisenwissen.core.views.page_not_found"
handler500 = "krisenwissen.core.views.server_error"
