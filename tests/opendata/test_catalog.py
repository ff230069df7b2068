"""The DCAT-AP.de catalogue: valid against the DCAT-AP.de 2.0 SHACL shapes, in three serialisations."""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SH

SHAPES = Path(__file__).parent / "shapes"
SHAPE_FILES = ("dcat-ap_2.1.1_shacl_shapes.ttl", "dcat-ap-spec-german-additions.ttl", "dcat-ap-de-deprecated.ttl")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")


@pytest.fixture(scope="module")
def shapes():
    graph = Graph()
    for name in SHAPE_FILES:
        graph.parse(SHAPES / name)
    return graph


@pytest.fixture(scope="module")
def vocabularies():
    return Graph().parse(SHAPES / "vocabularies-excerpt.ttl")


def results(data: Graph, shapes: Graph, vocabularies: Graph) -> list[tuple[str, str, str]]:
    # What the owl:imports of dcat-ap-de-imports.ttl would add online: the vocabulary concepts.
    combined = Graph()
    for triple in data:
        combined.add(triple)
    for triple in vocabularies:
        combined.add(triple)
    conforms, report, _text = validate(combined, shacl_graph=shapes, inference="none", allow_warnings=True)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found.append(
            (
                str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
                str(report.value(result, SH.focusNode)),
                str(report.value(result, SH.resultMessage)),
            )
        )
    return found


def test_catalog_is_valid_dcat_ap_de(client, corpus, shapes, vocabularies):
    response = client.get("/catalog.ttl")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = Graph().parse(data=response.content.decode(), format="turtle")
    found = results(data, shapes, vocabularies)
    assert found == [], "\n".join(" | ".join(item) for item in found)

    datasets = set(data.subjects(RDF.type, DCAT.Dataset))
    assert {str(d).rsplit("-", 1)[-1] for d in datasets} >= {"praxisbeispiele", "taxonomie", "kommunen"}
    practices = URIRef("http://testserver/catalog#dataset-praxisbeispiele")
    licences = {str(o) for d in data.objects(practices, DCAT.distribution) for o in data.objects(d, DCTERMS.license)}
    assert licences == {"http://dcat-ap.de/def/licenses/cc-by/4.0"}
    downloads = {str(o) for d in data.objects(practices, DCAT.distribution) for o in data.objects(d, DCAT.downloadURL)}
    assert downloads == {f"http://testserver/daten/praxisbeispiele.{fmt}" for fmt in ("csv", "json", "jsonld")}
    registry = URIRef("http://testserver/catalog#dataset-kommunen")
    registry_licences = {
        str(o) for d in data.objects(registry, DCAT.distribution) for o in data.objects(d, DCTERMS.license)
    }
    assert registry_licences == {"http://dcat-ap.de/def/licenses/dl-by-de/2.0"}
    # Records are not in the catalogue, drafts least of all.
    assert (None, None, Literal("Geheimer Entwurf")) not in data


def test_a_broken_catalogue_fails_the_shapes(client, corpus, shapes, vocabularies):
    """The validation is not vacuous: a dataset without a title and with a foreign theme is rejected."""
    data = Graph().parse(data=client.get("/catalog.ttl").content.decode(), format="turtle")
    practices = URIRef("http://testserver/catalog#dataset-praxisbeispiele")
    data.remove((practices, DCTERMS.title, None))
    data.add((practices, DCAT.theme, URIRef("http://example.org/not-a-data-theme")))
    messages = [message for severity, _node, message in results(data, shapes, vocabularies) if severity == "Violation"]
    assert any("data-theme" in message for message in messages)
    assert len(messages) >= 2


@pytest.mark.parametrize(("path", "fmt"), [("/catalog.rdf", "xml"), ("/catalog.jsonld", "json-ld")])
def test_other_serialisations_hold_the_same_graph(client, corpus, path, fmt):
    turtle = Graph().parse(data=client.get("/catalog.ttl").content.decode(), format="turtle")
    other = Graph().parse(data=client.get(path).content.decode(), format=fmt)
    assert len(other) == len(turtle)
    assert set(other.subjects(RDF.type, DCAT.Distribution)) == set(turtle.subjects(RDF.type, DCAT.Distribution))


def test_catalog_with_every_wired_content_type_stays_valid(client, corpus, shapes, vocabularies):
    """Each content type wired in from its app's open_data.py adds a dataset that passes the shapes too."""
    from tests.research.factories import (
        EventFactory,
        NewsItemFactory,
        PublicationFactory,
        ResearchProjectFactory,
        TrainingOfferFactory,
    )

    for factory in (ResearchProjectFactory, NewsItemFactory, EventFactory, TrainingOfferFactory, PublicationFactory):
        factory()
        factory(title="Geheimer Entwurf", live=False)
    from krisenwissen.literature.models import Literature

    Literature.objects.create(title="Ein Nachweis", year=2024, live=True)
    from tests.interviews.factories import InterviewFactory
    from tests.opendata.test_wiring_contentb import make_arrangement, make_survey

    InterviewFactory()
    make_survey("Eine Befragung")
    make_arrangement("Bayern", "Krisenstab Bayern")
    data = Graph().parse(data=client.get("/catalog.ttl").content.decode(), format="turtle")
    found = results(data, shapes, vocabularies)
    assert found == [], "\n".join(" | ".join(item) for item in found)
    wired = {"forschungsprojekte", "aktuelles", "termine", "fortbildungen", "publikationen", "literatur"}
    wired |= {"interviews", "befragungen", "vergleich-krisenstaebe"}
    assert {str(d).split("#dataset-", 1)[-1] for d in data.subjects(RDF.type, DCAT.Dataset)} >= wired
    for key in ("forschungsprojekte", "termine", "publikationen", "literatur", "interviews", "vergleich-krisenstaebe"):
        dataset = URIRef(f"http://testserver/catalog#dataset-{key}")
        downloads = {
            str(o) for d in data.objects(dataset, DCAT.distribution) for o in data.objects(d, DCAT.downloadURL)
        }
        assert downloads == {f"http://testserver/daten/{key}.{fmt}" for fmt in ("csv", "json", "jsonld")}
        assert (dataset, DCTERMS.modified, None) in data
    assert (None, None, Literal("Geheimer Entwurf")) not in data
