"""RSS and Atom feeds of new and updated practices, overall and per theme, crisis type and Land."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from krisenwissen.practices.models import Practice

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_titles(response) -> list[str]:
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed in a test
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(response) -> list[str]:
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed in a test
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_overall_rss_has_published_practices_newest_first(client, corpus):
    response = client.get("/feeds/praxisbeispiele/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    titles = rss_titles(response)
    assert set(titles) == {corpus["formula"].title, "[Demo] Pegel-SMS"}
    assert "Geheimer Entwurf" not in response.content.decode()


def test_atom_feed(client, corpus):
    response = client.get("/feeds/praxisbeispiele/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert set(atom_titles(response)) == {corpus["formula"].title, "[Demo] Pegel-SMS"}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/feeds/praxisbeispiele/thema/vulnerable-gruppen/", ["formula"]),
        ("/feeds/praxisbeispiele/krisenart/hochwasser/", ["demo"]),
        ("/feeds/praxisbeispiele/land/nordrhein-westfalen/", ["formula"]),
        ("/feeds/praxisbeispiele/land/sachsen/atom/", ["demo"]),
    ],
)
def test_filtered_feeds(client, corpus, path, expected):
    response = client.get(path)
    assert response.status_code == 200
    titles = atom_titles(response) if path.endswith("atom/") else rss_titles(response)
    wanted = {corpus[key].title if not corpus[key].is_demo else f"[Demo] {corpus[key].title}" for key in expected}
    assert set(titles) == wanted


def test_updated_practice_appears_as_update(client, corpus):
    later = corpus["formula"].created_at + datetime.timedelta(days=3)
    Practice.objects.filter(pk=corpus["formula"].pk).update(updated_at=later)
    titles = rss_titles(client.get("/feeds/praxisbeispiele/"))
    assert titles[0] == f"Aktualisiert: {corpus['formula'].title}"


@pytest.mark.parametrize("path", ["/feeds/praxisbeispiele/thema/gibtsnicht/", "/feeds/praxisbeispiele/land/atlantis/"])
def test_unknown_filter_is_404(client, corpus, path):
    assert client.get(path).status_code == 404
