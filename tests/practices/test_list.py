"""The practice list: facet counts, filters, sorting, paging, URL state and the facet index."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from django.urls import reverse
from django.utils.html import escape

from krisenwissen.practices.facets import FacetQuery, PracticeBrowser, search_practices
from krisenwissen.practices.models import Practice
from krisenwissen.taxonomy.models import Theme
from tests.factories import PlaceFactory, PracticeFactory

LIST_URL = "/praxisbeispiele/"


@pytest.fixture
def corpus(db):
    """Four published practices and one unpublished one; the expected counts are worked out by hand.

    | practice | place (Land, Staat, Größe)        | themes                | crisis types      | years     |
    |----------|-----------------------------------|-----------------------|-------------------|-----------|
    | alpha    | Köln (NRW, DE, grossstadt)        | management            | hitze             | 2019–2020 |
    | beta     | Zell (Bayern, DE, landgemeinde)   | kommunikation         | hochwasser        | 2021–     |
    | gamma    | Wien (Wien, AT, grossstadt)       | management, kommunik. | hitze, hochwasser | 2020–2022 |
    | delta    | Ärzteburg (NRW, DE, mittel), demo | vulnerable-gruppen    | pandemie          | 2022      |
    | epsilon  | Köln, NOT PUBLISHED               | management            | hitze             | 2023–     |
    """
    koeln = PlaceFactory(name="Köln", state="Nordrhein-Westfalen", population=1_000_000)
    zell = PlaceFactory(name="Zell", state="Bayern", population=3_000)
    wien = PlaceFactory(name="Wien", state="Wien", country="AT", population=1_900_000)
    aerzteburg = PlaceFactory(name="Ärzteburg", state="Nordrhein-Westfalen", population=50_000)
    return {
        "alpha": PracticeFactory(
            title="Alpha Hitzeschutz",
            municipality=koeln,
            themes=["krisenmanagement"],
            crisis_types=["hitze"],
            phases=["vorsorge"],
            actors=["gesundheitsamt"],
            target_groups=["aeltere-menschen"],
            stellschrauben=[1],
            start_year=2019,
            end_year=2020,
        ),
        "beta": PracticeFactory(
            title="Beta Hochwasserwarnung",
            municipality=zell,
            themes=["krisenkommunikation"],
            crisis_types=["hochwasser"],
            phases=["bewaeltigung"],
            innovation_type="produkt",
            stellschrauben=[2, 3],
            start_year=2021,
        ),
        "gamma": PracticeFactory(
            title="Gamma Lagezentrum",
            municipality=wien,
            themes=["krisenmanagement", "krisenkommunikation"],
            crisis_types=["hitze", "hochwasser"],
            phases=["vorsorge", "bewaeltigung"],
            stellschrauben=[3],
            start_year=2020,
            end_year=2022,
        ),
        "delta": PracticeFactory(
            title="Delta Telefonkette",
            summary="Ältere Menschen wurden regelmäßig angerufen.",
            municipality=aerzteburg,
            themes=["vulnerable-gruppen"],
            crisis_types=["pandemie"],
            start_year=2022,
            end_year=2022,
            is_demo=True,
        ),
        "epsilon": PracticeFactory(
            title="Epsilon Entwurf",
            municipality=koeln,
            themes=["krisenmanagement"],
            crisis_types=["hitze"],
            start_year=2023,
            live=False,
        ),
    }


def counts(result, field):
    """Values of a facet with at least one result (zero counts are checked with ``.get(value, 0)``)."""
    return {value.value: value.count for value in result.facets[field] if value.count}


def search(**filters):
    query = {key: tuple(value) for key, value in filters.items() if key not in {"q", "sort", "offset", "limit"}}
    return search_practices(
        FacetQuery(
            filters=query,
            q=filters.get("q", ""),
            sort=filters.get("sort", "newest"),
            offset=filters.get("offset", 0),
            limit=filters.get("limit", 20),
        )
    )


def titles(response):
    return re.findall(r'class="card__title"[^>]*><a href="[^"]*"[^>]*>([^<]+)</a>', response.content.decode())


# --- Engine -----------------------------------------------------------------------------------


def test_without_filters_counts_every_published_practice(corpus):
    result = search()
    assert result.total == 4
    assert counts(result, "themes") == {"krisenmanagement": 2, "krisenkommunikation": 2, "vulnerable-gruppen": 1}
    assert counts(result, "country") == {"DE": 3, "AT": 1}
    assert counts(result, "state") == {"Bayern": 1, "Nordrhein-Westfalen": 2, "Wien": 1}
    assert counts(result, "size_class") == {"grossstadt": 2, "mittelstadt": 1, "landgemeinde": 1}
    this_year = datetime.date.today().year
    years = counts(result, "year")
    assert {y: years[str(y)] for y in (2019, 2020, 2021, 2022)} == {2019: 1, 2020: 2, 2021: 2, 2022: 3}
    assert years[str(this_year)] == 1  # only beta is still running


def test_counts_of_a_field_ignore_its_own_selection_but_respect_the_others(corpus):
    result = search(themes=["krisenmanagement"], crisis_types=["hochwasser"])
    assert result.total == 1
    assert result.ids_page == [corpus["gamma"].pk]
    # Themes are counted under crisis type "hochwasser" only (beta, gamma).
    assert counts(result, "themes") == {"krisenmanagement": 1, "krisenkommunikation": 2}
    # Crisis types are counted under theme "krisenmanagement" only (alpha, gamma).
    assert counts(result, "crisis_types")["hitze"] == 2
    assert counts(result, "crisis_types")["hochwasser"] == 1
    assert counts(result, "crisis_types").get("pandemie", 0) == 0
    # Fields without a selection are counted under both selections (gamma only).
    assert counts(result, "state") == {"Wien": 1}


def test_values_of_one_field_combine_with_or_and_fields_with_and(corpus):
    assert search(themes=["krisenmanagement", "vulnerable-gruppen"]).total == 3
    assert search(themes=["krisenmanagement"], crisis_types=["pandemie"]).total == 0
    assert search(crisis_types=["hitze", "pandemie"], country=["DE"]).total == 2  # alpha, delta


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"state": ["Nordrhein-Westfalen"]}, {"alpha", "delta"}),
        ({"country": ["AT"]}, {"gamma"}),
        ({"size_class": ["grossstadt"]}, {"alpha", "gamma"}),
        ({"size_class": ["landgemeinde"]}, {"beta"}),
        ({"year": ["2019"]}, {"alpha"}),
        ({"year": ["2021"]}, {"beta", "gamma"}),
        ({"year": [str(datetime.date.today().year)]}, {"beta"}),
        ({"stellschrauben": ["3"]}, {"beta", "gamma"}),
        ({"innovation_type": ["produkt"]}, {"beta"}),
        ({"phases": ["vorsorge"]}, {"alpha", "gamma"}),
        ({"actors": ["gesundheitsamt"]}, {"alpha"}),
        ({"target_groups": ["aeltere-menschen"]}, {"alpha"}),
    ],
)
def test_each_filter_field(corpus, filters, expected):
    result = search(**filters)
    assert set(result.ids_page) == {corpus[name].pk for name in expected}
    assert result.total == len(expected)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["delta", "beta", "gamma", "alpha"]),
        ("title", ["alpha", "beta", "delta", "gamma"]),
        # "Ärzteburg" sorts with A, not after Z.
        ("municipality", ["delta", "alpha", "gamma", "beta"]),
    ],
)
def test_sort_orders(corpus, sort, expected):
    assert search(sort=sort).ids_page == [corpus[name].pk for name in expected]


def test_text_search_is_case_insensitive_including_umlauts(corpus):
    assert search(q="hitzeschutz").ids_page == [corpus["alpha"].pk]
    assert search(q="ÄLTERE").ids_page == [corpus["delta"].pk]
    assert search(q="ältere menschen").ids_page == [corpus["delta"].pk]
    assert search(q="lagezentrum", themes=["krisenkommunikation"]).ids_page == [corpus["gamma"].pk]
    assert search(q="lagezentrum", themes=["vulnerable-gruppen"]).total == 0


def test_unpublished_practice_is_never_counted(corpus):
    result = search(themes=["krisenmanagement"])
    assert corpus["epsilon"].pk not in result.ids_page
    assert counts(result, "themes")["krisenmanagement"] == 2
    assert counts(search(), "year")["2023"] == 1  # beta only; epsilon (from 2023) is not published


def test_unknown_values_are_reported_by_the_browser(corpus):
    browser = PracticeBrowser.current()
    cleaned, unknown = browser.clean_filters({"themes": ["krisenmanagement", "foo"], "year": ["12345"]})
    assert cleaned == {"themes": ("krisenmanagement",)}
    assert [(u.field, u.value) for u in unknown] == [("themes", "foo"), ("year", "12345")]


def test_a_land_without_published_practices_is_known_and_yields_nothing(corpus):
    PlaceFactory(state="Saarland")
    cleaned, unknown = PracticeBrowser.current().clean_filters({"state": ["Saarland", "Atlantis"]})
    assert cleaned == {"state": ("Saarland",)}
    assert [u.value for u in unknown] == ["Atlantis"]


# --- Facet index freshness --------------------------------------------------------------------


def test_index_notices_publishing_and_unpublishing_after_it_was_built(corpus, client):
    assert search().total == 4
    epsilon = corpus["epsilon"]
    epsilon.save_revision().publish()
    assert search().total == 5
    assert counts(search(), "themes")["krisenmanagement"] == 3
    response = client.get(LIST_URL)
    assert "5 Praxisbeispiele" in response.content.decode()

    corpus["alpha"].unpublish()
    assert search().total == 4
    assert corpus["alpha"].pk not in search().ids_page
    # A change that bypasses save() (and so updated_at) is still noticed.
    Practice.objects.filter(pk=corpus["beta"].pk).update(live=False)
    assert search().total == 3
    assert "3 Praxisbeispiele" in client.get(LIST_URL).content.decode()


def test_index_notices_a_changed_classification(corpus):
    assert counts(search(), "crisis_types")["pandemie"] == 1
    gamma = Practice.objects.get(pk=corpus["gamma"].pk)
    gamma.crisis_types.set(list(gamma.crisis_types.all()) + [corpus["delta"].crisis_types.get()])
    gamma.save()
    assert counts(search(), "crisis_types")["pandemie"] == 2


# --- HTML page ----------------------------------------------------------------------------------


def test_list_page_shows_results_counts_and_demo_notice(corpus, client):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<h2[^>]*>\s*4 Praxisbeispiele\s*</h2>", html)
    assert titles(response) == [
        "Delta Telefonkette",
        "Beta Hochwasserwarnung",
        "Gamma Lagezentrum",
        "Alpha Hitzeschutz",
    ]
    assert "Epsilon" not in html
    assert 'class="demo-notice"' in html
    assert 'class="badge badge--demo"' in html
    assert "Köln, Nordrhein-Westfalen" in html
    assert "seit 2021" in html and "2019–2020" in html
    # A facet is a fieldset with a legend and labelled checkboxes showing counts.
    assert re.search(r'<fieldset class="facet" id="facet-themes">\s*<legend>Schwerpunktthemen</legend>', html)
    assert re.search(
        r'<label><input type="checkbox" name="themes" value="krisenmanagement"> '
        r'<span>[^<]+<span class="facet__count">\(2<',
        html,
    )


def test_demo_notice_only_when_results_include_demo_content(corpus, client):
    html = client.get(LIST_URL, {"themes": "krisenmanagement"}).content.decode()
    assert 'class="demo-notice"' not in html


def test_filters_sort_and_page_round_trip_through_the_url(corpus, client):
    response = client.get(
        LIST_URL, {"themes": ["krisenmanagement", "krisenkommunikation"], "country": "DE", "sort": "title"}
    )
    html = response.content.decode()
    assert titles(response) == ["Alpha Hitzeschutz", "Beta Hochwasserwarnung"]
    assert re.search(r"<h2[^>]*>\s*2 Praxisbeispiele\s*</h2>", html)
    assert 'name="themes" value="krisenmanagement" checked' in html
    assert 'name="themes" value="krisenkommunikation" checked' in html
    assert 'name="country" value="DE" checked' in html
    assert '<option value="title" selected>' in html
    # Each result links to its detail page carrying the list state along.
    link = re.search(r'class="card__title"[^>]*><a href="([^"]+)"', html).group(1).replace("&amp;", "&")
    origin = parse_qs(parse_qs(urlsplit(link).query)["from"][0])
    assert origin == {"themes": ["krisenmanagement", "krisenkommunikation"], "country": ["DE"], "sort": ["title"]}
    # Removing one filter keeps the others.
    remove = re.search(r'<a class="tag" href="([^"]+)">Staat: Deutschland', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(remove).query) == {
        "themes": ["krisenmanagement", "krisenkommunikation"],
        "sort": ["title"],
    }
    assert titles(client.get(remove)) == ["Alpha Hitzeschutz", "Beta Hochwasserwarnung", "Gamma Lagezentrum"]


def test_selected_value_with_zero_results_is_still_shown(corpus, client):
    html = client.get(LIST_URL, {"themes": "krisenmanagement", "crisis_types": "pandemie"}).content.decode()
    assert re.search(r"<h2[^>]*>\s*0 Praxisbeispiele\s*</h2>", html)
    # Both selected values have no result under the other selection, and are still offered.
    assert 'name="crisis_types" value="pandemie" checked' in html
    assert 'name="themes" value="krisenmanagement" checked' in html
    # Under crisis type "pandemie" only delta (vulnerable-gruppen) remains; the other themes are hidden.
    # The label is whatever the term is called (the shipped taxonomy may be loaded by an earlier test).
    label = escape(Theme.objects.get(slug="vulnerable-gruppen").name)
    assert f'name="themes" value="vulnerable-gruppen"> <span>{label} <span class="facet__count">(1<' in html
    assert 'name="themes" value="krisenkommunikation"' not in html


def test_unknown_filter_values_are_ignored_with_a_notice(corpus, client):
    response = client.get(LIST_URL, {"themes": ["gibtsnicht"], "year": "abc", "sort": "zufall", "page": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "„gibtsnicht“" in html and "„abc“" in html and "„zufall“" in html and "„x“" in html
    assert html.count('class="notice notice--info"') >= 4
    assert re.search(r"<h2[^>]*>\s*4 Praxisbeispiele\s*</h2>", html)


def test_text_search_on_the_page_combines_with_facets(corpus, client):
    response = client.get(LIST_URL, {"q": "hochwasserwarnung", "country": "DE"})
    assert titles(response) == ["Beta Hochwasserwarnung"]
    assert 'value="hochwasserwarnung"' in response.content.decode()


def test_text_box_uses_the_platform_search_not_a_substring_filter(corpus, client):
    # Inflected forms, transliterated umlauts and the two halves of a compound: none of them is a
    # substring of the practice's text, the platform search's German analysis finds them all.
    assert titles(client.get(LIST_URL, {"q": "Hochwasserwarnungen"})) == ["Beta Hochwasserwarnung"]
    assert titles(client.get(LIST_URL, {"q": "aeltere Menschen"})) == ["Delta Telefonkette"]
    assert "Alpha Hitzeschutz" in titles(client.get(LIST_URL, {"q": "Schutz vor Hitze"}))
    # Unpublished practices stay out, as with the facets.
    assert titles(client.get(LIST_URL, {"q": "Entwurf"})) == []


def test_text_search_counts_facets_under_the_query_and_ranks_by_relevance(corpus, client):
    response = client.get(LIST_URL, {"q": "Lagezentrum"})
    html = response.content.decode()
    assert titles(response) == ["Gamma Lagezentrum"]
    assert re.search(r"<h2[^>]*>\s*1 Praxisbeispiel\s*</h2>", html)
    # The facet counts are those of the hits: Wien only.
    assert 'name="state" value="Wien"> <span>Wien <span class="facet__count">(1<' in html
    assert 'name="state" value="Bayern"' not in html
    # Ranked by relevance by default, offered as the first sort option; other orders still work.
    assert '<option value="relevance" selected>Relevanz</option>' in html
    by_title = client.get(LIST_URL, {"q": "Lagezentrum Hochwasserwarnung", "sort": "title"})
    assert titles(by_title) == ["Beta Hochwasserwarnung", "Gamma Lagezentrum"]
    assert '<option value="title" selected>' in by_title.content.decode()


def test_relevance_sort_without_text_falls_back_to_newest(corpus, client):
    response = client.get(LIST_URL, {"sort": "relevance"})
    assert titles(response)[0] == "Delta Telefonkette"
    assert 'value="relevance"' not in response.content.decode()


def test_text_search_typo_gets_a_suggestion(corpus, client):
    response = client.get(LIST_URL, {"q": "Lagezentrom"})
    assert titles(response) == ["Gamma Lagezentrum"]
    assert "Meinten Sie „Lagezentrum“?" in response.content.decode()


@pytest.fixture
def many(db):
    place = PlaceFactory()
    return [
        PracticeFactory(
            title=f"Praxis {i:02d}", municipality=place, themes=["krisenmanagement"], start_year=2000 + i % 5
        )
        for i in range(25)
    ]


def test_pagination_is_complete_and_stable(many, client):
    first = titles(client.get(LIST_URL, {"sort": "newest"}))
    second = titles(client.get(LIST_URL, {"sort": "newest", "page": "2"}))
    assert len(first) == 20 and len(second) == 5
    assert set(first) | set(second) == {p.title for p in many}
    assert titles(client.get(LIST_URL, {"sort": "newest"})) == first
    html = client.get(LIST_URL, {"themes": "krisenmanagement"}).content.decode()
    assert 'href="/praxisbeispiele/?themes=krisenmanagement&amp;page=2"' in html


def test_page_beyond_the_last_shows_the_last_page_with_a_notice(many, client):
    response = client.get(LIST_URL, {"page": "9"})
    assert response.status_code == 200
    assert len(titles(response)) == 5
    assert "Seite 9 gibt es nicht" in response.content.decode()


def test_list_url_name():
    assert reverse("practices:list") == LIST_URL
