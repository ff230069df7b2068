"""The platform team's publications: list with facets, detail with PDF download or link, API."""

import pytest

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from krisenwissen.publications import demo_content
from krisenwissen.publications.models import Publication, PublicationKind
from tests.research.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def _pdf_document(title="Bericht"):
    document = get_document_model()(title=title)
    document.file.save("bericht.pdf", ContentFile(demo_content.demo_pdf(title)), save=False)
    document.save()
    return document


def test_list_filters_by_year_and_kind(client, site):
    PublicationFactory(title="Bericht 2024", year=2024, kind=PublicationKind.REPORT)
    PublicationFactory(title="Artikel 2023", year=2023, kind=PublicationKind.ARTICLE)
    PublicationFactory(title="Unveröffentlicht", year=2024, live=False)

    html = client.get("/publikationen/").content.decode()
    assert "2 Publikationen" in html and "Unveröffentlicht" not in html
    assert html.index("Bericht 2024") < html.index("Artikel 2023")  # newest first

    html = client.get("/publikationen/?year=2023").content.decode()
    assert "Artikel 2023" in html and "Bericht 2024" not in html
    html = client.get("/publikationen/?kind=bericht").content.decode()
    assert "Bericht 2024" in html and "Artikel 2023" not in html


def test_unknown_year_is_ignored_with_a_notice(client, site):
    PublicationFactory(title="Bericht")

    response = client.get("/publikationen/?year=abc&page=99")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Der Filterwert „abc“ für „Jahr“ ist unbekannt und wurde ignoriert." in html
    assert "Seite 99 gibt es nicht; angezeigt wird Seite 1." in html


def test_detail_offers_the_pdf_from_this_host(client, site):
    publication = PublicationFactory(
        title="Lernen aus Krisen",
        authors="Muster, Anna; Beispiel, Ben",
        document=_pdf_document(),
        url="",
        doi="10.1234/demo",
        is_demo=True,
    )

    html = client.get(publication.get_absolute_url()).content.decode()

    assert f'href="{publication.document.url}" download' in html
    assert publication.document.url.startswith("/dokumente/")
    assert "PDF herunterladen" in html
    assert "Muster, Anna; Beispiel, Ben" in html
    assert 'href="https://doi.org/10.1234/demo"' in html
    assert "Diese Publikation ist fiktiv." in html
    assert client.get(publication.document.url).status_code == 200


def test_a_publication_needs_a_pdf_or_a_link(site):
    publication = PublicationFactory.build(url="", doi="", document=None)

    with pytest.raises(ValidationError) as error:
        publication.full_clean()

    assert "Bitte ein PDF hochladen oder einen Link" in str(error.value)


def test_api_lists_and_details(client, site):
    PublicationFactory(title="Mit PDF", document=_pdf_document(), year=2025, stellschrauben=[7])
    PublicationFactory(title="Mit Link", year=2022)

    data = client.get("/api/v1/publications?year=2025").json()
    assert data["count"] == 1
    result = data["results"][0]
    assert result["title"] == "Mit PDF"
    assert result["pdf_url"].startswith("http://testserver/dokumente/")
    assert result["authors"] == ["Muster, Anna", "Beispiel, Ben"]
    assert result["stellschrauben"] == [7]
    assert data["facets"]["year"] == {"2025": 1, "2022": 1}
    assert client.get("/api/v1/publications?kind=roman").status_code == 422
    assert client.get("/api/v1/publications/gibt-es-nicht").status_code == 404


def test_demo_content_is_labelled_and_idempotent(site):
    demo_content.load()
    summary = demo_content.load()

    assert summary.startswith("0 neue")
    assert Publication.objects.count() == 3
    assert not Publication.objects.filter(is_demo=False).exists()
    assert Publication.objects.filter(document__isnull=False).count() == 1
