"""Load the starting vocabularies shipped with the platform."""

import json
from pathlib import Path

from django.db import transaction

from .models import VOCABULARIES

TAXONOMY_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.json"


@transaction.atomic
def load_taxonomy(path: Path = TAXONOMY_FILE) -> dict[str, int]:
    """Create every starting term that does not exist yet; return how many were created per vocabulary.

    Existing terms are left alone: once a term is in the database, editors own its labels and
    descriptions, and re-running the set-up must not undo their edits.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    created = {}
    for vocabulary, model in VOCABULARIES.items():
        existing = set(model.objects.values_list("slug", flat=True))
        new = [model(**term) for term in data[vocabulary] if term["slug"] not in existing]
        model.objects.bulk_create(new)
        created[vocabulary] = len(new)
    return created
