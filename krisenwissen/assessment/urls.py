"""URLs of the assessment app, mounted inside a workspace (see ``krisenwissen.workspace.urls``).

Every route is registered with its minimum role in ``tests/assessment/authz.py``.
"""

from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("neu/", views.assessment_create, name="create"),
    path("<int:assessment>/", views.assessment_detail, name="detail"),
    path("<int:assessment>/bearbeiten/", views.assessment_edit, name="edit"),
    path("<int:assessment>/bericht.pdf", views.export_pdf, name="export_pdf"),
    path("<int:assessment>/bericht.docx", views.export_docx, name="export_docx"),
]
