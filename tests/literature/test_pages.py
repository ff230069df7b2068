"""The public list, the detail page with citations, the exports and the API."""

import csv
import io
import json

import pytest

from django.utils.html import escape

from krisenwissen.literature.importers import import_text
from krisenwissen.literature.models import Literature
from krisenwissen.taxonomy.models import CrisisType

from . import samples

pytestmark = pytest.mark.usefixtures("taxonomy")


@pytest.fixture
def records(db):
    import_text(samples.RIS)
    import_text(samples.BIBTEX.replace("10.1000/ABC.123", "10.2000/other"), "bibtex")
    import_text(samples.CSL_JSON.replace("10.1000/abc.123", "").replace("https://example.org/a", "https://x.org"))
    flood = CrisisType.objects.get(slug="hochwasser")
    record = Literature.objects.get(title="Hitzeschutz in Städten")
    record.crisis_types.add(flood)
    record.document_category = "practice-report"
    record.save()
    return Literature.objects.all()


def test_list_shows_facets_counts_and_filters(client, records):
    response = client.get("/literatur/")
    assert response.status_code == 200
    html = response.content.decode()
    total = Literature.objects.count()
    assert f"{total} Titel" in html
    assert 'name="type" value="report"' in html

    filtered = client.get("/literatur/?type=article-journal&crisis_types=hochwasser")
    assert filtered.context["total"] == 1
    assert filtered.context["cards"][0].title == "Hitzeschutz in Städten"
    facet_counts = {g["name"] for g in filtered.context["facet_groups"]}
    assert {"type", "crisis_types", "year"} <= facet_counts


def test_list_sorting_paging_and_bad_parameters(client, records):
    by_title = client.get("/literatur/?sort=title")
    titles = [c.title for c in by_title.context["cards"]]
    assert titles == sorted(titles, key=str.casefold)
    newest = client.get("/literatur/")
    years = [c.year or 0 for c in newest.context["cards"]]
    assert years == sorted(years, reverse=True)
    bad = client.get("/literatur/?type=nonsense&sort=random&page=abc")
    assert bad.status_code == 200
    assert len(bad.context["notices"]) == 3
    beyond = client.get("/literatur/?page=99")
    assert "Seite 99 gibt es nicht" in beyond.content.decode()


def test_detail_page_cites_in_apa_and_din_and_links_practices(client, records):
    record = Literature.objects.get(doi="10.1000/abc.123")
    response = client.get(f"/literatur/{record.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    citations = {c["key"]: c for c in response.context["citations"]}
    assert citations["apa"]["text"].startswith("Müller, H., & Ministerie van Algemene Zaken. (2021).")
    assert "Müller, Hans ; Ministerie van Algemene Zaken" in citations["din"]["text"]
    assert "data-copy-for" in html and "js/literature.js" in html
    assert "style=" not in html.split("<main", 1)[1]
    assert client.get("/literatur/999999/").status_code == 404


def test_detail_page_lists_only_published_practices(client, records):
    from tests.factories import PracticeFactory

    record = Literature.objects.get(doi="10.1000/abc.123")
    live = PracticeFactory(title="Lagezentrum im Rathaus")
    draft = PracticeFactory(title="Entwurf", live=False)
    record.practices.add(live, draft)
    record.save()
    html = client.get(f"/literatur/{record.pk}/").content.decode()
    assert "Lagezentrum im Rathaus" in html and "Entwurf" not in html


def test_practice_page_lists_its_published_literature(client, records):
    from tests.factories import PracticeFactory

    practice = PracticeFactory(title="Lagezentrum im Rathaus")
    cited = Literature.objects.get(doi="10.1000/abc.123")
    unpublished = Literature.objects.get(title="Hitzeschutz in Städten")
    unpublished.live = False
    unpublished.save()
    for record in (cited, unpublished):
        record.practices.add(practice)
        record.save()
    html = client.get(practice.get_absolute_url()).content.decode()
    section = html.split('id="literature-heading"', 1)[1].split("</section>", 1)[0]
    assert f'href="/literatur/{cited.pk}/"' in section and escape(cited.title) in section
    assert "Müller, Hans; Ministerie van Algemene Zaken" in section
    assert escape(unpublished.title) not in section

    other = PracticeFactory(title="Ohne Belege")
    assert 'id="literature-heading"' not in client.get(other.get_absolute_url()).content.decode()


def test_export_one_selection_and_filtered_list(client, records):
    record = Literature.objects.get(title="Hitzeschutz in Städten")
    bib = client.get(f"/literatur/{record.pk}/export/bibtex/")
    assert bib["Content-Type"].startswith("application/x-bibtex")
    assert "Hitzeschutz in St" in bib.content.decode()

    ids = list(Literature.objects.values_list("pk", flat=True)[:2])
    selection = client.get("/literatur/export/", {"format": "csl-json", "ids": ids})
    assert len(json.loads(selection.content)) == 2

    filtered = client.get("/literatur/export/?format=ris&type=article-journal")
    assert filtered.content.decode().count("TY  - ") == 1
    assert client.get("/literatur/export/?format=docx").status_code == 400


def test_csv_export_neutralises_formula_cells(client, records):
    Literature.objects.filter(title="Hitzeschutz in Städten").update(title="=HYPERLINK(1)", abstract="@SUM(A1)")
    response = client.get("/literatur/export/?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if "HYPERLINK" in r["Title"])
    assert row["Title"] == "'=HYPERLINK(1)" and row["Abstract Note"] == "'@SUM(A1)"


def test_api_list_filters_facets_and_single_record_formats(client, records):
    response = client.get("/api/v1/literature?type=article-journal&limit=5")
    data = response.json()
    assert data["count"] == 1 and data["results"][0]["csl"]["title"] == "Hitzeschutz in Städten"
    assert data["facets"]["type"]["article-journal"] == 1
    assert client.get("/api/v1/literature?type=unknown").status_code == 422

    pk = data["results"][0]["id"]
    assert client.get(f"/api/v1/literature/{pk}").json()["csl"]["volume"] == "12"
    ris = client.get(f"/api/v1/literature/{pk}?format=ris")
    assert ris.status_code == 200 and ris.content.decode().startswith("TY  - JOUR")
    assert "@article" in client.get(f"/api/v1/literature/{pk}?format=bibtex").content.decode()
    assert client.get("/api/v1/literature/999999").status_code == 404


def test_literature_is_in_the_platform_search(records):
    from krisenwissen.search.models import SearchDocument

    assert SearchDocument.objects.filter(kind="literature", title="Hitzeschutz in Städten").exists()
