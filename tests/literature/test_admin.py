"""Editors import literature in the CMS: upload, preview with duplicates, choose merge or skip, status."""

import pytest

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from krisenwissen.literature import admin_views
from krisenwissen.literature.importers import import_text
from krisenwissen.literature.models import Literature, LiteratureImportJob

from . import samples

UPLOAD_URL = "/cms/literatur/import/"
pytestmark = pytest.mark.usefixtures("taxonomy")


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "geheim-passwort-123")
    client.force_login(user)
    return client


def upload(client, content: str | bytes, name="liste.ris", **data):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, content), **data})


def test_preview_lists_duplicates_with_their_record_then_merge(admin_client):
    import_text(samples.RIS)
    existing = Literature.objects.get(title__startswith="Krisenstäbe")
    response = upload(admin_client, samples.ZOTERO_CSV, name="zotero.csv")
    job = LiteratureImportJob.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/{job.pk}/")

    page = admin_client.get(response.url).content.decode()
    assert "Vorschau" in page and "Dubletten" in page
    assert f"/cms/snippets/literature/literature/edit/{existing.pk}/" in page
    assert Literature.objects.count() == 2  # nothing written yet

    done = admin_client.post(response.url, {"duplicate_action": "merge"}, follow=True)
    job.refresh_from_db()
    assert job.status == "succeeded" and job.report["merged"] == 2
    assert "Import abgeschlossen" in done.content.decode()
    existing.refresh_from_db()
    assert existing.abstract == "Ein Bericht."
    assert Literature.objects.count() == 2


def test_invalid_records_are_shown_with_line_and_reason(admin_client):
    text = samples.ZOTERO_CSV.replace('"Hitzeschutz in Städten"', '""')
    response = upload(admin_client, text, name="z.csv")
    page = admin_client.get(response.url).content.decode()
    assert "Zeile 3: Der Eintrag hat keinen Titel." in page


def test_bad_files_get_a_message_and_nothing_is_stored(admin_client):
    response = upload(admin_client, b"\x00\x01\x02" * 1000, name="bild.png")
    assert response.status_code == 200
    assert "Binärdaten" in response.content.decode()
    response = upload(admin_client, samples.BIBTEX[:-20], name="kaputt.bib")
    assert "nie geschlossen" in response.content.decode()
    assert not LiteratureImportJob.objects.exists() and not Literature.objects.exists()


def test_large_imports_run_as_background_task(admin_client, monkeypatch):
    monkeypatch.setattr(admin_views, "BACKGROUND_THRESHOLD", 1)
    response = upload(admin_client, samples.RIS)
    admin_client.post(response.url, {"duplicate_action": "skip"})
    job = LiteratureImportJob.objects.get()
    # The test settings run tasks immediately; the job page shows the result of the task.
    assert job.status == "succeeded" and job.task_id
    assert job.phase == "done" and job.progress_total == 2
    assert Literature.objects.count() == 2


def test_editors_without_permission_are_refused(client):
    user = get_user_model().objects.create_user("leser", "l@example.org", "geheim-passwort-123")
    client.force_login(user)
    assert client.get(UPLOAD_URL).status_code in (302, 403)


def test_snippet_listing_and_edit_view(admin_client):
    import_text(samples.RIS)
    record = Literature.objects.get(title__startswith="Krisenstäbe")
    listing = admin_client.get("/cms/snippets/literature/literature/")
    assert listing.status_code == 200 and "Importieren" in listing.content.decode()
    edit = admin_client.get(f"/cms/snippets/literature/literature/edit/{record.pk}/")
    assert edit.status_code == 200 and "Ministerie van Algemene Zaken" in edit.content.decode()


def group_user(name: str, group: str):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(name, f"{name}@example.org", "geheim-passwort-123")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_editors_maintain_literature_and_changes_go_through_moderation(client):
    from django.urls import reverse

    editor, moderator = group_user("redakteurin", "Editors"), group_user("moderator", "Moderators")
    import_text(samples.RIS)
    record = Literature.objects.get(title__startswith="Krisenstäbe")

    client.force_login(editor)
    assert client.get(UPLOAD_URL).status_code == 200
    assert client.get(f"/cms/snippets/literature/literature/edit/{record.pk}/").status_code == 200
    workflow = record.get_workflow()
    assert workflow is not None and workflow.name == "Redaktionelle Freigabe"

    record.title = "Krisenstäbe in Kommunen (2. Auflage)"
    record.save_revision(user=editor)
    workflow.start(record, editor)
    record.refresh_from_db()
    assert record.title.endswith("Landkreisen")  # the public record is unchanged while in moderation
    state = record.current_workflow_state.current_task_state
    assert state.task.name == "Freigabe durch die Moderation"
    assert state.task.specific.get_actions(record, editor) == []  # editors cannot approve their own change

    client.force_login(moderator)
    url = reverse("wagtailsnippets_literature_literature:workflow_action", args=[record.pk, "approve", state.pk])
    assert client.post(url, {"comment": ""}).status_code == 302
    record.refresh_from_db()
    assert record.title == "Krisenstäbe in Kommunen (2. Auflage)" and record.live
    assert record.current_workflow_state is None


def test_upload_page_lists_the_last_imports_with_their_size(admin_client):
    job = LiteratureImportJob.objects.create(filename="zotero.csv", format="csv", content="x", record_count=1234)
    page = admin_client.get(UPLOAD_URL).content.decode()
    row = page.split("Letzte Importe", 1)[1]
    assert f'href="/cms/literatur/import/{job.pk}/"' in row and ">zotero.csv<" in row
    assert "<td>1234</td>" in row
    assert 'name="format"' in page and 'name="is_demo"' in page  # every field of the form
