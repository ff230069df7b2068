from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "krisenwissen.opendata"
    label = "opendata"
    verbose_name = _("Offene Daten")

    def ready(self):
        from .builtin import register_builtin

        register_builtin()
        # Content types register their datasets, feeds, sitemap sections and JSON-LD builders in
        # a module ``krisenwissen/<app>/open_data.py`` (docs/open-data.md).
        autodiscover_modules("open_data")
