"""The OpenAPI document of the API as committed in ``krisenwissen/api/openapi.json``."""

import json
from pathlib import Path

SCHEMA_FILE = Path(__file__).resolve().parent / "openapi.json"


def generated_schema() -> dict:
    """The schema as the running code generates it (German texts, independent of the request)."""
    from django.utils import translation

    from .urls import api

    with translation.override("de"):
        schema = api.get_openapi_schema(path_prefix="/api/v1/")
    # A JSON round trip turns lazy strings and tuples into what the file holds.
    return json.loads(json.dumps(schema, ensure_ascii=False, default=str))


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
