"""Uploads are checked by content, limited in size and (images) re-encoded; SVG and HTML never pass."""

import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from krisenwissen.contributions import uploads
from krisenwissen.contributions.models import SubmissionFile
from krisenwissen.practices.models import Practice

pytestmark = pytest.mark.django_db

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def jpeg_with_exif(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Geheime Kamera GmbH"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def minimal_pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_image_is_re_encoded_without_metadata():
    original = jpeg_with_exif()
    assert b"Geheime Kamera" in original
    checked = uploads.check_image(upload("foto.jpeg", original, "image/jpeg"))
    assert checked.content_type == "image/jpeg"
    assert checked.filename == "foto.jpg"
    assert b"Geheime Kamera" not in checked.content
    assert Image.open(io.BytesIO(checked.content)).size == (64, 48)


@pytest.mark.parametrize(
    ("name", "content"),
    [("bild.png", SVG), ("bild.svg", SVG), ("bild.jpg", HTML), ("seite.html", HTML), ("leer.png", b"")],
)
def test_disguised_svg_and_html_are_refused_as_images(name, content):
    with pytest.raises(uploads.UploadRejected):
        uploads.check_image(upload(name, content, "image/png"))


@pytest.mark.parametrize(
    ("name", "content"), [("bericht.pdf", HTML), ("bericht.pdf", SVG), ("plan.docx", b"PK\x03\x04x")]
)
def test_disguised_documents_are_refused(name, content):
    with pytest.raises(uploads.UploadRejected):
        uploads.check_document(upload(name, content, "application/pdf"))


def test_extension_must_match_the_content():
    with pytest.raises(uploads.UploadRejected, match="passen nicht zusammen"):
        uploads.check_image(upload("foto.png", jpeg_with_exif(), "image/png"))
    with pytest.raises(uploads.UploadRejected, match="passen nicht zusammen"):
        uploads.check_document(upload("bericht.docx", minimal_pdf()))


def test_pdf_is_accepted():
    checked = uploads.check_document(upload("Ablaufplan 2023.pdf", minimal_pdf()))
    assert checked.content_type == "application/pdf"
    assert checked.filename == "Ablaufplan_2023.pdf"


def test_oversized_files_are_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_DOCUMENT_BYTES", 1024)
    with pytest.raises(uploads.UploadRejected, match="zu groß"):
        uploads.check_document(upload("gross.pdf", minimal_pdf() + b"0" * 2000))


def test_form_step_rejects_a_disguised_svg_and_keeps_the_alt_text(journey):
    journey.start()
    response = journey.post(
        "dateien",
        {"image": upload("harmlos.png", SVG, "image/png"), "alt_text": "Ein Telefon", "credit": "Stadt Köln"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "ist kein Bild im Format JPEG, PNG oder WebP" in body
    assert 'value="Ein Telefon"' in body
    assert "erneut auswählen" in body
    assert not SubmissionFile.objects.exists()


def test_form_step_rejects_an_oversized_image(journey, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_BYTES", 1000)
    journey.start()
    response = journey.post("dateien", {"image": upload("gross.jpg", jpeg_with_exif((400, 400))), "alt_text": "Groß"})
    assert response.status_code == 400
    assert "zu groß" in response.content.decode()
    assert not SubmissionFile.objects.exists()


def test_image_without_description_is_refused(journey):
    journey.start()
    response = journey.post("dateien", {"image": upload("foto.jpg", jpeg_with_exif()), "alt_text": ""})
    assert response.status_code == 400
    assert "Bitte beschreiben Sie, was auf dem Bild zu sehen ist." in response.content.decode()


def test_accepted_files_reach_the_practice_but_stay_private_until_publication(journey, client):
    journey.fill_all()
    response = journey.post(
        "dateien",
        {
            "image": upload("foto.jpg", jpeg_with_exif()),
            "alt_text": "Zwei Ehrenamtliche am Telefon",
            "credit": "Stadt Köln",
            "document": upload("ablauf.pdf", minimal_pdf()),
            "document_title": "Ablaufplan",
        },
    )
    assert response.status_code == 302
    assert SubmissionFile.objects.count() == 2
    journey.send()
    journey.confirm()
    practice = Practice.objects.get()
    image_link = practice.images.get()
    attachment = practice.attachments.get()
    assert image_link.alt_text == "Zwei Ehrenamtliche am Telefon"
    assert attachment.title == "Ablaufplan"
    # The document sits in a login-only collection: the public download is refused.
    assert client.get(attachment.document.url).status_code in (302, 403)
