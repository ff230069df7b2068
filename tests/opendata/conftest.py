import pytest

from tests.factories import PlaceFactory, PracticeFactory


@pytest.fixture
def corpus(db):
    """Two published practices (one demo, one with formula-like text), and an unpublished draft.

    | key     | Land                | theme               | crisis type | live |
    |---------|---------------------|---------------------|-------------|------|
    | formula | Nordrhein-Westfalen | vulnerable-gruppen  | hitze       | yes  |
    | demo    | Sachsen (demo)      | krisenkommunikation | hochwasser  | yes  |
    | draft   | Nordrhein-Westfalen | vulnerable-gruppen  | hitze       | NO   |
    """
    nrw = PlaceFactory(name="Köln", state="Nordrhein-Westfalen", population=1_000_000, ags="05315000")
    return {
        "formula": PracticeFactory(
            external_id="PX-F",
            title='=HYPERLINK("http://evil.example","Klick")',
            summary="-2+3 Hitzeschutz für Ältere",
            municipality=nrw,
            themes=["vulnerable-gruppen"],
            crisis_types=["hitze"],
            stellschrauben=[2],
            start_year=2021,
            keywords=["Hitze", "@Senioren"],
        ),
        "demo": PracticeFactory(
            external_id="PX-D",
            title="Pegel-SMS",
            municipality=PlaceFactory(name="Pirna", state="Sachsen", population=38_000),
            themes=["krisenkommunikation"],
            crisis_types=["hochwasser"],
            start_year=2019,
            end_year=2020,
            is_demo=True,
        ),
        "draft": PracticeFactory(
            external_id="PX-X",
            title="Geheimer Entwurf",
            municipality=nrw,
            themes=["vulnerable-gruppen"],
            crisis_types=["hitze"],
            live=False,
        ),
    }
