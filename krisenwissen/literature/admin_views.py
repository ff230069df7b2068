"""Admin views for importing literature: upload → preview → choose merge or skip → import → status.

The decoded upload is kept on a :class:`LiteratureImportJob`, so the preview, the confirmation
and a background task read exactly the file the editor checked. Files with more than
:data:`BACKGROUND_THRESHOLD` records are imported by a background task with a progress page.
"""

from __future__ import annotations

import datetime
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
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from krisenwissen.practices import admin_views as practice_admin_views

from .formats import FORMAT_LABELS, LiteratureImportError, decode, parse
from .formats.common import MAX_FILE_BYTES
from .importers import MAX_LISTED, ImportReport, analyse, preview_report
from .models import LiteratureImportJob
from .tasks import import_literature_task, run_import_job

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
BACKGROUND_THRESHOLD = 300
KEEP_UPLOADS_FOR = datetime.timedelta(days=7)
PERMISSION = "literature.add_literature"
FORMAT_CHOICES = [("", gettext_lazy("Automatisch erkennen")), *FORMAT_LABELS.items()]
PHASE_LABELS = {
    "analyse": gettext_lazy("Datei wird gelesen und auf Dubletten geprüft"),
    "write": gettext_lazy("Datensätze werden geschrieben"),
    "index": gettext_lazy("Suchindex wird aktualisiert"),
    "done": gettext_lazy("Fertig"),
}


class LiteratureImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Datei"),
        help_text=gettext_lazy("RIS, BibTeX/BibLaTeX, CSL-JSON oder CSV (Zotero oder Citavi); höchstens 20 MB."),
    )
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=FORMAT_CHOICES, required=False)
    is_demo = forms.BooleanField(label=gettext_lazy("Alle als Demo-Inhalt kennzeichnen"), required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        limit = min(MAX_UPLOAD_BYTES, MAX_FILE_BYTES)
        if upload.size > limit:
            raise forms.ValidationError(
                _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(limit)}
            )
        try:
            text = decode(upload.read())
            result = parse(text, cleaned.get("format") or None, filename=upload.name)
        except LiteratureImportError as error:
            raise forms.ValidationError(str(error)) from error
        cleaned["text"] = text
        cleaned["result"] = result
        return cleaned


class ConfirmImportForm(forms.Form):
    duplicate_action = forms.ChoiceField(
        label=gettext_lazy("Was soll mit den Dubletten geschehen?"),
        choices=LiteratureImportJob.DuplicateAction.choices,
        widget=forms.RadioSelect,
        initial=LiteratureImportJob.DuplicateAction.SKIP,
    )


class ImportPermissionMixin(practice_admin_views.ImportPermissionMixin):
    import_permission = PERMISSION


class ImportBreadcrumbsMixin(practice_admin_views.ImportBreadcrumbsMixin):
    collection_url_name = "wagtailsnippets_literature_literature:list"
    collection_label = gettext_lazy("Literatur")
    upload_url_name = "literature_import:upload"
    job_url_name = "literature_import:job"


class LiteratureImportView(ImportPermissionMixin, ImportBreadcrumbsMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "literature/admin/import_upload.html"
    form_class = LiteratureImportForm
    page_title = gettext_lazy("Literatur importieren")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_jobs"] = LiteratureImportJob.objects.select_related("created_by")[:10]
        context["background_threshold"] = BACKGROUND_THRESHOLD
        return context

    def form_valid(self, form):
        LiteratureImportJob.objects.filter(created_at__lt=timezone.now() - KEEP_UPLOADS_FOR).exclude(content="").update(
            content=""
        )
        result = form.cleaned_data["result"]
        filename = PurePath(form.cleaned_data["file"].name).name[:255]
        analysis = analyse(result, filename=filename)
        job = LiteratureImportJob.objects.create(
            filename=filename,
            format=result.format,
            content=form.cleaned_data["text"],
            record_count=len(result.records),
            is_demo=form.cleaned_data["is_demo"],
            preview=preview_report(analysis).as_dict(),
            created_by=self.request.user,
        )
        return redirect("literature_import:job", pk=job.pk)


class LiteratureImportJobView(ImportPermissionMixin, ImportBreadcrumbsMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "literature/admin/import_job.html"
    form_class = ConfirmImportForm
    page_title = gettext_lazy("Literatur importieren")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.job = get_object_or_404(LiteratureImportJob.objects.select_related("created_by"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.job.filename

    def post(self, request, *args, **kwargs):
        if self.job.status != LiteratureImportJob.Status.PREVIEWED:
            messages.warning(request, _("Diese Datei wurde bereits importiert."))
            return redirect("literature_import:job", pk=self.job.pk)
        if not self.job.content:
            messages.error(request, _("Die hochgeladene Datei ist nicht mehr vorhanden. Bitte erneut hochladen."))
            return redirect("literature_import:upload")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        job = self.job
        job.duplicate_action = form.cleaned_data["duplicate_action"]
        if job.record_count > BACKGROUND_THRESHOLD:
            job.status = LiteratureImportJob.Status.QUEUED
            job.save(update_fields=["duplicate_action", "status"])
            result = import_literature_task.enqueue(job.pk)
            LiteratureImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
            messages.success(self.request, _("Der Import läuft im Hintergrund. Diese Seite zeigt den Stand."))
        else:
            job.save(update_fields=["duplicate_action"])
            job = run_import_job(job)
            if job.status == LiteratureImportJob.Status.SUCCEEDED:
                report = ImportReport.from_dict(job.report)
                messages.success(self.request, _("Import abgeschlossen: %(summary)s") % {"summary": report.summary()})
            else:
                messages.error(self.request, _("Der Import ist fehlgeschlagen; nichts wurde gespeichert."))
        return redirect("literature_import:job", pk=job.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.job
        context.update(
            job=job,
            format_label=FORMAT_LABELS.get(job.format, job.format),
            preview=ImportReport.from_dict(job.preview) if job.preview else None,
            report=ImportReport.from_dict(job.report) if job.report else None,
            max_listed=MAX_LISTED,
            runs_in_background=job.record_count > BACKGROUND_THRESHOLD,
            phase_label=PHASE_LABELS.get(job.phase, ""),
            listing_url=reverse("wagtailsnippets_literature_literature:list"),
        )
        return context


def get_admin_urls() -> list:
    return [
        path("", LiteratureImportView.as_view(), name="upload"),
        path("<int:pk>/", LiteratureImportJobView.as_view(), name="job"),
    ]
