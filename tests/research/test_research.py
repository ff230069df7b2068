"""Research projects: faceted list, detail page, API, search, demo content."""

import datetime

import pytest

from krisenwissen.research import demo_content
from krisenwissen.research.listing import ChoiceFacet, TermFacet, run_listing
from krisenwissen.research.models import ResearchProject, ResearchProjectLink
from krisenwissen.search.models import SearchDocument
from krisenwissen.taxonomy.models import Theme

from .factories import ResearchPartnerFactory, ResearchProjectFactory

pytestmark = pytest.mark.django_db


def _today_range(years_back, years_ahead):
    today = datetime.date.today()
    return today.replace(year=today.year - years_back), today.replace(year=today.year + years_ahead)


def test_list_shows_only_published_projects_and_filters_by_theme(client, site):
    ResearchProjectFactory(title="Warnung in vielen Sprachen", themes=["krisenkommunikation"])
    ResearchProjectFactory(title="Hitzeschutz im Quartier", themes=["vulnerable-gruppen"])
    ResearchProjectFactory(title="Geheimer Entwurf", themes=["krisenkommunikation"], live=False)

    html = client.get("/forschungsprojekte/").content.decode()
    assert "2 Forschungsprojekte" in html
    assert "Warnung in vielen Sprachen" in html and "Hitzeschutz im Quartier" in html
    assert "Geheimer Entwurf" not in html

    html = client.get("/forschungsprojekte/?themes=krisenkommunikation").content.decode()
    assert "1 Forschungsprojekt<" in html
    assert "Warnung in vielen Sprachen" in html
    assert "Hitzeschutz im Quartier" not in html
    assert 'name="themes" value="krisenkommunikation" checked' in html


def test_status_filter_separates_running_finished_and_planned_projects(client, site):
    start, end = _today_range(1, 1)
    ResearchProjectFactory(title="Laufendes Projekt", start_date=start, end_date=end)
    ResearchProjectFactory(
        title="Altes Projekt", start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2017, 1, 1)
    )
    ResearchProjectFactory(title="Künftiges Projekt", start_date=end, end_date=None)

    html = client.get("/forschungsprojekte/?status=laufend").content.decode()
    assert "Laufendes Projekt" in html
    assert "Altes Projekt" not in html and "Künftiges Projekt" not in html
    html = client.get("/forschungsprojekte/?status=abgeschlossen&status=geplant").content.decode()
    assert "Altes Projekt" in html and "Künftiges Projekt" in html
    assert "Laufendes Projekt" not in html


def test_unknown_filter_values_and_pages_get_a_notice_not_an_error(client, site):
    ResearchProjectFactory(title="Ein Projekt")

    response = client.get("/forschungsprojekte/?themes=gibt-es-nicht&page=abc")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Der Filterwert „gibt-es-nicht“ für „Schwerpunktthemen“ ist unbekannt und wurde ignoriert." in html
    assert "Die Seitenangabe „abc“ ist ungültig; angezeigt wird Seite 1." in html
    assert "Ein Projekt" in html


def test_text_search_finds_acronym_and_funder(client, site):
    ResearchProjectFactory(title="Resilienz im Landkreis", acronym="RELAND", funder="DFG")
    ResearchProjectFactory(title="Anderes Projekt", acronym="ANDERS", funder="BMBF")

    html = client.get("/forschungsprojekte/?q=reland").content.decode()
    assert "Resilienz im Landkreis" in html and "Anderes Projekt" not in html
    html = client.get("/forschungsprojekte/?q=dfg").content.decode()
    assert "Resilienz im Landkreis" in html and "Anderes Projekt" not in html


def test_facet_counts_ignore_the_selection_of_their_own_facet(site):
    ResearchProjectFactory(themes=["krisenkommunikation"], funder="DFG")
    ResearchProjectFactory(themes=["krisenkommunikation"], funder="BMBF")
    ResearchProjectFactory(themes=["vulnerable-gruppen"], funder="DFG")
    facets = [
        TermFacet("themes", "Themen", "themes", Theme),
        ChoiceFacet("funder", "Förderer", "funder"),
    ]

    result = run_listing(ResearchProject.objects.public(), facets, {"themes": ["krisenkommunikation"]})

    assert result.total == 2
    theme_counts = {v.value: v.count for v in result.facets["themes"]}
    funder_counts = {v.value: v.count for v in result.facets["funder"]}
    # Themes are counted without the theme selection, funders within it.
    assert theme_counts["krisenkommunikation"] == 2 and theme_counts["vulnerable-gruppen"] == 1
    assert funder_counts == {"BMBF": 1, "DFG": 1}


def test_detail_page_shows_the_project_profile(client, site):
    project = ResearchProjectFactory(
        title="Warnung in vielen Sprachen",
        acronym="WARN",
        funder="EU",
        programme="Horizon Europe",
        lead="Universität Beispielstadt",
        website="https://example.org/warn",
        results="<p>Vertrauenspersonen erreichen mehr Menschen.</p>",
        publications="<p>Muster, A. (2023): Warnen. Bericht.</p>",
        stellschrauben=[6],
        is_demo=True,
    )
    ResearchPartnerFactory(project=project, name="Integrationsrat Musterstadt")
    ResearchProjectLink.objects.create(project=project, title="Abschlussbericht", url="https://example.org/bericht")

    response = client.get(project.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert project.get_absolute_url() == "/forschungsprojekte/warn/"
    for text in (
        "Horizon Europe",
        "Universität Beispielstadt",
        "Integrationsrat Musterstadt",
        "Vertrauenspersonen erreichen mehr Menschen.",
        "Muster, A. (2023): Warnen. Bericht.",
        'href="https://example.org/bericht"',
        "01/2022–12/2024 (Abgeschlossen)",
        'href="/forschungsprojekte/?stellschrauben=6"',
        "Dieses Forschungsprojekt ist fiktiv.",
    ):
        assert text in html, text


def test_detail_page_lists_the_chosen_literature_and_titles_naming_the_acronym(client, site):
    from krisenwissen.literature.models import Literature
    from krisenwissen.research.models import ResearchProjectLiterature

    project = ResearchProjectFactory(acronym="KOLRES")
    chosen = Literature.objects.create(title="Abschlussbericht des Verbunds", year=2025, live=True)
    mention = Literature.objects.create(title="Erfahrungen aus KOLRES", year=2024, live=True)
    draft = Literature.objects.create(title="Entwurf aus KOLRES", year=2024, live=False)
    ResearchProjectLiterature.objects.create(project=project, literature=chosen, sort_order=0)

    html = client.get(project.get_absolute_url()).content.decode()

    assert chosen.get_absolute_url() in html and mention.get_absolute_url() in html
    assert draft.title not in html
    data = client.get(f"/api/v1/research-projects/{project.slug}").json()
    assert data["literature"] == [f"http://testserver{chosen.get_absolute_url()}"]


def test_unpublished_project_is_a_404(client, site):
    project = ResearchProjectFactory(live=False)

    assert client.get(f"/forschungsprojekte/{project.slug}/").status_code == 404


def test_end_before_start_is_rejected(site):
    project = ResearchProjectFactory.build(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2023, 1, 1))

    with pytest.raises(Exception) as error:
        project.full_clean()

    assert "Das Ende darf nicht vor dem Beginn liegen." in str(error.value)


def test_api_lists_with_facets_and_rejects_unknown_values(client, site):
    ResearchProjectFactory(title="Eins", themes=["krisenkommunikation"], stellschrauben=[2, 7], is_demo=True)
    ResearchProjectFactory(title="Zwei", themes=["vulnerable-gruppen"])

    data = client.get("/api/v1/research-projects?themes=krisenkommunikation").json()
    assert data["count"] == 1
    assert data["results"][0]["title"] == "Eins"
    assert data["results"][0]["stellschrauben"] == [2, 7]
    assert data["results"][0]["is_demo"] is True
    assert data["results"][0]["url"].endswith(
        "/forschungsprojekte/fp" + data["results"][0]["acronym"][2:].lower() + "/"
    )
    assert data["facets"]["themes"] == {"krisenmanagement": 0, "krisenkommunikation": 1, "vulnerable-gruppen": 1}

    response = client.get("/api/v1/research-projects?themes=unbekannt")
    assert response.status_code == 422
    assert "Unbekannter Wert „unbekannt“" in response.json()["detail"][0]["msg"]


def test_api_detail_and_404(client, site):
    project = ResearchProjectFactory(acronym="DETAIL", results="<p>Ergebnis</p>")

    data = client.get(f"/api/v1/research-projects/{project.slug}").json()
    assert data["acronym"] == "DETAIL"
    assert data["results_html"] == "<p>Ergebnis</p>"
    assert client.get("/api/v1/research-projects/gibt-es-nicht").status_code == 404


def test_publishing_indexes_the_project_and_unpublishing_removes_it(site):
    project = ResearchProjectFactory(title="Lernschleifen in Verwaltungen", acronym="LERN", live=False)
    project.save_revision().publish()

    document = SearchDocument.objects.get(kind="research_project")
    assert document.url == "/forschungsprojekte/lern/"
    assert "LERN" in document.title

    project.refresh_from_db()  # publish() worked on a copy from the revision
    project.unpublish()
    assert not SearchDocument.objects.filter(kind="research_project").exists()


def test_demo_content_is_labelled_and_idempotent(site):
    first = demo_content.load()
    second = demo_content.load()

    assert first.startswith("4 neue")
    assert second.startswith("0 neue")
    assert ResearchProject.objects.count() == 4
    assert set(ResearchProject.objects.values_list("is_demo", flat=True)) == {True}
    assert all("(Demo)" in title for title in ResearchProject.objects.values_list("title", flat=True))
