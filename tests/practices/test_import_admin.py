"""Editors import practices in the CMS: upload, preview (dry run), confirm, status."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from krisenwissen.practices import admin_views
from krisenwissen.practices.models import Practice, PracticeImportJob

from .records import jsonl, practice_record

pytestmark = pytest.mark.usefixtures("refdb")

UPLOAD_URL = "/cms/praxisbeispiele/import/"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "geheim-passwort-123")
    client.force_login(user)
    return client


def upload(client, content: bytes | str, name="praxis.jsonl", **data):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, content), **data})


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in response.context["messages"]]


def test_upload_preview_and_confirm_creates_the_practices(admin_client):
    response = admin_client.get(UPLOAD_URL)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()

    response = upload(admin_client, jsonl(practice_record(id="PX-T-001"), practice_record(id="PX-T-002")))
    job = PracticeImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("practices_import:job", args=[job.pk])
    assert Practice.objects.count() == 0, "the preview is a dry run"

    preview = admin_client.get(response.url)
    html = preview.content.decode()
    assert "Vorschau (Probelauf, noch nichts gespeichert)" in html
    assert '<th scope="row">Neu</th><td>2</td>' in html
    assert '<th scope="row">Ungültig</th><td>0</td>' in html
    assert "Import bestätigen" in html

    response = admin_client.post(response.url, follow=True)
    assert Practice.objects.filter(live=True).count() == 2
    job.refresh_from_db()
    assert job.status == PracticeImportJob.Status.SUCCEEDED
    assert job.report["created"] == 2
    assert job.content == "", "the uploaded text is dropped once imported"
    assert "Import abgeschlossen: 2 neu, 0 aktualisiert, 0 unverändert, 0 übersprungen" in messages_of(response)
    assert "Ergebnis" in response.content.decode()

    # Confirming twice does not import twice.
    response = admin_client.post(reverse("practices_import:job", args=[job.pk]), follow=True)
    assert "Diese Datei wurde bereits importiert." in messages_of(response)
    assert Practice.objects.count() == 2

    # The upload page lists the import with its line count and a link to its page.
    recent = admin_client.get(UPLOAD_URL).content.decode().split("Letzte Importe", 1)[1]
    assert f'href="{reverse("practices_import:job", args=[job.pk])}"' in recent and "<td>2</td>" in recent


def test_preview_counts_updates_and_unchanged_lines(admin_client):
    admin_client.post(reverse("practices_import:job", args=[_job_for(admin_client, practice_record()).pk]))
    job = _job_for(admin_client, practice_record(), practice_record(id="PX-T-002"))
    html = admin_client.get(reverse("practices_import:job", args=[job.pk])).content.decode()
    assert '<th scope="row">Neu</th><td>1</td>' in html
    assert '<th scope="row">Unverändert</th><td>1</td>' in html

    job = _job_for(admin_client, practice_record(title="Neuer Titel"))
    html = admin_client.get(reverse("practices_import:job", args=[job.pk])).content.decode()
    assert '<th scope="row">Aktualisiert</th><td>1</td>' in html


def _job_for(client, *records) -> PracticeImportJob:
    response = upload(client, jsonl(*records))
    assert response.status_code == 302, response.content.decode()[:2000]
    return PracticeImportJob.objects.order_by("-pk").first()


def test_invalid_lines_are_listed_and_must_be_skipped_explicitly(admin_client):
    job = _job_for(admin_client, practice_record(id="PX-T-001"), practice_record(id="PX-T-002", themes=["wetter"]))
    url = reverse("practices_import:job", args=[job.pk])

    html = admin_client.get(url).content.decode()
    assert '<th scope="row">Ungültig</th><td>1</td>' in html
    assert "Zeile 2, Feld „themes“: unbekannter Begriff „wetter“" in html
    assert 'name="skip_invalid"' in html

    response = admin_client.post(url)
    assert response.status_code == 200
    assert "Die Datei enthält ungültige Zeilen." in response.content.decode()
    assert Practice.objects.count() == 0

    admin_client.post(url, {"skip_invalid": "on"})
    assert list(Practice.objects.values_list("external_id", flat=True)) == ["PX-T-001"]
    job.refresh_from_db()
    assert [line for line, _message in job.report["skipped"]] == [2]


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bild.jsonl", "Die Datei enthält Binärdaten"),
        (b"\x89PNG\r\n\x1a\n", "bild.png", "„bild.png“ ist keine JSON-Lines-Datei."),
        ("id;titel\nPX-1;Hitze\n".encode("cp1252"), "tabelle.jsonl", "keine JSON-Lines-Datei"),
        (
            '{"title": "Stra\xdfe"}\n'.encode("latin-1"),
            "alt.jsonl",
            "nicht UTF-8-kodiert (erstes ungültiges Zeichen in",
        ),
        (b"\n\n", "leer.jsonl", "Die Datei ist leer."),
    ],
    ids=["binary", "extension", "csv", "latin1", "empty"],
)
def test_upload_rejects_files_that_are_not_json_lines(admin_client, content, name, expected):
    response = upload(admin_client, content, name=name, is_demo="on")

    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert re.search(r'<input[^>]*name="is_demo"[^>]*checked', html), "the form keeps the editor's choices"
    assert PracticeImportJob.objects.count() == 0


def test_upload_rejects_files_over_the_size_limit(admin_client, monkeypatch):
    monkeypatch.setattr(admin_views, "MAX_UPLOAD_BYTES", 100)
    response = upload(admin_client, jsonl(practice_record()))
    assert "erlaubt sind höchstens 100\xa0Bytes." in response.content.decode()
    assert PracticeImportJob.objects.count() == 0


def test_large_files_are_imported_by_the_background_task(admin_client, monkeypatch):
    monkeypatch.setattr(admin_views, "BACKGROUND_THRESHOLD", 1)
    job = _job_for(admin_client, practice_record(id="PX-T-001"), practice_record(id="PX-T-002"))
    url = reverse("practices_import:job", args=[job.pk])
    assert "im Hintergrund" in admin_client.get(url).content.decode()

    response = admin_client.post(url, follow=True)

    job.refresh_from_db()
    assert job.task_id, "the import went through the task queue"
    assert job.status == PracticeImportJob.Status.SUCCEEDED
    assert Practice.objects.count() == 2
    assert "Der Import läuft im Hintergrund. Diese Seite zeigt den Stand." in messages_of(response)
    assert "2 neu, 0 aktualisiert, 0 unverändert, 0 übersprungen" in response.content.decode()


def test_a_queued_import_shows_its_status_and_refreshes(admin_client):
    job = _job_for(admin_client, practice_record())
    PracticeImportJob.objects.filter(pk=job.pk).update(status=PracticeImportJob.Status.QUEUED)

    html = admin_client.get(reverse("practices_import:job", args=[job.pk])).content.decode()

    assert "In der Warteschlange" in html
    assert '<meta http-equiv="refresh" content="5">' in html
    assert Practice.objects.count() == 0


def test_a_failed_import_shows_the_errors(admin_client):
    from krisenwissen.taxonomy.models import Theme

    job = _job_for(admin_client, practice_record())
    Theme.objects.filter(slug="krisenmanagement").delete()  # the file became invalid after the preview

    response = admin_client.post(reverse("practices_import:job", args=[job.pk]), follow=True)

    job.refresh_from_db()
    assert job.status == PracticeImportJob.Status.FAILED
    html = response.content.decode()
    assert "Import fehlgeschlagen – nichts wurde gespeichert" in html
    assert "Zeile 1, Feld „themes“: unbekannter Begriff „krisenmanagement“" in html
    assert Practice.objects.count() == 0


def test_users_who_cannot_add_practices_cannot_import(client):
    user = get_user_model().objects.create_user("leser", "l@example.org", "geheim-passwort-123", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = upload(client, jsonl(practice_record()))

    assert response.status_code == 302
    assert PracticeImportJob.objects.count() == 0
    assert client.get(UPLOAD_URL).status_code == 302


def test_the_practice_listing_links_to_the_import(admin_client):
    html = admin_client.get(reverse("wagtailsnippets_practices_practice:list")).content.decode()
    assert f'href="{UPLOAD_URL}"' in html
    assert "Importieren" in html


def test_confirming_an_expired_upload_asks_for_the_file_again(admin_client):
    job = _job_for(admin_client, practice_record())
    PracticeImportJob.objects.filter(pk=job.pk).update(content="")

    response = admin_client.post(reverse("practices_import:job", args=[job.pk]), follow=True)

    assert "Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch." in messages_of(response)
    assert Practice.objects.count() == 0
