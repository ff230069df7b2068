"""Practice lines for import tests, built in code."""

import json


def practice_record(**overrides) -> dict:
    """A valid line of the practice format; ``overrides`` replace fields (``None`` values are kept)."""
    record = {
        "id": "PX-T-001",
        "language": "de",
        "title": "Lagezentrum mit festen Unterstäben",
        "summary": "Der Krisenstab wurde um ein ständig besetztes Lagezentrum ergänzt.",
        "description": "Als sich die Lage zuspitzte, tagte der Stab täglich in großer Runde. " * 5,
        "lessons_learned": "Ein kleiner Entscheidungskern hält den Stab arbeitsfähig.",
        "municipality": {"name": "Köln", "state": "Nordrhein-Westfalen", "country": "DE"},
        "themes": ["krisenmanagement"],
        "crisis_types": ["pandemie"],
        "phases": ["bewaeltigung", "nachbereitung"],
        "innovation_type": "prozess",
        "origin": "emergent",
        "maturity": "evaluiert",
        "actors": ["krisenstab", "gesundheitsamt"],
        "target_groups": [],
        "stellschrauben": [1, 7],
        "start_year": 2020,
        "end_year": 2023,
        "keywords": ["Lagezentrum", "Unterstab"],
    }
    record.update(overrides)
    return record


def jsonl(*records) -> str:
    """JSON Lines text; strings are taken as raw lines (for malformed input)."""
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)
