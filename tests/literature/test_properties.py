"""Property-based tests: exports round-trip through every parser, and no input escapes the error type."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krisenwissen.literature.formats import dumps, parse
from krisenwissen.literature.formats.types import CSL_TYPES

from . import fuzz_bibtex, fuzz_csljson, fuzz_csv, fuzz_ris
from .fuzzing import _mutations

LETTERS = "abcdefghijklmnopqrstuvwxyzäöüßéçøABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=10)
PUNCT = st.sampled_from(
    ["", ":", "!", "?", "&", "%", "$", "#", "_", "~", "^", "--", "(", ")", "/", "{", "}", "\\", "'"]
)
TITLE = st.lists(st.tuples(WORD, PUNCT).map("".join), min_size=1, max_size=8).map(" ".join)
START = st.sampled_from(["", "=", "+", "-", "@"])
PERSON = st.builds(lambda f, g: {"family": f, "given": g}, WORD, WORD)
ORGANISATION = st.lists(WORD, min_size=2, max_size=5).map(lambda ws: {"literal": " ".join(ws)})
ITEM = st.fixed_dictionaries(
    {
        "type": st.sampled_from(CSL_TYPES),
        "title": st.tuples(START, TITLE).map("".join),
        "author": st.lists(st.one_of(PERSON, ORGANISATION), min_size=0, max_size=4),
    },
    optional={
        "issued": st.tuples(st.integers(1900, 2100), st.integers(1, 12)).map(lambda t: {"date-parts": [list(t)]}),
        "container-title": TITLE,
        "publisher": TITLE,
        "DOI": st.integers(1000, 99999).map(lambda n: f"10.{n}/abc.{n}"),
        "URL": st.integers(1, 10**6).map(lambda n: f"https://example.org/{n}?a=1&b=2"),
        "language": st.sampled_from(["de", "en", "fr"]),
        "keyword": st.lists(WORD, min_size=1, max_size=3).map(", ".join),
    },
)
COMPARED = ("type", "title", "author", "issued", "container-title", "publisher", "DOI", "URL", "language", "keyword")


def comparable(item: dict) -> dict:
    result = {key: item[key] for key in COMPARED if item.get(key)}
    return result


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json", "csv"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(ITEM, min_size=1, max_size=5))
def test_export_then_import_gives_the_same_records(fmt, items):
    cleaned = [{k: v for k, v in item.items() if v} for item in items]
    text = dumps(cleaned, fmt)
    result = parse(text, fmt)
    assert result.invalid == []
    assert [comparable(r.item) for r in result.records] == [comparable(item) for item in cleaned]


@pytest.mark.parametrize("target", [fuzz_ris, fuzz_bibtex, fuzz_csljson, fuzz_csv])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_targets_only_return_records_or_the_import_error(target, data):
    blob = data.draw(st.one_of(st.binary(max_size=2000), st.sampled_from(target.SEEDS).flatmap(_mutations)))
    target.fuzz(blob)
