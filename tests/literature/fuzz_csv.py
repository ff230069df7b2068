"""Fuzz target for the csv parser: arbitrary bytes → records or LiteratureImportError, nothing else.

DJANGO_SETTINGS_MODULE=krisenwissen.settings.test .venv/bin/python -m tests.literature.fuzz_csv [EXAMPLES]
"""

import sys

from . import samples
from .fuzzing import check, run

FORMAT = "csv"
SEEDS = [samples.ZOTERO_CSV.encode("utf-8"), samples.CITAVI_CSV.encode("utf-8")]


def fuzz(data: bytes) -> None:
    check(data, FORMAT)


if __name__ == "__main__":
    run(FORMAT, SEEDS, int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
