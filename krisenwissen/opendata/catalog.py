"""The DCAT-AP.de catalogue of the registered datasets (``/catalog.ttl``, ``.rdf``, ``.jsonld``).

One ``dcat:Dataset`` per registered dataset, with one ``dcat:Distribution`` per download format,
plus a ``dcat:DataService`` for the read API. Controlled vocabularies are the ones DCAT-AP.de 2.0
prescribes: EU data themes, languages, frequencies and file types, IANA media types and the
DCAT-AP.de licence list. The catalogue validates against the DCAT-AP.de 2.0 SHACL shapes
(``tests/opendata/shapes/``), so GovData can harvest it. Every resource has a stable IRI (no blank
nodes), so harvesters can compare runs.
"""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from django.urls import reverse
from django.utils import timezone, translation

from .exports import attribution, dataset_licence, download_url, landing_url
from .licences import content_licence
from .registry import datasets

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
DCATAP = Namespace("http://data.europa.eu/r5r#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
GERMANY_GEONAMES = URIRef("http://sws.geonames.org/2921044/")
POLITICAL_LEVEL_FEDERAL = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/federal")

FILE_TYPES = {"csv": "CSV", "json": "JSON", "jsonld": "JSON_LD"}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json", "jsonld": "application/ld+json"}
FORMAT_TITLES = {"csv": "CSV", "json": "JSON", "jsonld": "JSON-LD (schema.org)"}
SERIALISATIONS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("pretty-xml", "application/rdf+xml; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
}


def _eu(vocabulary: str, code: str) -> URIRef:
    return URIRef(f"{EU}{vocabulary}/{code}")


def build_catalog(base_url: str, contact_email: str = "") -> Graph:
    """The catalogue graph for the site at ``base_url`` (scheme and host, no trailing slash)."""
    base_url = base_url.rstrip("/")
    platform_licence, operator = content_licence()
    g = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("dcatde", DCATDE),
        ("dcatap", DCATAP),
        ("vcard", VCARD),
    ):
        g.bind(prefix, namespace)

    catalog = URIRef(f"{base_url}/catalog#catalog")
    publisher = URIRef(f"{base_url}/catalog#publisher")
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(operator or "Krisenwissen")))
    g.add((publisher, FOAF.homepage, URIRef(f"{base_url}/")))

    contact = URIRef(f"{base_url}/catalog#contact")
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, VCARD.fn, Literal(operator or "Krisenwissen")))
    if contact_email:
        g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{contact_email}")))
    with translation.override("de"):
        g.add((contact, VCARD.hasURL, URIRef(f"{base_url}{reverse('opendata:index')}")))

    now = timezone.now()
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("Krisenwissen – Offene Daten", lang="de")))
    g.add((catalog, DCTERMS.title, Literal("Krisenwissen – Open data", lang="en")))
    g.add(
        (
            catalog,
            DCTERMS.description,
            Literal(
                "Offene Daten der Wissensplattform für kommunales Krisenmanagement: Praxisbeispiele und weitere "
                "Inhalte sowie die Vokabulare und das Gemeinderegister, auf die sie sich beziehen.",
                lang="de",
            ),
        )
    )
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, URIRef(f"{base_url}/")))
    g.add((catalog, DCTERMS.language, _eu("language", "DEU")))
    g.add((catalog, DCTERMS.license, URIRef(platform_licence.dcat_uri)))
    g.add((catalog, DCTERMS.modified, Literal(now.replace(microsecond=0), datatype=XSD.dateTime)))
    g.add((catalog, DCAT.themeTaxonomy, URIRef(f"{EU}data-theme")))
    g.add((catalog, DCTERMS.spatial, GERMANY_GEONAMES))

    registered = datasets()
    dataset_nodes = []
    for dataset in registered:
        node = URIRef(f"{base_url}/catalog#dataset-{dataset.key}")
        dataset_nodes.append(node)
        licence = dataset_licence(dataset)
        modified = dataset.modified()
        g.add((catalog, DCAT.dataset, node))
        g.add((node, RDF.type, DCAT.Dataset))
        g.add((node, DCTERMS.identifier, Literal(f"{base_url}/daten/{dataset.key}")))
        g.add((node, DCTERMS.title, Literal(str(dataset.title), lang="de")))
        g.add((node, DCTERMS.description, Literal(str(dataset.description), lang="de")))
        g.add((node, DCTERMS.publisher, publisher))
        g.add((node, DCAT.contactPoint, contact))
        g.add((node, DCAT.landingPage, URIRef(landing_url(dataset, base_url))))
        g.add((node, DCTERMS.language, _eu("language", "DEU")))
        g.add((node, DCTERMS.accrualPeriodicity, _eu("frequency", dataset.frequency)))
        g.add((node, DCTERMS.spatial, GERMANY_GEONAMES))
        g.add((node, DCATDE.politicalGeocodingLevelURI, POLITICAL_LEVEL_FEDERAL))
        for theme in dataset.themes:
            g.add((node, DCAT.theme, _eu("data-theme", theme)))
        for keyword in dataset.keywords:
            g.add((node, DCAT.keyword, Literal(str(keyword), lang="de")))
        if modified:
            g.add((node, DCTERMS.modified, Literal(modified.replace(microsecond=0), datatype=XSD.dateTime)))
        for fmt in FILE_TYPES:
            url = URIRef(download_url(dataset, fmt, base_url))
            distribution = URIRef(f"{base_url}/catalog#dataset-{dataset.key}-{fmt}")
            g.add((node, DCAT.distribution, distribution))
            g.add((distribution, RDF.type, DCAT.Distribution))
            g.add((distribution, DCTERMS.title, Literal(f"{dataset.title} ({FORMAT_TITLES[fmt]})", lang="de")))
            g.add((distribution, DCAT.accessURL, url))
            g.add((distribution, DCAT.downloadURL, url))
            g.add((distribution, DCTERMS.format, _eu("file-type", FILE_TYPES[fmt])))
            g.add((distribution, DCAT.mediaType, URIRef(IANA + MEDIA_TYPES[fmt])))
            g.add((distribution, DCTERMS.license, URIRef(licence.dcat_uri)))
            g.add((distribution, DCATDE.licenseAttributionByText, Literal(attribution(dataset), lang="de")))
            g.add((distribution, DCATAP.availability, _eu("planned-availability", "STABLE")))
            if modified:
                g.add((distribution, DCTERMS.modified, Literal(modified.replace(microsecond=0), datatype=XSD.dateTime)))

    service = URIRef(f"{base_url}/catalog#api")
    g.add((catalog, DCAT.service, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("Krisenwissen API (Version 1)", lang="de")))
    g.add(
        (
            service,
            DCTERMS.description,
            Literal(
                "Öffentliche Lese-Schnittstelle mit Filtern, Facetten und Seitenweise-Abruf (OpenAPI 3).", lang="de"
            ),
        )
    )
    g.add((service, DCAT.endpointURL, URIRef(f"{base_url}/api/v1/")))
    g.add((service, DCAT.endpointDescription, URIRef(f"{base_url}/api/v1/openapi.json")))
    g.add((service, DCTERMS.license, URIRef(platform_licence.dcat_uri)))
    g.add((service, DCTERMS.publisher, publisher))
    for node in dataset_nodes:
        if not str(node).endswith(("-taxonomie", "-kommunen")):
            g.add((service, DCAT.servesDataset, node))
    return g


def serialise(graph: Graph, fmt: str) -> tuple[str, str]:
    rdflib_format, content_type = SERIALISATIONS[fmt]
    if fmt == "jsonld":
        context = {
            "dcat": str(DCAT),
            "dct": str(DCTERMS),
            "foaf": str(FOAF),
            "dcatde": str(DCATDE),
            "dcatap": str(DCATAP),
            "vcard": str(VCARD),
        }
        return graph.serialize(format=rdflib_format, context=context, indent=2), content_type
    return graph.serialize(format=rdflib_format), content_type
