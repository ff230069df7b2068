from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiteratureConfig(AppConfig):
    name = "krisenwissen.literature"
    label = "literature"
    verbose_name = _("Literatur")

    def ready(self):
        from . import tasks  # noqa: F401 - connects the receiver for imports whose worker died
