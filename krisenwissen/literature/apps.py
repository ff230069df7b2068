from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiteratureConfig(AppConfig):
    name = "krisenwissen.literature"
    label = "literature"
    verbose_name = _("Literatur")
