"""The self-assessment report as PDF and DOCX for a Verwaltungsvorstand (see ``reflection.reports``)."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from krisenwissen.reflection.reports import (
    DOCX_TYPE,
    PDF_TYPE,
    add_table,
    download,
    filename,
    new_document,
    render_pdf,
    save_docx,
)

from .services import fmt


def _title(data) -> str:
    assessment = data["assessment"]
    return assessment.title or _("Selbstcheck vom %(date)s") % {"date": date_format(assessment.date, "j. F Y")}


def assessment_pdf(data: dict):
    content = render_pdf("assessment/report_assessment.html", {**data, "report_title": _title(data)})
    return download(
        content, PDF_TYPE, filename("selbstcheck", data["workspace"].place.name, data["assessment"].date, "pdf")
    )


def assessment_docx_bytes(data: dict) -> bytes:
    assessment = data["assessment"]
    document = new_document(
        _title(data),
        data["workspace"],
        _("Selbstcheck entlang der sieben Stellschrauben kommunaler Krisenfestigkeit, Stichtag %(date)s")
        % {"date": date_format(assessment.date, "j. F Y")},
        data["generated"],
    )
    document.add_heading(_("Ergebnis je Stellschraube"), level=1)
    header = [_("Stellschraube"), _("Wert (0–5)")]
    if data["has_previous"]:
        header.append(_("Vorheriger Selbstcheck"))
    if data["peers"].available:
        header.append(_("Vergleich: Median (1.–3. Quartil)"))
    rows = []
    for item in data["items"]:
        row = [f"{item.lever.number}. {item.lever.short_name}", fmt(item.score)]
        if data["has_previous"]:
            row.append(fmt(item.previous))
        if data["peers"].available:
            row.append(
                f"{fmt(item.peer['median'])} ({fmt(item.peer['q1'])}–{fmt(item.peer['q3'])})" if item.peer else "–"
            )
        rows.append(row)
    add_table(document, header, rows)
    if not data["peers"].available:
        document.add_paragraph(
            _("Ein Vergleich mit anderen Kommunen ist erst möglich, wenn mindestens %(n)s Kommunen teilnehmen.")
            % {"n": data["min_peers"]}
        )
    document.add_heading(_("Stärken"), level=1)
    for item in data["strongest"]:
        document.add_paragraph(f"{item.lever.number}. {item.lever.name} ({fmt(item.score)})", style="List Bullet")
    document.add_heading(_("Schwächste Stellschrauben und Empfehlungen"), level=1)
    for block in data["recommendations"]:
        item = block["lever"]
        document.add_heading(f"{item.lever.number}. {item.lever.name} ({fmt(item.score)})", level=2)
        for rec in block["practices"] + block["literature"]:
            kind = pgettext("recommendation kind", "Praxisbeispiel") if rec.kind == "practice" else _("Literatur")
            document.add_paragraph(f"{kind}: {rec.title} – {rec.reason}", style="List Bullet")
        if not block["practices"] and not block["literature"]:
            document.add_paragraph(_("Noch keine passenden Praxisbeispiele auf der Plattform."))
    document.add_heading(_("Einzelbewertungen"), level=1)
    for item in data["items"]:
        document.add_heading(f"{item.lever.number}. {item.lever.short_name}", level=2)
        add_table(
            document,
            [_("Indikator"), _("Stufe"), _("Kommentar")],
            [[f"{s.indicator.code} {s.indicator.title}", str(s.value), s.comment or "–"] for s in item.indicators],
        )
    return save_docx(document)


def assessment_docx(data: dict):
    name = filename("selbstcheck", data["workspace"].place.name, data["assessment"].date, "docx")
    return download(assessment_docx_bytes(data), DOCX_TYPE, name)
