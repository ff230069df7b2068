"""schema.org JSON-LD on the practice detail page, sitemap.xml and robots.txt."""

import json
import re

from rdflib import Graph, URIRef


def jsonld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    ]


def test_practice_detail_has_creativework_organisation_and_breadcrumbs(client, corpus):
    practice = corpus["formula"]
    response = client.get(practice.get_absolute_url())
    assert response.status_code == 200
    blocks = jsonld_blocks(response.content.decode())
    graph_block = next(block for block in blocks if "@graph" in block)
    work, organisation = graph_block["@graph"]
    assert work["@type"] == "CreativeWork"
    assert work["name"] == practice.title
    assert work["url"] == f"http://testserver{practice.get_absolute_url()}"
    assert work["license"] == "https://creativecommons.org/licenses/by/4.0/deed.de"
    assert work["spatialCoverage"]["name"] == "Köln"
    assert work["temporalCoverage"] == "2021/.."
    assert work["publisher"] == {"@id": organisation["@id"]}
    assert organisation["@type"] == "Organization"
    crumbs = next(block for block in blocks if block.get("@type") == "BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]] == ["Startseite", "Praxisbeispiele", practice.title]
    assert crumbs["itemListElement"][1]["item"] == "http://testserver/praxisbeispiele/"


def test_jsonld_parses_as_rdf_and_cannot_break_out_of_the_script(client, corpus):
    practice = corpus["formula"]
    practice.summary = "</script><script>alert(1)</script>"
    practice.save()
    html = client.get(practice.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    block = next(b for b in jsonld_blocks(html) if "@graph" in b)
    assert block["@graph"][0]["abstract"] == "</script><script>alert(1)</script>"
    # Parsed as RDF with the schema.org vocabulary inline (the tests run offline).
    block["@context"] = {"@vocab": "https://schema.org/"}
    graph = Graph().parse(data=json.dumps(block), format="json-ld")
    assert (URIRef(f"http://testserver{practice.get_absolute_url()}"), None, None) in graph


def test_sitemap_lists_published_non_demo_practices(client, corpus):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    text = index.content.decode()
    assert "http://testserver/sitemap-praxisbeispiele.xml" in text
    section = client.get("/sitemap-praxisbeispiele.xml").content.decode()
    assert f"http://testserver{corpus['formula'].get_absolute_url()}" in section
    assert f"/en{corpus['formula'].get_absolute_url()}" in section  # English alternate
    assert corpus["demo"].slug not in section  # demo pages are noindex
    assert corpus["draft"].slug not in section
    overview = client.get("/sitemap-uebersichten.xml").content.decode()
    assert "http://testserver/praxisbeispiele/" in overview and "http://testserver/daten/" in overview


def test_robots_txt_points_to_sitemap_and_hides_private_areas(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    for path in ("/cms/", "/reflexionsraum/", "/konto/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines
