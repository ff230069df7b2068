"""Survey results: the result tables, charts and tables on the page, filters, CSV downloads and API."""

import csv
import io

import pytest

from krisenwissen.surveys import demo_content
from krisenwissen.surveys.models import Survey, SurveyQuestion
from krisenwissen.surveys.tables import TableError, neutralise, parse_table, write_csv

TABLE = (
    "Gruppe;n;Ja;Nein\n"
    "Gesamt;100;60;40\n"
    "Größenklasse: Großstadt;40;75;25\n"
    "Größenklasse: mittelstadt;60;50;50\n"
    "Land: NRW;30;70;30\n"
)


def make_survey(questions=None, **fields):
    values = {
        "title": "Testbefragung",
        "wave": 1,
        "population": "Städte über 50.000 Einwohner",
        "population_size": 191,
        "responses": 101,
        "response_rate": "52.0",
        "participation_is_real": True,
        "summary": "Kurz.",
        "live": True,
        **fields,
    }
    survey = Survey(**values)
    survey.questions = [
        SurveyQuestion(text=text, table=table, unit=unit, is_demo=True)
        for text, table, unit in (questions or [("Stab einberufen?", TABLE, "percent")])
    ]
    survey.save()
    return survey


def test_table_reads_groups_in_a_fixed_order():
    table = parse_table(TABLE)
    assert table.answers == ["Ja", "Nein"]
    assert [(row.kind, row.value) for row in table.rows] == [
        ("total", ""),
        ("size_class", "grossstadt"),
        ("size_class", "mittelstadt"),
        ("land", "Nordrhein-Westfalen"),
    ]
    assert table.total.base == 100
    assert table.row("land", "Nordrhein-Westfalen").values == (70.0, 30.0)


def test_table_accepts_tabs_and_decimal_commas():
    table = parse_table("Gruppe\tn\tJa\tNein\nGesamt\t10\t33,3\t66,7\n")
    assert table.total.values == (33.3, 66.7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Gruppe;n;Ja\n", "mindestens die Zeile „Gesamt“"),
        ("Gruppe;n;Ja;Nein\nGesamt;10;5\n", "Zeile 2: 3 Spalten statt 4"),
        ("Gruppe;n;Ja;Nein\nGesamt;10;5;x\n", "Zeile 2: Jeder Wert muss eine Zahl"),
        ("Gruppe;n;Ja;Nein\nGesamt;10;120;0\n", "Zeile 2: Ein Prozentwert ist größer als 100."),
        (
            "Gruppe;n;Ja;Nein\nGesamt;10;5;5\nLand: Atlantis;3;1;2\n",
            "Zeile 3: „Land: Atlantis“ ist keine bekannte Gruppe",
        ),
        ("Gruppe;n;Ja;Nein\nLand: Bayern;3;1;2\n", "Die Zeile „Gesamt“ fehlt."),
        ("Gruppe;n;Ja;Nein\nGesamt;10;5;5\nGesamt;10;5;5\n", "Zeile 3: Die Gruppe „Gesamt“ steht doppelt"),
    ],
)
def test_table_errors_name_the_line(text, message):
    with pytest.raises(TableError) as error:
        parse_table(text)
    assert any(message in m for m in error.value.messages), error.value.messages


def test_counts_may_not_exceed_the_base():
    with pytest.raises(TableError, match="größer als n"):
        parse_table("Gruppe;n;Ja;Nein\nGesamt;10;11;0\n", percent=False)


@pytest.mark.django_db
def test_question_validation_reports_table_errors():
    question = SurveyQuestion(text="Frage", table="Gruppe;n;Ja\nLand: Atlantis;1;1", unit="percent")
    with pytest.raises(Exception) as error:
        question.full_clean(exclude=["survey"])
    assert "Atlantis" in str(error.value)


def test_csv_cells_cannot_become_formulas():
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("+1") == "'+1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("Ja") == "Ja"
    assert neutralise(12) == 12
    text = write_csv([["=cmd|' /C calc'!A0", 1]])
    assert "'=cmd" in text


@pytest.mark.django_db
def test_list_shows_real_participation_figures_of_the_seed(client):
    demo_content.load()
    assert demo_content.load().startswith("0 Befragungswellen")
    page = client.get("/befragungen/").content.decode()
    assert "Städte mit mehr als 50.000 Einwohnern" in page
    assert '<td class="numeric">101</td>' in page and '<td class="numeric">191</td>' in page
    assert "52 %" in page
    assert '<td class="numeric">197</td>' in page and '<td class="numeric">634</td>' in page
    assert "31,1 %" in page
    assert page.count('<span class="badge badge--real">echt</span>') == 2
    assert "demo-notice" in page


@pytest.mark.django_db
def test_detail_marks_answers_as_demo_and_participation_as_real(client):
    demo_content.load()
    survey = Survey.objects.get(wave=1)
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "Echt sind nur die Teilnahmezahlen dieser Welle" in page
    assert "echte Zahlen" in page
    assert page.count("Demo-Daten</span>") == survey.questions.count()
    # Reported 52 %, which differs from 101/191 = 52.9 %: both are shown.
    assert "rechnerisch 52,9 %" in page


@pytest.mark.django_db
def test_chart_is_svg_with_a_data_table(client):
    survey = make_survey()
    page = client.get(survey.get_absolute_url()).content.decode()
    assert '<svg role="img" aria-labelledby="chart-1-title"' in page
    assert '<title id="chart-1-title">' in page
    assert "<caption>Antwortverteilung zu Frage 1</caption>" in page
    assert '<th scope="row">Gesamt</th>' in page
    # Bar width in SVG user units with a decimal point, whatever the page language: 60 % of 440.
    assert 'width="264.0"' in page
    assert "60,0 %" in page
    assert '<th scope="row">Großstadt (ab 100.000 Einw.)</th>' not in page  # no filter: total only


@pytest.mark.django_db
def test_filters_add_the_selected_groups_next_to_the_total(client):
    survey = make_survey(
        questions=[
            ("Stab einberufen?", TABLE, "percent"),
            ("Ohne Aufschlüsselung", "Gruppe;n;A;B\nGesamt;9;1;8", "percent"),
        ]
    )
    page = client.get(
        survey.get_absolute_url(), {"size_class": "grossstadt", "state": "Nordrhein-Westfalen"}
    ).content.decode()
    assert '<option value="grossstadt" selected>' in page
    assert '<option value="Nordrhein-Westfalen" selected>' in page
    assert '<th scope="row">Großstadt (ab 100.000 Einw.)</th>' in page
    assert '<th scope="row">Nordrhein-Westfalen</th>' in page
    assert "75,0 %" in page and "70,0 %" in page
    assert "Für diese Frage liegt keine Aufschlüsselung nach Größenklasse (Großstadt (ab 100.000 Einw.)) vor." in page
    assert "Für diese Frage liegt keine Aufschlüsselung für das Land Nordrhein-Westfalen vor." in page


@pytest.mark.django_db
def test_filter_values_without_data_are_ignored_with_a_notice(client):
    survey = make_survey()
    response = client.get(survey.get_absolute_url(), {"size_class": "landgemeinde", "state": "<script>"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "keine Ergebnisse zu „landgemeinde“" in page
    assert "&lt;script&gt;" in page and "<script>" not in page.split("<main", 1)[1].split("</main>")[0]


@pytest.mark.django_db
def test_counts_are_shown_with_their_percentages(client):
    survey = make_survey(questions=[("Übungen", "Gruppe;n;keine;eine\nGesamt;200;50;150", "count")])
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "50 (25,0 %)" in page and "150 (75,0 %)" in page


def _csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


@pytest.mark.django_db
def test_csv_downloads_per_survey_and_per_question(client):
    survey = make_survey(
        questions=[("=Gefährliche Frage", TABLE, "percent"), ("Zweite", "Gruppe;n;A;B\nGesamt;9;1;8", "count")]
    )
    response = client.get(f"/befragungen/{survey.slug}/daten.csv")
    assert response["Content-Disposition"] == f'attachment; filename="{survey.slug}.csv"'
    rows = _csv(response)
    assert rows[0][:4] == ["befragung", "welle", "frage_nr", "frage"]
    assert len(rows) == 1 + 4 * 2 + 2
    assert rows[1][3] == "'=Gefährliche Frage"
    assert rows[1][4:10] == ["gesamt", "", "100", "Ja", "60", "prozent"]
    assert rows[1][10] == "ja"

    second = _csv(client.get(f"/befragungen/{survey.slug}/frage-2.csv"))
    assert [row[7] for row in second[1:]] == ["A", "B"]
    assert second[1][9] == "anzahl"
    assert client.get(f"/befragungen/{survey.slug}/frage-3.csv").status_code == 404


@pytest.mark.django_db
def test_unpublished_survey_is_hidden(client):
    survey = make_survey(live=False)
    assert client.get(survey.get_absolute_url()).status_code == 404
    assert client.get(f"/befragungen/{survey.slug}/daten.csv").status_code == 404
    assert "Testbefragung" not in client.get("/befragungen/").content.decode()


@pytest.mark.django_db
def test_api(client):
    survey = make_survey()
    listing = client.get("/api/v1/surveys").json()
    assert listing[0]["responses"] == 101 and listing[0]["population_size"] == 191
    assert listing[0]["participation_is_real"] is True
    detail = client.get(f"/api/v1/surveys/{survey.slug}").json()
    question = detail["questions"][0]
    assert question["is_demo"] is True
    assert question["answers"] == ["Ja", "Nein"]
    assert question["groups"][1] == {"group": "size_class", "value": "grossstadt", "n": 40, "values": [75.0, 25.0]}
    assert client.get("/api/v1/surveys/nix").status_code == 404


@pytest.mark.django_db
def test_search_finds_question_text(client):
    from krisenwissen.search.engine import reset_index

    reset_index()
    make_survey(questions=[("Gibt es eine Hitzeschutzkoordination?", "Gruppe;n;Ja;Nein\nGesamt;10;5;5", "percent")])
    data = client.get("/api/v1/search", {"q": "Hitzeschutzkoordination", "type": "survey"}).json()
    reset_index()
    assert data["count"] == 1
