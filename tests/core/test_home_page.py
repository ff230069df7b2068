"""The home page: entry points by theme, crisis type and target group with counts of published practices."""

import re

import pytest

from krisenwissen.core.services import home_entry_points
from tests.factories import PracticeFactory


def count_after(html: str, href: str) -> int:
    """The count shown right after the link to ``href`` in a term list."""
    match = re.search(re.escape(f'href="{href}"') + r".*?\((\d+)", html, re.DOTALL)
    assert match, f"no entry point linking to {href}"
    return int(match.group(1))


@pytest.fixture
def practices(site):
    return [
        PracticeFactory(themes=["krisenmanagement"], crisis_types=["hitze"], target_groups=["aeltere-menschen"]),
        PracticeFactory(
            themes=["krisenmanagement", "krisenkommunikation"],
            crisis_types=["hitze", "hochwasser"],
            target_groups=["aeltere-menschen", "wohnungslose"],
        ),
        PracticeFactory(themes=["vulnerable-gruppen"], crisis_types=["pandemie"]),
        # Not published: counts nowhere.
        PracticeFactory(themes=["krisenmanagement"], crisis_types=["stromausfall"], live=False),
    ]


def test_home_page_links_crisis_types_and_target_groups_into_the_filtered_list_with_counts(client, practices):
    html = client.get("/").content.decode()

    assert count_after(html, "/praxisbeispiele/?crisis_types=hitze") == 2
    assert count_after(html, "/praxisbeispiele/?crisis_types=hochwasser") == 1
    assert count_after(html, "/praxisbeispiele/?crisis_types=pandemie") == 1
    assert count_after(html, "/praxisbeispiele/?target_groups=aeltere-menschen") == 2
    assert count_after(html, "/praxisbeispiele/?target_groups=wohnungslose") == 1
    # Terms without published practices are no entry point: the unpublished practice's
    # "stromausfall" and the unused "cyberangriff" are left out.
    assert "crisis_types=stromausfall" not in html
    assert "crisis_types=cyberangriff" not in html
    assert "target_groups=gefluechtete" not in html


def test_home_page_shows_every_theme_with_its_count_of_published_practices(client, practices):
    html = client.get("/").content.decode()

    cards = re.findall(r'<li class="card card--theme">(.*?)</li>', html, re.DOTALL)
    shown = {
        re.search(r'href="/themen/([\w-]+)/"', card).group(1): re.search(r'card__count">(\d+) ', card).group(1)
        for card in cards
    }
    assert shown == {"krisenmanagement": "2", "krisenkommunikation": "1", "vulnerable-gruppen": "1"}
    assert "Alle 4 Praxisbeispiele" not in html
    assert "Alle 3 Praxisbeispiele ansehen" in html


def test_home_page_lists_the_newest_practices_and_only_published_ones(client, site):
    old = PracticeFactory(title="Ältere Praxis", themes=["krisenmanagement"])
    new = PracticeFactory(title="Neueste Praxis", themes=["krisenmanagement"])
    hidden = PracticeFactory(title="Unveröffentlichte Praxis", themes=["krisenmanagement"], live=False)

    html = client.get("/").content.decode()

    assert html.index(new.get_absolute_url()) < html.index(old.get_absolute_url())
    assert hidden.title not in html


def test_demo_notice_appears_only_while_demo_practices_are_published(client, site):
    PracticeFactory(themes=["krisenmanagement"])
    assert "demo-notice" not in client.get("/").content.decode()

    demo = PracticeFactory(themes=["krisenmanagement"], is_demo=True)
    html = client.get("/").content.decode()
    assert "demo-notice" in html
    assert re.search(r'class="badge badge--demo"[^>]*>Demo<', html)

    demo.live = False
    demo.save()
    assert "demo-notice" not in client.get("/").content.decode()


def test_empty_platform_says_so_instead_of_showing_empty_lists(client, site):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Noch sind keine Praxisbeispiele veröffentlicht." in html
    assert "crisis_types=" not in html
    assert "0 Praxisbeispiele" in html  # each theme card still shows its (empty) count


def test_entry_points_need_a_fixed_number_of_queries(site, django_assert_max_num_queries):
    for n in range(12):
        PracticeFactory(themes=["krisenmanagement"], crisis_types=["hitze", "pandemie"], target_groups=[f"gruppe-{n}"])

    with django_assert_max_num_queries(7):
        entry_points = home_entry_points()
        [term.practice_count for term in entry_points["target_groups"]]
        [list(practice.themes.all()) for practice in entry_points["newest_practices"]]
        [practice.municipality.name for practice in entry_points["newest_practices"]]

    assert len(entry_points["target_groups"]) == 12
    assert [t.slug for t in entry_points["themes"]] == ["krisenmanagement", "krisenkommunikation", "vulnerable-gruppen"]
    assert entry_points["practice_count"] == 12
