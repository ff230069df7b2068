"""Interviews: list and theme filter, the player with captions and chapters, transcript, files, search, API."""

import json
from pathlib import Path

import pytest

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from krisenwissen.interviews import demo_content
from krisenwissen.interviews.models import (
    Interview,
    format_timestamp,
    parse_timestamp,
    parse_transcript,
    validate_webvtt,
)
from krisenwissen.search.engine import reset_index
from tests.factories import ThemeFactory

from .factories import AUDIO, InterviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_search_index():
    reset_index()
    yield
    reset_index()


def test_timestamps_parse_and_format():
    assert parse_timestamp("4:05") == 245
    assert parse_timestamp("1:02:03") == 3723
    assert parse_timestamp("0:59") == 59
    assert parse_timestamp("4:65") is None
    assert parse_timestamp("vier Minuten") is None
    assert format_timestamp(65) == "1:05"
    assert format_timestamp(3723) == "1:02:03"


def test_transcript_paragraphs_name_their_speakers():
    paragraphs = parse_transcript("Redaktion: Frage?\n\nAntwort ohne Namen.\r\n\r\nErika Muster: Zwei\nZeilen.")
    assert [(p.speaker, p.text) for p in paragraphs] == [
        ("Redaktion", "Frage?"),
        ("", "Antwort ohne Namen."),
        ("Erika Muster", "Zwei\nZeilen."),
    ]


def test_caption_file_must_be_webvtt():
    validate_webvtt(ContentFile(b"WEBVTT\n\n", name="ok.vtt"))
    with pytest.raises(ValidationError, match="WebVTT"):
        validate_webvtt(ContentFile(b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n", name="falsch.vtt"))


def test_media_extension_is_validated():
    interview = InterviewFactory.build(media_file=ContentFile(b"x", name="film.exe"))
    with pytest.raises(ValidationError) as error:
        interview.full_clean(exclude=["slug", "themes"])
    assert "media_file" in error.value.message_dict


def test_list_shows_published_interviews_and_filters_by_theme(client):
    ThemeFactory(slug="krisenkommunikation", name_de="Krisenkommunikation")
    InterviewFactory(title="Warnen ohne Sirene", themes=["krisenkommunikation"], is_demo=True)
    InterviewFactory(title="Stabsarbeit im Landkreis", themes=["krisenmanagement"])
    InterviewFactory(title="Entwurf", live=False)

    page = client.get("/interviews/").content.decode()
    assert "Warnen ohne Sirene" in page and "Stabsarbeit im Landkreis" in page
    assert "Entwurf" not in page
    assert "demo-notice" in page

    filtered = client.get("/interviews/", {"themes": "krisenkommunikation"}).content.decode()
    assert "Warnen ohne Sirene" in filtered
    assert "Stabsarbeit im Landkreis" not in filtered
    assert 'value="krisenkommunikation" checked' in filtered


def test_unknown_theme_is_a_notice_not_an_error(client):
    InterviewFactory(title="Warnen ohne Sirene")
    response = client.get("/interviews/", {"themes": "gibt-es-nicht"})
    assert response.status_code == 200
    assert "Das Thema „gibt-es-nicht“ ist unbekannt" in response.content.decode()


def test_detail_has_native_player_with_captions_chapters_and_transcript(client):
    interview = InterviewFactory(
        title="Warnen ohne Sirene",
        interviewee_role="Pressesprecherin",
        interviewee_organisation="Kreis Nordheide",
        chapters=[("2:05", "Die Warn-App"), ("0:00", "Einstieg")],
    )
    page = client.get(interview.get_absolute_url()).content.decode()

    assert "<video" in page and " controls" in page
    media = f"/interviews/{interview.slug}/datei/medium/"
    captions = f"/interviews/{interview.slug}/datei/untertitel/"
    assert f'<source src="{media}" type="audio/mpeg">' in page
    assert f'<track kind="captions" src="{captions}" srclang="de"' in page
    # Chapters in time order; without JavaScript the link opens the file at that time.
    assert page.index("Einstieg") < page.index("Die Warn-App")
    assert f'href="{media}#t=125" data-seek="125"' in page
    assert '<time class="interview-chapters__time" datetime="PT125S">2:05</time>' in page
    # Role, organisation and the full transcript are on the page itself.
    assert "Pressesprecherin" in page and "Kreis Nordheide" in page
    assert "Mit einem Anruf um drei Uhr nachts." in page
    assert "js/interviews.js" in page
    assert "http://" not in page.split("<main", 1)[1].split("</main>", 1)[0].replace('href="http://testserver', "")


def test_unpublished_interview_is_not_found(client):
    interview = InterviewFactory(live=False)
    assert client.get(f"/interviews/{interview.slug}/").status_code == 404
    assert client.get(f"/interviews/{interview.slug}/datei/medium/").status_code == 404


def test_media_file_is_served_whole_and_in_ranges(client):
    interview = InterviewFactory()
    url = f"/interviews/{interview.slug}/datei/medium/"

    whole = client.get(url)
    assert whole.status_code == 200
    assert whole["Content-Type"] == "audio/mpeg"
    assert whole["Accept-Ranges"] == "bytes"
    assert b"".join(whole.streaming_content) == AUDIO

    part = client.get(url, HTTP_RANGE="bytes=256-511")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 256-511/{len(AUDIO)}"
    assert b"".join(part.streaming_content) == AUDIO[256:512]

    tail = client.get(url, HTTP_RANGE="bytes=-10")
    assert b"".join(tail.streaming_content) == AUDIO[-10:]

    beyond = client.get(url, HTTP_RANGE=f"bytes={len(AUDIO) + 5}-")
    assert beyond.status_code == 416


def test_captions_are_served_as_webvtt(client):
    interview = InterviewFactory()
    response = client.get(f"/interviews/{interview.slug}/datei/untertitel/")
    assert response["Content-Type"].startswith("text/vtt")
    assert b"".join(response.streaming_content).startswith(b"WEBVTT")
    assert client.get(f"/interviews/{interview.slug}/datei/anderes/").status_code == 404


def test_transcript_download(client):
    interview = InterviewFactory(title="Warnen ohne Sirene")
    response = client.get(f"/interviews/{interview.slug}/transkript.txt")
    text = response.content.decode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert text.startswith("Warnen ohne Sirene\nErika Muster (Leiterin Ordnungsamt, Stadt Beispielhausen)")
    assert "Mit einem Anruf um drei Uhr nachts." in text


def test_words_only_in_the_transcript_are_found_by_the_search(client, settings):
    InterviewFactory(
        title="Stabsarbeit",
        transcript="Erika Muster: Wir haben den Notstromaggregat-Plan zweimal im Jahr geprobt.",
    )
    data = client.get("/api/v1/search", {"q": "Notstromaggregat", "type": "interview"}).json()
    assert data["count"] == 1
    assert data["results"][0]["title"] == "Stabsarbeit"
    assert data["results"][0]["type"] == "interview"


def test_api_list_and_detail(client):
    ThemeFactory(slug="krisenkommunikation")
    interview = InterviewFactory(
        title="Warnen ohne Sirene", themes=["krisenkommunikation"], chapters=[("1:00", "Teil")]
    )
    InterviewFactory(title="Entwurf", live=False)

    listing = client.get("/api/v1/interviews").json()
    assert listing["count"] == 1
    assert listing["results"][0]["themes"] == ["krisenkommunikation"]
    assert client.get("/api/v1/interviews", {"themes": "andere"}).json()["count"] == 0

    detail = client.get(f"/api/v1/interviews/{interview.slug}").json()
    assert detail["media_url"] == f"http://testserver/interviews/{interview.slug}/datei/medium/"
    assert detail["captions_url"].endswith("/datei/untertitel/")
    assert detail["chapters"] == [{"start": "1:00", "seconds": 60, "title": "Teil"}]
    assert "drei Uhr nachts" in detail["transcript"]
    assert client.get("/api/v1/interviews/gibt-es-nicht").status_code == 404


def test_demo_interview_ships_small_real_media_with_matching_captions(client):
    data_dir = Path(demo_content.DATA_DIR)
    audio = (data_dir / "demo-interview.mp3").read_bytes()
    assert 10_000 < len(audio) < 1_000_000
    assert audio[:3] == b"ID3" or audio[0] == 0xFF  # an MP3 frame or ID3 header
    cues = json.loads((data_dir / "demo-interview-cues.json").read_text())
    vtt = (data_dir / "demo-interview.vtt").read_text()
    assert vtt.startswith("WEBVTT")
    assert all(cue["text"] in vtt for cue in cues["cues"])

    ThemeFactory(slug="krisenmanagement")
    summary = demo_content.load()
    assert "Demo-Interview" in summary
    assert demo_content.load() == "Demo-Interview bereits vorhanden"
    interview = Interview.objects.get()
    assert interview.is_demo and interview.live
    assert interview.chapters.count() == 4
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Dieses Interview ist fiktiv" in page
    assert "Willkommen zu diesem Demo-Interview." in page
    served = client.get(f"/interviews/{interview.slug}/datei/medium/")
    assert b"".join(served.streaming_content) == audio
