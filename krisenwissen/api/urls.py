"""The public read API, version 1, mounted at ``/api/v1/``.

The interactive documentation (Swagger UI) is served from django-ninja's bundled static files
("ninja" is in ``INSTALLED_APPS``), never from a CDN; ``validatorUrl`` is switched off so the page
does not call validator.swagger.io either. The schema is also committed as ``openapi.json``
(``manage.py export_openapi`` writes it; a test fails when it is out of date).
"""

from ninja import Swagger

from krisenwissen.comparisons.api import router as comparisons_router
from krisenwissen.interviews.api import router as interviews_router
from krisenwissen.literature.api import router as literature_router
from krisenwissen.news.api import router as news_router
from krisenwissen.opendata.builtin import practices_freshness
from krisenwissen.publications.api import router as publications_router
from krisenwissen.recommendations.api import router as recommendations_router
from krisenwissen.research.api import router as research_router
from krisenwissen.surveys.api import router as surveys_router

from .conventions import KrisenwissenAPI, install_validation_messages, register_freshness
from .practices import router as practices_router
from .search import router as search_router

api = KrisenwissenAPI(
    title="Krisenwissen API",
    version="1",
    description=(
        "Öffentliche Lese-Schnittstelle der Wissensplattform Krisenwissen. Alle Daten sind öffentlich; "
        "Praxisbeispiele mit `is_demo: true` sind fiktive Demo-Daten und müssen so gekennzeichnet werden."
    ),
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None}),
)
# Conventions for every router (docs/open-data.md): German 422 messages for malformed parameters;
# ETag/Last-Modified/304 and CORS come from api.conventions.OpenDataHeadersMiddleware.
install_validation_messages(api)
register_freshness("/api/v1/practices", practices_freshness)
api.add_router("/", practices_router)
api.add_router("/", literature_router)
api.add_router("/search", search_router)
api.add_router("/", recommendations_router)
api.add_router("/", research_router)
api.add_router("/", news_router)
api.add_router("/", publications_router)
api.add_router("/", interviews_router)
api.add_router("/", surveys_router)
api.add_router("/", comparisons_router)
