"""The practice detail page: public fields, contact consent, related practices, preview, back link."""

import datetime
import re
from urllib.parse import urlencode

import pytest

from django.test import RequestFactory

from krisenwissen.practices.models import Practice, PracticeLink, PracticeRelation
from krisenwissen.taxonomy.models import Lever
from tests.factories import PlaceFactory, PracticeFactory


@pytest.fixture
def practice(db):
    place = PlaceFactory(name="Musterhausen", state="Hessen", population=120_000)
    return PracticeFactory(
        title="Hitzetelefon für Ältere",
        summary="Ehrenamtliche rufen bei Hitze ältere Menschen an.",
        description="Erster Absatz über die Ausgangslage.\n\nZweiter Absatz über die Wirkung.",
        lessons_learned="Früh mit den Wohlfahrtsverbänden sprechen.",
        municipality=place,
        themes=["vulnerable-gruppen"],
        crisis_types=["hitze"],
        phases=["bewaeltigung"],
        innovation_type="soziale-innovation",
        origin="gezielt",
        maturity="etabliert",
        actors=["sozialamt"],
        target_groups=["aeltere-menschen"],
        stellschrauben=[6],
        keywords=["Hitzeschutz", "Telefonkette"],
        start_year=2021,
        end_year=None,
        last_reviewed=datetime.date(2024, 3, 5),
        contact_name="Erika Muster",
        contact_email="erika.muster@example.org",
        contact_consent=False,
    )


def get(client, practice, **params):
    url = practice.get_absolute_url()
    return client.get(f"{url}?{urlencode(params)}" if params else url)


def test_detail_shows_the_public_fields(client, practice):
    PracticeLink.objects.create(practice=practice, url="https://example.org/bericht", title="Abschlussbericht")
    response = get(client, practice)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<h1 id="practice-title">Hitzetelefon für Ältere', html)
    assert '<p class="lead">Ehrenamtliche rufen bei Hitze ältere Menschen an.</p>' in html
    assert "<p>Erster Absatz über die Ausgangslage.</p>" in html and "<p>Zweiter Absatz über die Wirkung.</p>" in html
    assert "Früh mit den Wohlfahrtsverbänden sprechen." in html
    assert f'<a href="{practice.municipality.get_absolute_url()}">Musterhausen</a>' in html
    assert "Hessen" in html and "Deutschland" in html and "Großstadt" in html
    assert "seit 2021" in html
    assert "Hitzeschutz, Telefonkette" in html or "Telefonkette, Hitzeschutz" in html
    assert "5. März 2024" in html
    assert 'href="https://example.org/bericht"' in html and "Abschlussbericht" in html
    # Levers show number and short name; every term links to the filtered list.
    # (The seven levers are reference data that the assessment questionnaire's migration creates.)
    lever_name = Lever.objects.get(number=6).short_name
    lever_link = rf'<a class="tag" href="/praxisbeispiele/\?stellschrauben=6"[^>]*>6\. {re.escape(lever_name)}</a>'
    assert re.search(lever_link, html)
    for name, slug in [
        ("themes", "vulnerable-gruppen"),
        ("crisis_types", "hitze"),
        ("phases", "bewaeltigung"),
        ("innovation_type", "soziale-innovation"),
        ("origin", "gezielt"),
        ("maturity", "etabliert"),
        ("actors", "sozialamt"),
        ("target_groups", "aeltere-menschen"),
        ("state", "Hessen"),
        ("size_class", "grossstadt"),
    ]:
        assert f'href="/praxisbeispiele/?{name}={slug}"' in html, name
    # Breadcrumbs: Start › Praxisbeispiele › title.
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["Startseite", "Praxisbeispiele", "Hitzetelefon für Ältere"]


def test_contact_only_with_consent(client, practice):
    html = get(client, practice).content.decode()
    assert "Erika Muster" not in html and "erika.muster@example.org" not in html
    practice.contact_consent = True
    practice.save()
    html = get(client, practice).content.decode()
    assert "Erika Muster" in html and 'href="mailto:erika.muster@example.org"' in html


def test_english_content_is_marked_with_its_language(client, practice):
    practice.language = "en"
    practice.save()
    html = get(client, practice).content.decode()
    assert re.search(r'<div class="practice__content" lang="en">\s*<h1', html)
    assert '<html lang="de">' in html


def test_demo_practice_carries_a_prominent_notice(client, practice):
    assert 'class="demo-notice"' not in get(client, practice).content.decode()
    practice.is_demo = True
    practice.save()
    html = get(client, practice).content.decode()
    assert 'class="demo-notice"' in html
    assert "Dieses Praxisbeispiel ist fiktiv" in html


def test_unknown_and_unpublished_practices_are_404(client, practice):
    assert client.get("/praxisbeispiele/gibt-es-nicht/").status_code == 404
    draft = PracticeFactory(title="Noch ein Entwurf", live=False)
    assert get(client, draft).status_code == 404


def back_links(html):
    """The breadcrumb link to the list and the back link."""
    crumb = re.search(
        r'<nav class="breadcrumbs".*?<li><a href="[^"]*">Startseite</a></li>\s*<li><a href="([^"]*)"', html, re.S
    )
    back = re.search(r'<a href="([^"]*)"><span aria-hidden="true">← </span>', html)
    return [crumb.group(1).replace("&amp;", "&"), back.group(1).replace("&amp;", "&")]


def test_back_link_restores_the_list_filters(client, practice):
    origin = "themes=vulnerable-gruppen&themes=krisenmanagement&sort=title&page=2"
    html = get(client, practice, **{"from": origin}).content.decode()
    expected = "/praxisbeispiele/?themes=vulnerable-gruppen&amp;themes=krisenmanagement&amp;sort=title&amp;page=2"
    assert f'<a href="{expected}"><span aria-hidden="true">← </span>Zurück zu den Ergebnissen</a>' in html
    # Only list parameters survive; nothing can turn the link into another address.
    html = get(client, practice, **{"from": "//evil.example/?x=1&themes=hitze"}).content.decode()
    assert back_links(html) == ["/praxisbeispiele/?themes=hitze"] * 2
    html = get(client, practice, **{"from": "https://evil.example/"}).content.decode()
    assert back_links(html) == ["/praxisbeispiele/"] * 2
    assert '<a href="/praxisbeispiele/"><span aria-hidden="true">← </span>Alle Praxisbeispiele</a>' in html


def test_list_result_links_carry_the_state_to_the_back_link(client, practice):
    list_html = client.get("/praxisbeispiele/", {"crisis_types": "hitze", "sort": "title"}).content.decode()
    link = re.search(r'class="card__title"[^>]*><a href="([^"]+)"', list_html).group(1).replace("&amp;", "&")
    detail_html = client.get(link).content.decode()
    assert 'href="/praxisbeispiele/?crisis_types=hitze&amp;sort=title"' in detail_html


def test_related_practices_editor_choice_first_then_shared_taxonomy(client, practice):
    chosen = PracticeFactory(title="Von der Redaktion gewählt", themes=["krisenkommunikation"])
    strong = PracticeFactory(
        title="Viel gemeinsam", crisis_types=["hitze"], target_groups=["aeltere-menschen"], stellschrauben=[6]
    )
    weak = PracticeFactory(title="Wenig gemeinsam", themes=["vulnerable-gruppen"])
    PracticeFactory(title="Nichts gemeinsam", themes=["krisenmanagement"], crisis_types=["stromausfall"])
    PracticeFactory(title="Unveröffentlicht verwandt", crisis_types=["hitze"], live=False)
    PracticeRelation.objects.create(practice=practice, related=chosen)
    practice.save()
    html = get(client, practice).content.decode()
    section = re.search(r'<section class="section" aria-labelledby="related-heading">.*?</section>', html, re.S).group(
        0
    )
    assert re.findall(r'class="card__title"><a href="[^"]+"[^>]*>([^<]+)</a>', section) == [
        chosen.title,
        strong.title,
        weak.title,
    ]


def test_related_practices_are_at_most_five_and_exclude_itself(client, practice):
    for i in range(7):
        PracticeFactory(title=f"Auch Hitze {i}", crisis_types=["hitze"])
    html = get(client, practice).content.decode()
    section = re.search(r'aria-labelledby="related-heading">.*?</section>', html, re.S).group(0)
    titles = re.findall(r'class="card__title"><a href="[^"]+"[^>]*>([^<]+)</a>', section)
    assert len(titles) == 5
    assert practice.title not in titles


def test_preview_of_an_unpublished_draft_renders(practice):
    draft = Practice(
        title="Entwurf in der Vorschau",
        summary="Noch nicht veröffentlicht.",
        description="Text.",
        municipality=practice.municipality,
        innovation_type=practice.innovation_type,
        origin=practice.origin,
        maturity=practice.maturity,
        start_year=2022,
        end_year=2023,
        live=False,
    )
    draft.crisis_types.set(list(practice.crisis_types.all()))  # in memory, as in the editor's form
    request = RequestFactory().get("/cms/snippets/practices/practice/preview/")
    response = draft.serve_preview(request, draft.default_preview_mode)
    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert response.status_code == 200
    assert "Entwurf in der Vorschau" in html
    assert "2022–2023" in html
    assert "Vorschau" in html
    # Related practices are computed from the draft's in-memory classification.
    assert practice.title in html


def test_images_with_alt_text_and_attachments_with_type_and_size(client, practice):
    from wagtail_factories import ImageFactory

    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    from krisenwissen.practices.models import PracticeAttachment, PracticeImage

    image = ImageFactory(title="Foto")
    PracticeImage.objects.create(
        practice=practice, image=image, alt_text="Zwei Personen am Telefon", caption="Im Einsatz"
    )
    document = Document(title="Konzept")
    document.file.save("konzept.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2048), save=False)
    document.save()
    PracticeAttachment.objects.create(practice=practice, document=document)

    html = get(client, practice).content.decode()
    assert re.search(
        r'<img alt="Zwei Personen am Telefon"[^>]*src="[^"]+"|<img [^>]*alt="Zwei Personen am Telefon"', html
    )
    assert "Im Einsatz" in html
    link = rf'<a href="{re.escape(document.url)}">Konzept</a>\s*<span class="meta">\(PDF, 2,0\xa0KB\)</span>'
    assert re.search(link, html)
