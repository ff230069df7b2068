"""Checks for files uploaded with a submission: type by content, size, and images re-encoded.

The file name and the browser's content type are chosen by the uploader and prove nothing, so
the type is read from the file's first bytes (``filetype``) and must match the file name's
extension. SVG and HTML have no magic number and are therefore never recognised, which is the
point: both can carry scripts. Images are decoded with Pillow and written anew as JPEG or PNG,
which drops metadata (location, camera serial numbers) and anything appended to the pixels.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from PIL import Image, UnidentifiedImageError

from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_IMAGES = 5
MAX_DOCUMENTS = 5
#: Longest side after re-encoding; larger images are scaled down.
MAX_IMAGE_SIDE = 2400
#: Refuse to decode anything larger (a "decompression bomb" is a tiny file with huge dimensions).
MAX_IMAGE_PIXELS = 40_000_000

IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
IMAGE_EXTENSIONS = {"jpg": "jpg", "jpeg": "jpg", "png": "png", "webp": "webp"}
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


class UploadRejected(Exception):
    """A file that may not be accepted; ``message`` is shown to the submitter."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class CheckedFile:
    filename: str
    content_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


def _read(upload, limit: int) -> bytes:
    if upload.size > limit:
        raise UploadRejected(
            _("„%(name)s“ ist zu groß (%(size)s MB); erlaubt sind höchstens %(limit)s MB.")
            % {"name": upload.name, "size": f"{upload.size / 1_048_576:.1f}", "limit": limit // 1_048_576}
        )
    data = upload.read(limit + 1)
    if len(data) > limit:  # the reported size can be wrong
        raise UploadRejected(_("„%(name)s“ ist zu groß.") % {"name": upload.name})
    if not data:
        raise UploadRejected(_("„%(name)s“ ist leer.") % {"name": upload.name})
    return data


def _stem(name: str) -> str:
    stem = get_valid_filename(PurePath(name).stem)[:80]
    return stem or "datei"


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def check_image(upload) -> CheckedFile:
    """Accept a JPEG, PNG or WebP image and return it re-encoded (JPEG, or PNG with transparency)."""
    data = _read(upload, MAX_IMAGE_BYTES)
    kind = filetype.guess(data)
    declared = IMAGE_EXTENSIONS.get(_extension(upload.name))
    if kind is None or kind.extension not in IMAGE_TYPES:
        raise UploadRejected(
            _("„%(name)s“ ist kein Bild im Format JPEG, PNG oder WebP. Andere Formate (z. B. SVG) sind nicht erlaubt.")
            % {"name": upload.name}
        )
    if declared != kind.extension:
        raise UploadRejected(
            _("Dateiendung und Inhalt von „%(name)s“ passen nicht zusammen (Inhalt: %(kind)s).")
            % {"name": upload.name, "kind": kind.extension.upper()}
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise UploadRejected(_("„%(name)s“ hat zu viele Bildpunkte.") % {"name": upload.name})
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            # JPEG can decode at 1/2, 1/4, 1/8 scale straight away: far faster for camera photos.
            image.draft("RGB", (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            image.load()
            image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
            out = io.BytesIO()
            if has_alpha:
                image.convert("RGBA").save(out, format="PNG", optimize=True)
                extension, content_type = "png", "image/png"
            else:
                image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
                extension, content_type = "jpg", "image/jpeg"
    except UploadRejected:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UploadRejected(
            _("„%(name)s“ lässt sich nicht als Bild lesen; die Datei ist vielleicht beschädigt.")
            % {"name": upload.name}
        ) from exc
    return CheckedFile(filename=f"{_stem(upload.name)}.{extension}", content_type=content_type, content=out.getvalue())


def check_document(upload) -> CheckedFile:
    """Accept a PDF or an Office/OpenDocument file whose content matches its extension."""
    data = _read(upload, MAX_DOCUMENT_BYTES)
    kind = filetype.guess(data)
    allowed = ", ".join(ext.upper() for ext in DOCUMENT_TYPES)
    if kind is None or kind.extension not in DOCUMENT_TYPES:
        raise UploadRejected(
            _("„%(name)s“ ist kein erlaubtes Dokument. Erlaubt sind: %(allowed)s.")
            % {"name": upload.name, "allowed": allowed}
        )
    if _extension(upload.name) != kind.extension:
        raise UploadRejected(
            _("Dateiendung und Inhalt von „%(name)s“ passen nicht zusammen (Inhalt: %(kind)s).")
            % {"name": upload.name, "kind": kind.extension.upper()}
        )
    return CheckedFile(
        filename=f"{_stem(upload.name)}.{kind.extension}", content_type=DOCUMENT_TYPES[kind.extension], content=data
    )
