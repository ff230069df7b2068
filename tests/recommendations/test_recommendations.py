"""Recommendations along the seven levers: seeded pages, overview, lever pages with evidence, hubs, API, search."""

import pytest

from krisenwissen.assessment.models import Indicator
from krisenwissen.literature.models import Literature
from krisenwissen.recommendations import demo_content
from krisenwissen.recommendations.content import LEVERS
from krisenwissen.recommendations.models import RecommendationIndexPage, RecommendationPage, RecommendationPractice
from krisenwissen.search.models import SearchDocument
from krisenwissen.taxonomy.models import Lever
from tests.factories import PracticeFactory
from tests.research.factories import EventFactory, ResearchProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(site):
    demo_content.load()
    return RecommendationIndexPage.objects.get()


def test_seed_creates_the_overview_and_one_published_page_per_lever_once(site):
    demo_content.load()
    summary = demo_content.load()

    assert summary == "Übersicht vorhanden, 0 neue Stellschrauben-Seiten"
    pages = RecommendationPage.objects.live().order_by("lever__number")
    assert [page.lever.number for page in pages] == [1, 2, 3, 4, 5, 6, 7]
    assert RecommendationIndexPage.objects.get().url_path.endswith("/handlungsempfehlungen/")
    for page in pages:
        # substantive editorial text: several paragraphs and concrete steps for both sizes
        assert page.meaning.count("<p>") >= 2 and page.rationale.count("<p>") >= 2
        assert page.steps_small.count("<li>") >= 4 and page.steps_large.count("<li>") >= 4
        assert "lorem" not in (page.meaning + page.rationale).lower()


def test_seed_never_overwrites_editors_changes(seeded):
    page = RecommendationPage.objects.get(lever__number=3)
    page.summary = "Von der Redaktion geändert."
    page.save_revision().publish()

    demo_content.load()

    assert RecommendationPage.objects.get(lever__number=3).summary == "Von der Redaktion geändert."


def test_overview_presents_the_cycle_and_the_seven_levers(client, seeded):
    response = client.get("/handlungsempfehlungen/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Resilienz als Kreislauf aus Lernen und Anpassen" in html
    for step in ("Vorsorgen", "Erkennen", "Bewältigen", "Auswerten", "Anpassen"):
        assert step in html
    assert "beginnt der Kreislauf von vorn" in html
    for number in range(1, 8):
        assert f'href="/handlungsempfehlungen/stellschraube-{number}/"' in html


def test_lever_page_shows_all_sections_and_the_practices_of_its_lever(client, seeded):
    lever_practice = PracticeFactory(title="Personalpool der Stadt", stellschrauben=[3], is_demo=True)
    PracticeFactory(title="Anderer Hebel", stellschrauben=[5])
    PracticeFactory(title="Unveröffentlicht", stellschrauben=[3], live=False)

    html = client.get("/handlungsempfehlungen/stellschraube-3/").content.decode()

    assert f"<h1>{LEVERS[3]['title']}</h1>" in html
    for heading in (
        "Worum es geht",
        "Warum es wichtig ist",
        "In kleinen Kommunen",
        "In großen Kommunen",
        "Stolpersteine",
        "Woran man Fortschritt erkennt",
    ):
        assert heading in html
    assert lever_practice.get_absolute_url() in html
    assert "Anderer Hebel" not in html and "Unveröffentlicht" not in html
    assert 'href="/praxisbeispiele/?stellschrauben=3"' in html
    assert "Demo-Inhalte:" in html  # the demo practice is labelled


def test_editors_choice_comes_before_the_other_practices(client, seeded):
    PracticeFactory(title="Automatisch gefunden", stellschrauben=[2])
    chosen = PracticeFactory(title="Von der Redaktion gewählt")
    page = RecommendationPage.objects.get(lever__number=2)
    RecommendationPractice.objects.create(page=page, practice=chosen, sort_order=0)

    html = client.get("/handlungsempfehlungen/stellschraube-2/").content.decode()

    assert html.index("Von der Redaktion gewählt") < html.index("Automatisch gefunden")


def test_lever_page_lists_literature_projects_and_self_assessment_indicators(client, seeded):
    lever = Lever.objects.get(number=7)
    record = Literature.objects.create(title="Nachbereitung kommunaler Krisen", year=2023, live=True)
    record.levers.add(lever)
    record.save()  # parental many-to-many values are written on save
    hidden = Literature.objects.create(title="Unveröffentlichter Titel", year=2023, live=False)
    hidden.levers.add(lever)
    hidden.save()
    ResearchProjectFactory(title="Lernschleifen-Projekt", stellschrauben=[7])
    indicator = Indicator.objects.filter(lever=lever).first() or Indicator.objects.create(
        lever=lever, code="T7.9", title="Testindikator Nachbereitung", question="?", sort_order=99
    )

    html = client.get("/handlungsempfehlungen/stellschraube-7/").content.decode()

    assert "Nachbereitung kommunaler Krisen" in html and record.get_absolute_url() in html
    assert "Unveröffentlichter Titel" not in html
    assert "Lernschleifen-Projekt" in html
    assert "Fragen im Selbstcheck" in html and indicator.title in html


def test_theme_hub_gathers_recommendations_projects_and_events(client, seeded):
    ResearchProjectFactory(title="Hitzeprojekt", themes=["vulnerable-gruppen"])
    EventFactory(title="Hitzewerkstatt", themes=["vulnerable-gruppen"])
    EventFactory(title="Stabsübung", themes=["krisenmanagement"])

    html = client.get("/themen/vulnerable-gruppen/").content.decode()

    assert 'href="/handlungsempfehlungen/stellschraube-6/"' in html
    assert "Hitzeprojekt" in html and 'href="/forschungsprojekte/?themes=vulnerable-gruppen"' in html
    assert "Hitzewerkstatt" in html and "Stabsübung" not in html


def test_header_links_every_section(client, seeded):
    html = client.get("/handlungsempfehlungen/").content.decode()
    nav = html[html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))]

    for path in (
        "/praxisbeispiele/",
        "/handlungsempfehlungen/",
        "/literatur/",
        "/forschungsprojekte/",
        "/interviews/",
        "/befragungen/",
        "/vergleiche/",
        "/karte/",
        "/aktuelles/",
        "/termine/",
        "/fortbildungen/",
        "/publikationen/",
        "/themen/krisenmanagement/",
        "/themen/krisenkommunikation/",
        "/themen/vulnerable-gruppen/",
        "/kommunen/",
        "/einreichen/",
        "/daten/",
        "/reflexionsraum/",
    ):
        assert f'href="{path}"' in nav, path
    assert '<a href="/handlungsempfehlungen/" aria-current="page">' in nav


def test_english_pages_keep_the_language_in_links(client, seeded):
    html = client.get("/en/handlungsempfehlungen/").content.decode()

    assert 'href="/en/handlungsempfehlungen/stellschraube-1/"' in html
    assert 'href="/en/forschungsprojekte/"' in html


def test_api_lists_and_details_the_recommendations(client, seeded):
    PracticeFactory(stellschrauben=[4])

    data = client.get("/api/v1/recommendations").json()
    assert data["count"] == 7
    assert [r["stellschraube"] for r in data["results"]] == [1, 2, 3, 4, 5, 6, 7]
    detail = client.get("/api/v1/recommendations/4").json()
    assert detail["practice_count"] == 1
    assert set(detail["sections_html"]) == {
        "meaning",
        "rationale",
        "steps_small",
        "steps_large",
        "pitfalls",
        "progress_indicators",
    }
    assert client.get("/api/v1/recommendations/99").status_code == 404
    themed = client.get("/api/v1/recommendations?themes=vulnerable-gruppen").json()
    assert {r["stellschraube"] for r in themed["results"]} == {5, 6, 7}


def test_recommendations_are_in_the_search_index(seeded):
    urls = set(SearchDocument.objects.filter(kind="recommendation").values_list("url", flat=True))

    assert "/handlungsempfehlungen/" in urls
    assert "/handlungsempfehlungen/stellschraube-6/" in urls
    page = RecommendationPage.objects.get(lever__number=6)
    page.unpublish()
    assert not SearchDocument.objects.filter(url="/handlungsempfehlungen/stellschraube-6/").exists()


def test_theme_hub_lists_published_literature_of_the_theme_with_a_link_to_the_filtered_list(client, seeded):
    from krisenwissen.taxonomy.models import Theme

    theme = Theme.objects.get(slug="krisenkommunikation")
    record = Literature.objects.create(title="Warnen in vielen Sprachen", year=2022, live=True)
    record.themes.add(theme)
    record.save()
    draft = Literature.objects.create(title="Unveröffentlichte Studie", year=2022, live=False)
    draft.themes.add(theme)
    draft.save()

    html = client.get("/themen/krisenkommunikation/").content.decode()

    assert record.get_absolute_url() in html
    assert "Unveröffentlichte Studie" not in html
    assert 'href="/literatur/?themes=krisenkommunikation"' in html
