"""Demo publications for ``manage.py bootstrap``: fictitious, flagged ``is_demo`` and labelled "Demo".

One of them carries a small generated PDF as a Wagtail document, so the download path is
exercised on a fresh installation. Idempotent: identified by slug, created only when missing.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.documents import get_document_model

from krisenwissen.taxonomy.models import Lever, Theme

from .models import Publication, PublicationKind

PUBLICATIONS = [
    {
        "slug": "demo-lernen-aus-krisen",
        "title": "Lernen aus Krisen: Wie Kommunen ihre Erfahrungen auswerten (Demo)",
        "authors": "Muster, Anna; Beispiel, Ben",
        "year": 2025,
        "kind": PublicationKind.REPORT,
        "abstract": (
            "Fiktiver Bericht: fasst zusammen, wie Kommunen Krisen nachbereiten, woran Auswertungen scheitern "
            "und welche einfachen Verfahren helfen. Dieser Eintrag ist ein Demo-Inhalt."
        ),
        "pdf": True,
        "url": "",
        "themes": ["krisenmanagement"],
        "levers": [7],
    },
    {
        "slug": "demo-sieben-stellschrauben",
        "title": "Sieben Stellschrauben kommunaler Resilienz (Demo)",
        "authors": "Beispiel, Ben; Probe, Clara",
        "year": 2024,
        "kind": PublicationKind.ARTICLE,
        "abstract": "Fiktiver Fachartikel: stellt die sieben Stellschrauben vor. Dieser Eintrag ist ein Demo-Inhalt.",
        "citation": "Demo-Zeitschrift für Verwaltung 7 (2), S. 10–18",
        "pdf": False,
        "url": "https://example.org/artikel",
        "themes": ["krisenmanagement", "vulnerable-gruppen"],
        "levers": [1, 2, 3, 4, 5, 6, 7],
    },
    {
        "slug": "demo-handreichung-krisenkommunikation",
        "title": "Handreichung Krisenkommunikation für kleine Kommunen (Demo)",
        "authors": "Probe, Clara",
        "year": 2023,
        "kind": PublicationKind.GUIDE,
        "abstract": "Fiktive Handreichung: Checklisten für die ersten 24 Stunden. Dieser Eintrag ist ein Demo-Inhalt.",
        "pdf": False,
        "url": "https://example.org/handreichung",
        "themes": ["krisenkommunikation"],
        "levers": [2, 6],
    },
]


def demo_pdf(title: str) -> bytes:
    """A minimal one-page PDF saying that the publication is demo content."""
    text = f"Demo-Inhalt: {title}".encode("latin-1", "replace")[:90].replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 12 Tf 50 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@transaction.atomic
def load() -> str:
    known = set(Publication.objects.values_list("slug", flat=True))
    created = 0
    document_model = get_document_model()
    for data in PUBLICATIONS:
        if data["slug"] in known:
            continue
        document = None
        if data["pdf"]:
            document = document_model(title=f"{data['title']} (PDF)")
            document.file.save(f"{data['slug']}.pdf", ContentFile(demo_pdf(data["title"])), save=False)
            document.save()
        publication = Publication(
            slug=data["slug"],
            title=data["title"],
            authors=data["authors"],
            year=data["year"],
            kind=data["kind"],
            abstract=data["abstract"],
            citation=data.get("citation", ""),
            document=document,
            url=data["url"],
            licence="CC BY 4.0",
            is_demo=True,
        )
        publication.themes = list(Theme.objects.filter(slug__in=data["themes"]))
        publication.levers = list(Lever.objects.filter(number__in=data["levers"]))
        publication.save()
        publication.save_revision().publish()
        created += 1
    return f"{created} neue Demo-Publikationen ({len(PUBLICATIONS)} insgesamt)"
