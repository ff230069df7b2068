"""The self-assessment: questionnaire, results, peer comparison, recommendations, progress and reports."""

import datetime
import io
import statistics

import pytest

from django.urls import reverse

from krisenwissen.assessment import services
from krisenwissen.assessment.models import Assessment, Indicator, Score
from krisenwissen.taxonomy.models import Lever
from krisenwissen.workspace.models import Role
from tests.factories import PlaceFactory, PracticeFactory
from tests.reflection.helpers import make_workspace
from tests.reflection.pdf import pdf_strings


def aurl(name, workspace, **kwargs):
    return reverse(f"workspace:assessment:{name}", kwargs={"workspace": workspace.slug, **kwargs})


def make_assessment(workspace, per_lever: dict[int, int], date=datetime.date(2025, 3, 1), **extra) -> Assessment:
    """An assessment scoring every indicator of lever n with ``per_lever[n]`` (default 3)."""
    assessment = Assessment.objects.create(workspace=workspace, date=date, **extra)
    Score.objects.bulk_create(
        Score(assessment=assessment, indicator=indicator, value=per_lever.get(indicator.lever.number, 3))
        for indicator in Indicator.objects.select_related("lever")
    )
    return assessment


def test_questionnaire_has_several_indicators_with_described_levels_for_each_lever(taxonomy):
    assert Lever.objects.count() == 7
    for lever in Lever.objects.all():
        indicators = list(lever.indicators.all())
        assert len(indicators) >= 3, lever
        for indicator in indicators:
            assert all(len(text) > 20 for _, text in indicator.levels), indicator.code
            assert len({text for _, text in indicator.levels}) == 6


def test_the_migration_seeded_the_questionnaire(db):
    """The data migration ran for the test database: indicators exist before anybody loads them."""
    assert Indicator.objects.filter(lever__number=7).count() >= 3


def post_form(client, workspace, value=3, **extra):
    data = {"date": "2025-02-01", "title": "Nach dem Hochwasser"}
    for indicator in Indicator.objects.all():
        data[f"score_{indicator.pk}"] = value
        data[f"comment_{indicator.pk}"] = f"Begründung {indicator.code}"
    data.update(extra)
    return client.post(aurl("create", workspace), data)


def test_member_fills_in_the_questionnaire(workspace, clients):
    form = clients[Role.MEMBER].get(aurl("create", workspace)).content.decode()
    first = Indicator.objects.first()
    assert first.level_5 in form and first.question in form
    response = post_form(clients[Role.MEMBER], workspace, value=4)
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert assessment.scores.count() == Indicator.objects.count()
    assert assessment.scores.get(indicator=first).comment == f"Begründung {first.code}"


def test_missing_answers_are_marked_and_input_is_kept(workspace, clients):
    first = Indicator.objects.first()
    response = post_form(clients[Role.MEMBER], workspace, **{f"score_{first.pk}": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte wählen Sie eine Stufe von 0 bis 5." in page
    assert 'value="Nach dem Hochwasser"' in page
    assert not Assessment.objects.exists()


def test_out_of_range_score_is_refused(workspace, clients):
    first = Indicator.objects.first()
    response = post_form(clients[Role.MEMBER], workspace, **{f"score_{first.pk}": "9"})
    assert response.status_code == 200
    assert not Assessment.objects.exists()


def test_reader_cannot_fill_in(workspace, clients):
    assert post_form(clients[Role.READER], workspace).status_code == 403
    assert not Assessment.objects.exists()


def test_results_show_radar_table_strengths_and_weakest(workspace, clients):
    assessment = make_assessment(workspace, {1: 5, 2: 4, 3: 1, 4: 2, 5: 3, 6: 0, 7: 3})
    page = clients[Role.READER].get(aurl("detail", workspace, assessment=assessment.pk)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "<table" in page and "<caption>Mittelwert je Stellschraube (0 bis 5)</caption>" in page
    strengths = page.split('id="strengths-heading"')[1].split("</section>")[0]
    weakest = page.split('id="weakest-heading"')[1].split("</section>")[0]
    assert "1. Strategische Verankerung" in strengths and "2. Krisenkompetenz und Wissen" in strengths
    assert "6. Vulnerable Gruppen einbinden" in weakest and "3. Personalreserven" in weakest
    assert "4. Unterstützung der Beschäftigten" in weakest


def test_results_compare_with_the_previous_assessment(workspace, clients):
    make_assessment(workspace, {1: 1}, date=datetime.date(2024, 1, 1))
    later = make_assessment(workspace, {1: 4}, date=datetime.date(2025, 1, 1))
    items = {item.lever.number: item for item in services.results(later)}
    assert items[1].score == 4 and items[1].previous == 1 and items[1].change == 3
    overview = clients[Role.READER].get(aurl("overview", workspace)).content.decode()
    assert "Entwicklung je Stellschraube" in overview
    assert "+3,0 (besser)" in overview


# --- Peer comparison ----------------------------------------------------------------------------


def opted_in_workspaces(n, scores_for_lever_1):
    for i in range(n):
        ws = make_workspace(f"Vergleichsstadt {i}", peer_comparison_opt_in=True)
        make_assessment(ws, {1: scores_for_lever_1[i]})


def test_no_comparison_below_five_municipalities(workspace, clients):
    opted_in_workspaces(4, [1, 2, 3, 4])
    assessment = make_assessment(workspace, {})
    comparison = services.peer_comparison()
    assert not comparison.available and comparison.by_lever == {}
    page = clients[Role.READER].get(aurl("detail", workspace, assessment=assessment.pk)).content.decode()
    assert "Noch kein Vergleich möglich" in page
    assert "Vergleich: Median" not in page


def test_comparison_with_five_municipalities_gives_median_and_quartiles(workspace, clients):
    values = [0, 1, 2, 4, 5]
    opted_in_workspaces(5, values)
    comparison = services.peer_comparison()
    lever_1 = Lever.objects.get(number=1)
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    assert comparison.available and comparison.municipalities == 5
    assert comparison.by_lever[lever_1.pk] == {"q1": q1, "median": median, "q3": q3}
    assert set(comparison.by_lever[lever_1.pk]) == {"q1", "median", "q3"}  # never min, max or single values
    assessment = make_assessment(workspace, {})
    page = clients[Role.READER].get(aurl("detail", workspace, assessment=assessment.pk)).content.decode()
    assert "Vergleich: Median" in page and "mindestens 5 Kommunen" in page


def test_workspaces_not_opted_in_are_left_out(workspace):
    opted_in_workspaces(4, [1, 1, 1, 1])
    for i in range(3):
        make_assessment(make_workspace(f"Nicht dabei {i}"), {1: 5})
    assert not services.peer_comparison().available


def test_two_workspaces_of_one_municipality_count_once(workspace):
    opted_in_workspaces(3, [1, 2, 3])
    place = PlaceFactory(name="Doppelstadt")
    first = make_workspace("Doppelstadt", slug="doppel-a", place=place, peer_comparison_opt_in=True)
    second = make_workspace("Doppelstadt", slug="doppel-b", place=place, peer_comparison_opt_in=True)
    make_assessment(first, {1: 5})
    make_assessment(second, {1: 3})
    comparison = services.peer_comparison()
    assert comparison.municipalities == 4 and not comparison.available  # five workspaces, four municipalities
    fifth = make_workspace("Fünftstadt", peer_comparison_opt_in=True)
    make_assessment(fifth, {1: 0})
    comparison = services.peer_comparison()
    lever_1 = Lever.objects.get(number=1)
    # Doppelstadt enters once, as the mean of its two workspaces (4): values 0, 1, 2, 3, 4.
    assert comparison.available and comparison.by_lever[lever_1.pk] == {"q1": 1, "median": 2, "q3": 3}


def test_only_the_latest_assessment_of_a_workspace_counts(workspace):
    opted_in_workspaces(4, [2, 2, 2, 2])
    late = make_workspace("Spätstadt", peer_comparison_opt_in=True)
    make_assessment(late, {1: 0}, date=datetime.date(2020, 1, 1))
    make_assessment(late, {1: 2}, date=datetime.date(2025, 1, 1))
    lever_1 = Lever.objects.get(number=1)
    assert services.peer_comparison().by_lever[lever_1.pk] == {"q1": 2, "median": 2, "q3": 2}


def test_band_hides_the_exact_number_of_municipalities():
    assert services.PeerComparison(True, 7, {}).municipalities_band == 5
    assert services.PeerComparison(True, 12, {}).municipalities_band == 10


# --- Recommendations ----------------------------------------------------------------------------


def test_recommendations_for_the_weakest_levers_with_reasons(workspace, clients):
    workspace.place.population = 50_000  # Mittelstadt
    workspace.place.save()
    same_size = PlaceFactory(name="Gleichgroß", population=60_000)
    big = PlaceFactory(name="Großstadt", population=500_000)
    best = PracticeFactory(
        title="Personalpool Hochwasser", stellschrauben=[3], crisis_types=["hochwasser"], municipality=same_size
    )
    PracticeFactory(title="Personalpool Pandemie", stellschrauben=[3], crisis_types=["pandemie"], municipality=big)
    PracticeFactory(title="Entwurf nicht öffentlich", stellschrauben=[3], crisis_types=["hochwasser"], live=False)
    PracticeFactory(title="Andere Stellschraube", stellschrauben=[1], crisis_types=["hochwasser"])
    from krisenwissen.taxonomy.models import CrisisType

    assessment = make_assessment(
        workspace, {1: 5, 2: 5, 3: 0, 4: 4, 5: 4, 6: 1, 7: 2}, crisis_type=CrisisType.objects.get(slug="hochwasser")
    )
    _, weakest = services.strengths_and_weaknesses(services.results(assessment))
    blocks = services.recommendations(assessment, weakest)
    by_lever = {block["lever"].lever.number: block for block in blocks}
    assert list(by_lever) == [3, 6, 7]
    titles = [rec.title for rec in by_lever[3]["practices"]]
    assert titles == ["Personalpool Hochwasser", "Personalpool Pandemie"]
    reason = by_lever[3]["practices"][0].reason
    assert "Stellschraube 3" in reason and "gleiche Krisenart (Hochwasser und Starkregen)" in reason
    assert "Mittelstadt" in reason
    assert "gleiche Krisenart" not in by_lever[3]["practices"][1].reason
    page = clients[Role.READER].get(aurl("detail", workspace, assessment=assessment.pk)).content.decode()
    assert best.get_absolute_url() in page and "Entwurf nicht öffentlich" not in page


def test_recommendations_use_the_crisis_types_of_the_reflections(workspace):
    from tests.reflection.helpers import make_reflection

    make_reflection(workspace, crisis="stromausfall")
    assessment = make_assessment(workspace, {})
    assert [t.slug for t in services.context_crisis_types(assessment)] == ["stromausfall"]


def test_literature_is_skipped_gracefully_when_unavailable(workspace):
    assessment = make_assessment(workspace, {2: 0})
    item = next(i for i in services.results(assessment) if i.lever.number == 2)
    assert isinstance(services.recommend_literature(item, []), list)


# --- Radar and reports --------------------------------------------------------------------------


def test_radar_svg_escapes_text_and_describes_itself(taxonomy):
    levers = list(Lever.objects.all())
    svg = services.radar_svg(
        levers, [{"key": "own", "values": [1, 2, 3, 4, 5, 0, 2]}], "Titel <b>", "Beschreibung & mehr"
    )
    assert "Titel &lt;b&gt;" in svg and "Beschreibung &amp; mehr" in svg
    assert svg.count("<circle") == 7
    assert 'aria-labelledby="radar-title radar-desc"' in svg
    assert "style=" not in svg


@pytest.fixture
def assessed(workspace):
    return make_assessment(workspace, {1: 4, 3: 1}, title="Nach dem Hochwasser")


def test_pdf_report(workspace, assessed, clients):
    response = clients[Role.READER].get(aurl("export_pdf", workspace, assessment=assessed.pk))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert workspace.place.name in pdf_strings(response.content)


def test_docx_report(workspace, assessed, clients):
    from docx import Document

    response = clients[Role.READER].get(aurl("export_docx", workspace, assessment=assessed.pk))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert workspace.place.name in text and "Nach dem Hochwasser" in text
    assert "1. Strategische Verankerung" in cells and "4,0" in cells
    assert "erst möglich, wenn mindestens 5 Kommunen" in text
