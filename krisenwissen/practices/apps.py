from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "krisenwissen.practices"
    label = "practices"
    verbose_name = _("Praxisbeispiele")

    def ready(self):
        from . import signals, tasks  # noqa: F401
