"""Reports for a Verwaltungsvorstand or council committee: PDF (WeasyPrint) and DOCX (python-docx).

Both formats come from the same data. The PDF is an HTML template rendered by WeasyPrint with its
own print stylesheet; WeasyPrint may not fetch anything (no file, no network): the fetcher only
allows ``data:`` URLs, so text typed into a card can never make the server load a resource. The
DOCX is built with python-docx in plain Word styles (Title, Heading 1/2, Table Grid) so the office
can adapt it to its own letterhead.
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from krisenwissen.places.names import german_slugify

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _no_fetch(url, *args, **kwargs):
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url)
    raise ValueError(f"reports do not load external resources ({url[:40]})")


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=_no_fetch, base_url="about:blank").write_pdf()


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def filename(kind: str, title: str, date, extension: str) -> str:
    return f"{kind}-{german_slugify(title)[:60] or 'bericht'}-{date.isoformat()}.{extension}"


# --- DOCX helpers -------------------------------------------------------------------------------


def new_document(title: str, workspace, subtitle: str, date):
    """A document opening with the municipality, the title and the date of the report."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    document.core_properties.title = title
    document.core_properties.author = workspace.name
    document.add_paragraph(f"{workspace.place.name} – {workspace.name}")
    document.add_heading(title, level=0)
    document.add_paragraph(subtitle)
    document.add_paragraph(_("Stand: %(date)s") % {"date": date_format(date, "j. F Y")})
    return document


def add_table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = str(text)
    return table


def save_docx(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Reflection report --------------------------------------------------------------------------


def reflection_pdf(request, data: dict) -> HttpResponse:
    content = render_pdf("reflection/report_reflection.html", data)
    name = filename("reflexion", data["reflection"].title, data["generated"], "pdf")
    return download(content, PDF_TYPE, name)


def _levers(obj) -> str:
    return ", ".join(f"{lever.number}. {lever.short_name}" for lever in obj.levers.all())


def reflection_docx_bytes(data: dict) -> bytes:
    reflection, workspace = data["reflection"], data["workspace"]
    period = date_format(reflection.period_start, "j. F Y")
    if reflection.period_end:
        period += " – " + date_format(reflection.period_end, "j. F Y")
    document = new_document(
        _("Nachbereitung: %(title)s") % {"title": reflection.title},
        workspace,
        _("Krisenart: %(type)s · Zeitraum: %(period)s") % {"type": reflection.crisis_type.name, "period": period},
        data["generated"],
    )
    document.add_heading(_("Zusammenfassung"), level=1)
    measures = data["measures"]
    document.add_paragraph(
        _(
            "%(cards)s Beiträge auf %(boards)s Tafeln, %(ideas)s Ideen, %(measures)s Maßnahmen, "
            "davon %(overdue)s überfällig."
        )
        % {
            "cards": sum(b["card_count"] for b in data["boards"]),
            "boards": len(data["boards"]),
            "ideas": len(data["ideas"]),
            "measures": len(measures),
            "overdue": data["overdue_count"],
        }
    )
    document.add_heading(_("Aktionsplan"), level=1)
    if measures:
        add_table(
            document,
            [_("Maßnahme"), _("Verantwortlich"), _("Fällig"), _("Stand"), _("Priorität")],
            [
                [
                    m.title,
                    m.owner,
                    (date_format(m.due_date, "d.m.Y") if m.due_date else "–")
                    + (" " + _("(überfällig)") if m.overdue else ""),
                    m.get_status_display(),
                    m.quadrant_label,
                ]
                for m in measures
            ],
        )
    else:
        document.add_paragraph(_("Noch keine Maßnahmen."))
    document.add_heading(_("Ideen"), level=1)
    for idea in data["ideas"]:
        document.add_heading(idea.title, level=2)
        if idea.description:
            document.add_paragraph(idea.description)
        if idea.levers.all():
            document.add_paragraph(_("Stellschrauben: %(levers)s") % {"levers": _levers(idea)})
    if not data["ideas"]:
        document.add_paragraph(_("Noch keine Ideen."))
    document.add_heading(_("Nachbereitung auf den Tafeln"), level=1)
    # Looked up once: python-docx searches the style list by name on every paragraph otherwise.
    bullet, heading_3 = document.styles["List Bullet"], document.styles["Heading 3"]
    for board in data["boards"]:
        document.add_heading(board["board"].title, level=2)
        for column in board["columns"]:
            document.add_paragraph(column["label"], style=heading_3)
            if not column["cards"]:
                document.add_paragraph(_("Keine Beiträge."))
            for card in column["cards"]:
                meta = card.report_meta
                document.add_paragraph(card.text + (f" ({meta})" if meta else ""), style=bullet)
    return save_docx(document)


def reflection_docx(data: dict) -> HttpResponse:
    name = filename("reflexion", data["reflection"].title, data["generated"], "docx")
    return download(reflection_docx_bytes(data), DOCX_TYPE, name)
