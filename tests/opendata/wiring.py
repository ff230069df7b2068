"""Helpers for the wiring tests of the content types (tests/opendata/test_wiring_<app>.py)."""

import csv
import io
import json
import re

import pytest
from rdflib import Graph, URIRef

FORMULA_TITLE = '=HYPERLINK("http://evil.example","Klick")'
SCHEMA = "https://schema.org/"


@pytest.fixture
def site(db):
    """The shipped vocabularies and the editorial pages (home page and the legal pages)."""
    from krisenwissen.core.bootstrap import ensure_site_pages
    from krisenwissen.taxonomy.services import load_taxonomy
    from tests.browser.conftest import restore_wagtail_tree

    restore_wagtail_tree()
    load_taxonomy()
    return ensure_site_pages()


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def csv_rows(client, key: str) -> list[dict]:
    response = client.get(f"/daten/{key}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Link"].endswith('rel="license"')
    return list(csv.DictReader(io.StringIO(body(response))))


def json_export(client, key: str) -> dict:
    response = client.get(f"/daten/{key}.json")
    assert response.status_code == 200
    data = json.loads(body(response))
    assert data["licence"]["name"]
    return data


def jsonld_export(client, key: str) -> tuple[dict, Graph]:
    response = client.get(f"/daten/{key}.jsonld")
    assert response.status_code == 200
    text = body(response)
    return json.loads(text), Graph().parse(data=text, format="json-ld")


def names_in(graph: Graph) -> set[str]:
    return {str(o) for o in graph.objects(None, URIRef(SCHEMA + "name"))}


def jsonld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    ]


def detail_jsonld(client, url: str, *, platform_publisher: bool = True) -> tuple[dict, dict]:
    """The main node of ``{% json_ld obj %}`` and the BreadcrumbList of a detail page; both parse as RDF."""
    response = client.get(url)
    assert response.status_code == 200, url
    blocks = jsonld_blocks(response.content.decode())
    graph_block = next(block for block in blocks if "@graph" in block)
    crumbs = next(block for block in blocks if block.get("@type") == "BreadcrumbList")
    node, organisation = graph_block["@graph"]
    assert organisation["@type"] == "Organization"
    if platform_publisher:
        assert node["publisher"] == {"@id": organisation["@id"]}
    offline = dict(graph_block, **{"@context": {"@vocab": SCHEMA}})
    graph = Graph().parse(data=json.dumps(offline), format="json-ld")
    assert (URIRef(node["@id"]), None, None) in graph
    offline_crumbs = dict(crumbs, **{"@context": {"@vocab": SCHEMA}})
    assert len(Graph().parse(data=json.dumps(offline_crumbs), format="json-ld")) > 0
    return node, crumbs


def sitemap_section(client, section: str) -> str:
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert f"http://testserver/sitemap-{section}.xml" in index.content.decode()
    response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    return response.content.decode()


def assert_revalidates(client, path: str, touch) -> None:
    """The API answers a revalidation with 304 before the view runs, and a change breaks it."""
    first = client.get(path)
    assert first.status_code == 200
    assert first["Last-Modified"] and first["ETag"]
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    touch()
    changed = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
