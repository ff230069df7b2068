"""An editor-only panel on the practice form: existing practices that a submission may duplicate.

Imported by ``practices.models`` for its ``content_panels``, so this module must not import the
practice model at import time.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel


class DuplicateWarningPanel(Panel):
    """Lists published or draft practices of the same municipality with a similar title or summary.

    Shown only on the edit view of a practice that came in through the public submission form,
    and only when there are candidates.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Mögliche Dubletten"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "duplicates"

    class BoundPanel(Panel.BoundPanel):
        template_name = "contributions/admin/duplicate_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.candidates = []
            instance = self.instance
            # The reverse one-to-one raises an AttributeError subclass when there is no submission.
            if instance is not None and instance.pk and getattr(instance, "submission", None) is not None:
                from .duplicates import find_duplicates

                self.candidates = find_duplicates(instance)

        def is_shown(self):
            return bool(self.candidates)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["candidates"] = self.candidates
            return context
