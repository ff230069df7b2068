"""URLs of the reflection app, mounted inside a workspace (see ``krisenwissen.workspace.urls``).

Every route is registered with its minimum role in ``tests/reflection/authz.py`` for the
authorization matrix.
"""

from django.urls import path

from . import views

app_name = "reflection"

urlpatterns = [
    path("", views.reflection_list, name="list"),
    path("neu/", views.reflection_create, name="create"),
    path("<int:reflection>/", views.reflection_detail, name="detail"),
    path("<int:reflection>/bearbeiten/", views.reflection_edit, name="edit"),
    path("<int:reflection>/tafeln/neu/", views.board_create, name="board_create"),
    path("<int:reflection>/tafeln/<int:board>/", views.board_detail, name="board"),
    path("<int:reflection>/tafeln/<int:board>/stand/", views.board_state, name="board_state"),
    path("<int:reflection>/tafeln/<int:board>/karten/neu/", views.card_create, name="card_create"),
    path("<int:reflection>/tafeln/<int:board>/cluster/neu/", views.cluster_create, name="cluster_create"),
    path("<int:reflection>/karten/<int:card>/bearbeiten/", views.card_edit, name="card_edit"),
    path("<int:reflection>/karten/<int:card>/stimme/", views.card_vote, name="card_vote"),
    path("<int:reflection>/karten/<int:card>/moderieren/", views.card_moderate, name="card_moderate"),
    path("<int:reflection>/karten/<int:card>/zusammenfuehren/", views.card_merge, name="card_merge"),
    path("<int:reflection>/karten/<int:card>/praxisbeispiel/", views.card_practice, name="card_practice"),
    path("<int:reflection>/ideen/", views.idea_list, name="ideas"),
    path("<int:reflection>/ideen/neu/", views.idea_create, name="idea_create"),
    path("<int:reflection>/massnahmen/neu/", views.measure_create, name="measure_create"),
    path("<int:reflection>/massnahmen/<int:measure>/", views.measure_edit, name="measure_edit"),
    path("<int:reflection>/massnahmen/<int:measure>/praxisbeispiel/", views.measure_practice, name="measure_practice"),
    path("<int:reflection>/aktionsplan/", views.action_plan, name="action_plan"),
    path("<int:reflection>/bericht.pdf", views.export_pdf, name="export_pdf"),
    path("<int:reflection>/bericht.docx", views.export_docx, name="export_docx"),
]
