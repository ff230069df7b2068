"""Admin views for importing practices: upload, dry-run preview, confirm, status.

The upload is stored in a :class:`~krisenwissen.practices.models.PracticeImportJob`, so the
preview, the confirm step and a background task all read the very file the editor checked.
Files with more than :data:`BACKGROUND_THRESHOLD` lines are imported by a background task;
smaller ones inside the request.
"""

import codecs
import datetime
import json
from pathlib import PurePath

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .importers import MAX_REPORTED_PROBLEMS, ImportReport, PracticeImportError, import_practices_from_text
from .models import PracticeImportJob
from .tasks import import_practices_task, run_import_job

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
BACKGROUND_THRESHOLD = 500
ALLOWED_EXTENSIONS = (".jsonl", ".ndjson", ".json")
#: Uploaded files are kept this long; afterwards only the report of a job remains.
KEEP_UPLOADS_FOR = datetime.timedelta(days=7)
PERMISSION = "practices.add_practice"


class PracticeImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("JSON-Lines-Datei"),
        help_text=gettext_lazy(
            "Eine Praxis je Zeile als JSON-Objekt, UTF-8-kodiert, Endung .jsonl; höchstens 20 MB. "
            "Vor dem Import sehen Sie eine Vorschau."
        ),
    )
    is_demo = forms.BooleanField(
        label=gettext_lazy("Alle als Demo-Inhalt kennzeichnen"),
        required=False,
        help_text=gettext_lazy(
            "Für fiktive Beispieldaten. Zeilen mit „basis“: „synthetic“ werden immer als Demo gekennzeichnet."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError(
                _("„%(name)s“ ist keine JSON-Lines-Datei. Erlaubt sind Dateien mit der Endung .jsonl (oder .ndjson).")
                % {"name": upload.name}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        data = upload.read()
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise forms.ValidationError(_("Die Datei ist UTF-16-kodiert. Bitte speichern Sie sie als UTF-8."))
        if b"\x00" in data:
            raise forms.ValidationError(_("Die Datei enthält Binärdaten; erwartet wird eine Textdatei (JSON Lines)."))
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise forms.ValidationError(
                _(
                    "Die Datei ist nicht UTF-8-kodiert (erstes ungültiges Zeichen in Zeile %(line)s). "
                    "Bitte als UTF-8 speichern."
                )
                % {"line": line}
            ) from error
        lines = [line for line in text.splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Die Datei ist leer."))
        if not any(_is_json_object(line) for line in lines[:5]):
            raise forms.ValidationError(
                _("Die Datei ist keine JSON-Lines-Datei: keine der ersten Zeilen ist ein JSON-Objekt {…}.")
            )
        self.cleaned_data["text"] = text
        self.cleaned_data["line_count"] = len(lines)
        return upload


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


class ConfirmImportForm(forms.Form):
    skip_invalid = forms.BooleanField(
        label=gettext_lazy("Ungültige Zeilen überspringen und die übrigen importieren"), required=False
    )

    def __init__(self, *args, job: PracticeImportJob, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job

    def clean(self):
        cleaned = super().clean()
        if self.job.preview.get("skipped") and not cleaned.get("skip_invalid"):
            raise forms.ValidationError(
                _(
                    "Die Datei enthält ungültige Zeilen. Korrigieren Sie die Datei und laden Sie sie erneut hoch, "
                    "oder wählen Sie „Ungültige Zeilen überspringen“."
                )
            )
        return cleaned


class ImportPermissionMixin:
    """Import views need the permission to add the imported kind (the literature import reuses this)."""

    import_permission = PERMISSION

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.import_permission):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class ImportBreadcrumbsMixin:
    """Breadcrumbs "<collection> › Importieren" of every import step."""

    header_icon = "upload"
    collection_url_name = "wagtailsnippets_practices_practice:list"
    collection_label = gettext_lazy("Praxisbeispiele")
    upload_url_name = "practices_import:upload"
    job_url_name = "practices_import:job"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.collection_url_name), "label": self.collection_label},
            {"url": reverse(self.upload_url_name), "label": _("Importieren")},
        ]


class PracticeImportView(ImportPermissionMixin, ImportBreadcrumbsMixin, WagtailAdminTemplateMixin, FormView):
    """Step 1: upload a file; it is checked in a dry run and the editor is sent to the preview."""

    template_name = "practices/admin/import_upload.html"
    form_class = PracticeImportForm
    page_title = gettext_lazy("Praxisbeispiele importieren")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_jobs"] = PracticeImportJob.objects.select_related("created_by")[:10]
        context["max_upload_mb"] = MAX_UPLOAD_BYTES // 1024 // 1024
        context["background_threshold"] = BACKGROUND_THRESHOLD
        return context

    def form_valid(self, form):
        PracticeImportJob.objects.filter(created_at__lt=timezone.now() - KEEP_UPLOADS_FOR).exclude(content="").update(
            content=""
        )
        text = form.cleaned_data["text"]
        try:
            preview = import_practices_from_text(
                text, is_demo=form.cleaned_data["is_demo"], skip_invalid=True, dry_run=True
            )
        except PracticeImportError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        job = PracticeImportJob.objects.create(
            filename=PurePath(form.cleaned_data["file"].name).name[:255],
            content=text,
            line_count=form.cleaned_data["line_count"],
            is_demo=form.cleaned_data["is_demo"],
            preview=preview.as_dict(),
            created_by=self.request.user,
        )
        return redirect("practices_import:job", pk=job.pk)


class PracticeImportJobView(ImportPermissionMixin, ImportBreadcrumbsMixin, WagtailAdminTemplateMixin, FormView):
    """Step 2 and 3: the preview with the confirm button, then the status and result of the import."""

    template_name = "practices/admin/import_job.html"
    form_class = ConfirmImportForm
    page_title = gettext_lazy("Praxisbeispiele importieren")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.job = get_object_or_404(PracticeImportJob.objects.select_related("created_by"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.job.filename

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "job": self.job}

    def post(self, request, *args, **kwargs):
        if self.job.status != PracticeImportJob.Status.PREVIEWED:
            messages.warning(request, _("Diese Datei wurde bereits importiert."))
            return redirect("practices_import:job", pk=self.job.pk)
        if not self.job.content:
            messages.error(
                request, _("Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.")
            )
            return redirect("practices_import:upload")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        job = self.job
        job.skip_invalid = form.cleaned_data["skip_invalid"]
        if job.line_count > BACKGROUND_THRESHOLD:
            job.status = PracticeImportJob.Status.QUEUED
            job.save(update_fields=["skip_invalid", "status"])
            result = import_practices_task.enqueue(job.pk)
            PracticeImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
            messages.success(self.request, _("Der Import läuft im Hintergrund. Diese Seite zeigt den Stand."))
        else:
            job.save(update_fields=["skip_invalid"])
            job = run_import_job(job)
            if job.status == PracticeImportJob.Status.SUCCEEDED:
                report = ImportReport.from_dict(job.report)
                messages.success(self.request, _("Import abgeschlossen: %(summary)s") % {"summary": report.summary()})
            else:
                messages.error(self.request, _("Der Import ist fehlgeschlagen; nichts wurde gespeichert."))
        return redirect("practices_import:job", pk=job.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.job
        context["job"] = job
        context["preview"] = ImportReport.from_dict(job.preview) if job.preview else None
        context["report"] = ImportReport.from_dict(job.report) if job.report else None
        context["max_messages"] = MAX_REPORTED_PROBLEMS
        context["runs_in_background"] = job.line_count > BACKGROUND_THRESHOLD
        context["task_status"] = self._task_status()
        context["listing_url"] = reverse("wagtailsnippets_practices_practice:list")
        return context

    def _task_status(self) -> str:
        """The task backend's view of a background import, when the backend keeps results."""
        if not self.job.task_id or self.job.is_finished:
            return ""
        try:
            return str(import_practices_task.get_result(self.job.task_id).status.label)
        except Exception:  # noqa: BLE001 - not every backend stores results; the job status suffices
            return ""


def get_admin_urls() -> list:
    """URL patterns for the ``practices_import`` namespace (mounted by ``wagtail_hooks``)."""
    return [
        path("", PracticeImportView.as_view(), name="upload"),
        path("<int:pk>/", PracticeImportJobView.as_view(), name="job"),
    ]
