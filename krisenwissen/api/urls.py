"""The public read API, version 1, mounted at ``/api/v1/``.

The interactive documentation (Swagger UI) is served from django-ninja's bundled static files
("ninja" is in ``INSTALLED_APPS``), never from a CDN; ``validatorUrl`` is switched off so the page
does not call validator.swagger.io either.
"""

from ninja import NinjaAPI, Swagger

from .practices import router as practices_router
from .search import router as search_router

api = NinjaAPI(
    title="Krisenwissen API",
    version="1",
    description=(
        "Öffentliche Lese-Schnittstelle der Wissensplattform Krisenwissen. Alle Daten sind öffentlich; "
        "Praxisbeispiele mit `is_demo: true` sind fiktive Demo-Daten und müssen so gekennzeichnet werden."
    ),
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/", practices_router)
api.add_router("/search", search_router)
