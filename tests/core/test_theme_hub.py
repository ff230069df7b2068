"""Theme hubs: one page per focus theme with entry points inside the theme."""

from tests.factories import PracticeFactory


def test_unknown_theme_is_a_404_with_the_platform_layout(client, site):
    response = client.get("/themen/gibt-es-nicht/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert 'class="site-header"' in html


def test_theme_hub_counts_only_the_practices_of_its_theme(client, site):
    PracticeFactory(title="Hitzetelefon", themes=["vulnerable-gruppen"], crisis_types=["hitze"])
    PracticeFactory(title="Kältebus", themes=["vulnerable-gruppen"], crisis_types=["hitze", "unwetter"])
    PracticeFactory(title="Lagezentrum", themes=["krisenmanagement"], crisis_types=["pandemie"])
    PracticeFactory(title="Entwurf", themes=["vulnerable-gruppen"], crisis_types=["stromausfall"], live=False)

    response = client.get("/themen/vulnerable-gruppen/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Umgang mit vulnerablen Gruppen</h1>" in html
    assert "Alle 2 Praxisbeispiele zu diesem Thema ansehen" in html
    assert 'href="/praxisbeispiele/?themes=vulnerable-gruppen"' in html
    assert 'href="/praxisbeispiele/?themes=vulnerable-gruppen&amp;crisis_types=hitze"' in html
    assert 'href="/praxisbeispiele/?themes=vulnerable-gruppen&amp;crisis_types=unwetter"' in html
    assert "crisis_types=pandemie" not in html  # only in another theme
    assert "crisis_types=stromausfall" not in html  # not published
    assert "Hitzetelefon" in html and "Kältebus" in html
    assert "Lagezentrum" not in html and "Entwurf" not in html


def test_theme_without_practices_says_so(client, site):
    response = client.get("/themen/krisenkommunikation/")

    assert response.status_code == 200
    assert "Zu diesem Thema sind noch keine Praxisbeispiele veröffentlicht." in response.content.decode()


def test_header_marks_the_current_theme(client, site):
    html = client.get("/themen/krisenmanagement/").content.decode()

    assert 'href="/themen/krisenmanagement/" aria-current="page"' in html
    assert 'href="/themen/krisenkommunikation/" aria-current' not in html
