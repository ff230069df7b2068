from ninja import NinjaAPI

api = NinjaAPI(
    title="Krisenwissen API",
    version="1",
    description="Öffentliche Lese-Schnittstelle der Wissensplattform Krisenwissen.",
    urls_namespace="api-v1",
)
