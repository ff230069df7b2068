from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from krisenwissen.api.urls import api
from krisenwissen.core import views as core_views

urlpatterns = [
    path("cms/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("praxisbeispiele/", include("krisenwissen.practices.urls")),
    path("kommunen/", include("krisenwissen.places.urls")),
    path("suche/", include("krisenwissen.search.urls")),
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
