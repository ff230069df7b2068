"""The contract every fuzz target checks: bytes in → a ParseResult or LiteratureImportError out."""

from krisenwissen.literature.formats import LiteratureImportError, ParseResult, parse_bytes


def check(data: bytes, fmt: str | None) -> None:
    try:
        result = parse_bytes(data, fmt)
    except LiteratureImportError as error:
        assert str(error).strip(), "an import error must say what is wrong"
        return
    assert isinstance(result, ParseResult)
    for record in result.records:
        assert isinstance(record.item, dict) and record.item.get("title")
        assert isinstance(record.line, int) and record.line >= 1
    for line, reason in result.invalid:
        assert isinstance(line, int) and reason


def run(fmt: str | None, seeds: list[bytes], examples: int = 2000) -> None:
    """Run the target under hypothesis (``python -m tests.literature.fuzz_ris`` etc.)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    import django

    django.setup()

    @settings(max_examples=examples, deadline=None)
    @given(st.one_of(st.binary(max_size=4000), st.sampled_from(seeds).flatmap(_mutations)))
    def target(data):
        check(data, fmt)

    target()


def _mutations(seed: bytes):
    from hypothesis import strategies as st

    return st.tuples(st.integers(0, len(seed)), st.integers(0, len(seed)), st.binary(max_size=40)).map(
        lambda t: seed[: min(t[0], t[1])] + t[2] + seed[max(t[0], t[1]) :]
    )
