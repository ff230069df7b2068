"""Each parser reads its format into CSL items, with the fix-ups real files need."""

import codecs
import json
import time

import pytest

from krisenwissen.literature.formats import LiteratureImportError, detect_format, parse, parse_bytes
from krisenwissen.literature.formats.common import MAX_FILE_BYTES, latex_to_text

from . import samples


def by_title(result, start):
    return next(r.item for r in result.records if r.item["title"].startswith(start))


def test_bibtex_fixes_latex_keeps_organisations_whole_and_expands_macros():
    result = parse(samples.BIBTEX, "bibtex")

    report = by_title(result, "Krisenstäbe")
    assert report["title"] == "Krisenstäbe in Kommunen & Landkreisen"
    assert report["type"] == "report"
    assert report["author"] == [
        {"family": "Müller", "given": "Hans"},
        {"literal": "Ministerie van Algemene Zaken"},
        {"family": "Doe", "given": "Jane"},
    ]
    assert report["publisher"] == "Bundesamt für Bevölkerungsschutz"
    assert report["issued"] == {"date-parts": [[2021, 3]]}
    assert "@ Zeile, die mit einem At-Zeichen beginnt. Ende" in report["abstract"]
    assert [r.line for r in result.records] == [4, 17]
    book = by_title(result, "Resilienz")
    assert book["editor"] == [{"family": "Schmidt", "given": "Erika"}]


def test_bibtex_concatenation_macros_and_damaged_entries():
    text = "\n".join(
        [
            '@string{ort = "Bonn"}',
            '@String(Amt = "Bundesamt f{\\"u}r " # ort)',
            "@article{a,",
            '  title = "Warnung " # {vor} # " Hitze",',
            "  publisher = amt # { (Referat 3)},",
            "  address = unbekannt,",
            "  url = {https://example.org/seite#abschnitt},",
            "  year = 2020, month = jan",
            "}",
            "@book(b, title = {Runde Klammern (auch im Titel)}, year = {2019})",
            "@misc{c title {Kaputt},",
            "  year = 2020}",
            "@misc{b, title = {Gleicher Schlüssel, trotzdem gelesen}}",
            "@misc{d, title = {Erster Titel}, title = {Zweiter Titel}}",
        ]
    )
    result = parse(text, "bibtex")

    article = by_title(result, "Warnung")
    assert article["title"] == "Warnung vor Hitze"
    assert article["publisher"] == "Bundesamt für Bonn (Referat 3)"
    assert article["publisher-place"] == "unbekannt"  # an undefined macro stays its name, as in BibTeX
    assert article["URL"] == "https://example.org/seite#abschnitt"
    assert article["issued"] == {"date-parts": [[2020, 1]]}
    assert by_title(result, "Runde")["type"] == "book"
    assert by_title(result, "Gleicher Schlüssel")["id"] == "b"  # a repeated key is read (and deduplicated later)
    assert by_title(result, "Erster")["title"] == "Erster Titel"
    assert [r.line for r in result.records] == [3, 10, 13, 14]
    assert [line for line, _reason in result.invalid] == [11]
    assert "fehlerhaft" in result.invalid[0][1]


def test_ris_reads_persons_organisations_pages_and_entities():
    result = parse(samples.RIS)

    assert result.format == "ris"
    report = by_title(result, "Krisenstäbe")
    assert report["title"] == "Krisenstäbe in Kommunen & Landkreisen"
    assert report["author"][1] == {"literal": "Ministerie van Algemene Zaken"}
    assert report["keyword"] == "Krisenstab, Kommune"
    article = by_title(result, "Hitzeschutz")
    assert (article["page"], article["volume"], article["issue"]) == ("10-19", "12", "3")
    assert [r.line for r in result.records] == [1, 13]


def test_csl_json_normalises_numbers_as_strings_and_reports_items_without_title():
    text = samples.CSL_JSON[:-1] + ', {"type": "book"}, 5]'
    result = parse(text)

    assert by_title(result, "Krisenstäbe")["issued"] == {"date-parts": [[2021, 3]]}
    assert by_title(result, "Krisenstäbe")["title"] == "Krisenstäbe in Kommunen & Landkreisen"
    assert [reason for _line, reason in result.invalid] == [
        "Der Eintrag hat keinen Titel.",
        "Der Eintrag ist kein JSON-Objekt.",
    ]


def test_zotero_and_citavi_csv_layouts():
    zotero = parse(samples.ZOTERO_CSV)
    report = by_title(zotero, "Krisenstäbe")
    assert report["author"] == [{"family": "Müller", "given": "Hans"}, {"literal": "Ministerie van Algemene Zaken"}]
    assert report["keyword"] == "Krisenstab, Kommune"
    assert by_title(zotero, "Hitzeschutz")["accessed"] == {"date-parts": [[2021, 1, 2]]}

    citavi = parse(samples.CITAVI_CSV, "csv")
    book = by_title(citavi, "Resilienz")
    assert book["type"] == "book" and book["ISBN"] == "978-3-16-148410-0"
    guide = by_title(citavi, "Leitfaden")
    assert guide["type"] == "report"
    assert guide["author"] == [{"literal": "Bundesamt für Bevölkerungsschutz"}]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + samples.RIS.encode("utf-8"), "Müller"),
        (samples.RIS.encode("cp1252"), "Müller"),
        (samples.RIS.encode("utf-16"), "Müller"),
    ],
)
def test_encodings(data, expected):
    result = parse_bytes(data)
    assert result.records[0].item["author"][0]["family"] == expected


def test_format_detection():
    assert detect_format(samples.BIBTEX) == "bibtex"
    assert detect_format(samples.RIS) == "ris"
    assert detect_format(samples.CSL_JSON) == "csl-json"
    assert detect_format(samples.ZOTERO_CSV) == "csv"


def test_latex_text_commands():
    assert latex_to_text(r"FAQ \textbar{} Stadt \textless{}K\textgreater{}") == "FAQ | Stadt <K>"


def test_latex_escapes():
    assert (
        latex_to_text(r"{\"O}sterreich \'{e}t\'e \ss{} \& 5\% {\c c}a --- Na\"ive")
        == "Österreich été ß & 5% ça — Naïve"
    )


# --- Bad input: a clear message, bounded time -----------------------------------------------------------


def test_truncated_files_are_refused():
    with pytest.raises(LiteratureImportError, match="abgeschnitten"):
        parse(samples.RIS.rsplit("ER  -", 1)[0])
    with pytest.raises(LiteratureImportError, match="abgeschnitten oder beschädigt"):
        parse(samples.CSL_JSON[: len(samples.CSL_JSON) // 2])
    with pytest.raises(LiteratureImportError, match="nie geschlossen"):
        parse(samples.BIBTEX[:-30], "bibtex")


def test_binary_and_oversized_files_are_refused():
    with pytest.raises(LiteratureImportError, match="Binärdaten"):
        parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    with pytest.raises(LiteratureImportError, match="zu groß"):
        parse_bytes(b" " * (MAX_FILE_BYTES + 1))


def test_bibtex_unbalanced_braces_name_the_line():
    text = "@article{a, title={Ok}}\n\n@article{b,\n  title = {Offen {ohne Ende},\n  year = 2020\n}\n"
    with pytest.raises(LiteratureImportError) as error:
        parse(text, "bibtex")
    assert "Zeile 3" in str(error.value)


def test_bibtex_macro_bomb_is_refused_quickly():
    lines = ['@string{a0 = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}']
    for level in range(1, 40):
        lines.append(f"@string{{a{level} = a{level - 1} # a{level - 1} # a{level - 1}}}")
    lines.append("@misc{bomb, title = a39}")
    started = time.monotonic()
    with pytest.raises(LiteratureImportError, match="@string-Makros"):
        parse("\n".join(lines), "bibtex")
    assert time.monotonic() - started < 5


def test_deeply_nested_csl_json_is_refused():
    with pytest.raises(LiteratureImportError, match="verschachtelt"):
        parse("[" * 10_000 + "]" * 10_000)
    nested = json.dumps([{"title": "x", "note": json.loads("[" * 50 + "]" * 50)}])
    result = parse(nested)
    assert result.invalid and "verschachtelt" in result.invalid[0][1]


def test_csv_formula_cells_make_their_row_invalid():
    text = samples.ZOTERO_CSV.replace('"Hitzeschutz in Städten"', '"=HYPERLINK(""http://evil"")"')
    result = parse(text)
    assert [r.item["title"] for r in result.records] == ["Krisenstäbe in Kommunen"]
    ((line, reason),) = result.invalid
    assert line == 3 and "formel" in reason


def test_empty_and_unknown_files():
    with pytest.raises(LiteratureImportError, match="leer"):
        parse("   \n")
    with pytest.raises(LiteratureImportError, match="nicht zu erkennen"):
        parse("just some prose")
