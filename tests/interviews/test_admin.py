"""Editors add interviews in the CMS: files uploaded in the form, captions checked, chapters inline."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from krisenwissen.interviews.models import Interview
from krisenwissen.taxonomy.models import Theme
from krisenwissen.taxonomy.services import load_taxonomy

pytestmark = pytest.mark.django_db
ADD = "wagtailsnippets_interviews_interview:add"


@pytest.fixture
def editor(client):
    load_taxonomy()
    user = get_user_model().objects.create_user("redakteurin", "r@example.org", "geheim-passwort-123")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def form(captions=b"WEBVTT\n\n00:00.000 --> 00:01.000\nHallo\n", **overrides):
    data = nested_form_data(
        {
            "title": "Warnen ohne Sirene",
            "summary": "Ein Gespräch über Warnung.",
            "interviewee_name": "Erika Muster",
            "interviewee_role": "Pressesprecherin",
            "interviewee_organisation": "Kreis Nordheide",
            "interviewer": "",
            "language": "de",
            "recorded_on": "",
            "duration_seconds": "90",
            "transcript": "Redaktion: Frage?\n\nErika Muster: Antwort.",
            "chapters": inline_formset(
                [{"start": "0:00", "title": "Einstieg"}, {"start": "1:10", "title": "Warn-App"}]
            ),
            "slug": "",
            **overrides,
        }
    )
    data["themes"] = [str(Theme.objects.get(slug="krisenkommunikation").pk)]
    data["media_file"] = SimpleUploadedFile("gespraech.mp3", b"ID3" + b"\x00" * 100, content_type="audio/mpeg")
    data["captions_file"] = SimpleUploadedFile("gespraech.vtt", captions, content_type="text/vtt")
    return data


def test_editor_publishes_an_interview_with_files_and_chapters(client, editor):
    response = client.post(reverse(ADD), form(**{"action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    interview = Interview.objects.get()
    assert interview.live
    assert [c.title for c in interview.chapters.all()] == ["Einstieg", "Warn-App"]
    assert interview.media_file.name.startswith("interviews/media/gespraech")
    assert client.get(interview.get_absolute_url()).status_code == 200


def test_wrong_caption_format_is_explained_and_input_kept(client, editor):
    response = client.post(reverse(ADD), form(captions=b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Die Untertitel müssen im Format WebVTT vorliegen" in page
    assert 'value="Warnen ohne Sirene"' in page
    assert not Interview.objects.exists()


def test_chapter_time_must_be_a_time(client, editor):
    data = form()
    data["chapters-1-start"] = "7 Minuten"
    response = client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "Bitte als Minuten:Sekunden" in response.content.decode()
    assert not Interview.objects.exists()
