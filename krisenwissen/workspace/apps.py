from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "krisenwissen.workspace"
    label = "workspace"
    verbose_name = _("Reflexionsraum")

    def ready(self):
        from . import audit  # noqa: F401 - connects the login/logout audit signals
