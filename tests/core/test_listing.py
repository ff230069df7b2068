"""The shared building blocks of the faceted lists: page links and facet groups."""

from dataclasses import dataclass

from krisenwissen.core.listing import FACET_VISIBLE_VALUES, facet_groups, page_navigation


def url(number: int) -> str:
    return f"?page={number}"


def test_page_navigation_shows_ends_neighbours_and_gaps():
    nav = page_navigation(url, 6, 20)
    numbers = [link["number"] if link else "…" for link in nav["page_links"]]
    assert numbers == [1, "…", 4, 5, 6, 7, 8, "…", 20]
    assert [link["number"] for link in nav["page_links"] if link and link["current"]] == [6]
    assert (nav["previous_url"], nav["next_url"]) == ("?page=5", "?page=7")

    first = page_navigation(url, 1, 3)
    assert [link["number"] for link in first["page_links"]] == [1, 2, 3]
    assert (first["previous_url"], first["next_url"]) == ("", "?page=2")
    assert page_navigation(url, 1, 1) == {"page_links": [], "previous_url": "", "next_url": ""}


@dataclass
class Value:
    value: str
    label: str
    count: int
    selected: bool = False


def test_facet_groups_keep_selected_values_fold_the_rest_and_escape_labels():
    many = [Value(f"v{i}", f"Wert {i}", 20 - i) for i in range(FACET_VISIBLE_VALUES + 2)]
    many[-1].selected = True
    facets = {
        "themes": many,
        "state": [Value("x", "<b>Bayern</b>", 0, selected=True), Value("y", "Berlin", 0)],
        "empty": [Value("z", "Nichts", 0)],
    }
    groups = facet_groups(facets, [("state", "Land"), ("themes", "Themen"), ("empty", "Leer")])

    assert [g["name"] for g in groups] == ["state", "themes"]  # order of the legends; no empty group
    state, themes = groups
    assert "&lt;b&gt;Bayern&lt;/b&gt;" in state["visible"] and "Berlin" not in state["visible"]
    assert 'value="x" checked' in state["visible"]
    assert themes["visible"].count("<li>") == FACET_VISIBLE_VALUES
    assert themes["more"].count("<li>") == 2 and themes["more_open"] is True
    assert themes["more_label"] == "2 weitere Werte"
