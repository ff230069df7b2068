"""The committed OpenAPI schema matches the code (CI fails when a router changes without it)."""

from krisenwissen.api.openapi import SCHEMA_FILE, generated_schema, render


def test_committed_schema_is_current(db):
    committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
    assert committed == render(generated_schema()), (
        "krisenwissen/api/openapi.json ist veraltet. Bitte ausführen: "
        "DJANGO_SETTINGS_MODULE=krisenwissen.settings.dev .venv/bin/python manage.py export_openapi "
        "und die Datei mit committen."
    )


def test_served_schema_is_the_committed_one(client, db):
    import json

    served = client.get("/api/v1/openapi.json").json()
    assert served["paths"].keys() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["paths"].keys()
