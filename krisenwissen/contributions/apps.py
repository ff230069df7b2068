from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "krisenwissen.contributions"
    label = "contributions"
    verbose_name = _("Einreichungen")

    def ready(self):
        from . import signals

        signals.connect()
