import pytest

from krisenwissen.places.models import Place
from krisenwissen.places.registry import load_registry
from krisenwissen.practices.models import Practice
from krisenwissen.taxonomy.models import InnovationType, Maturity, Origin

GEMEINDEN_IN_FILE = 11_299
KREISE_IN_FILE = 402


@pytest.fixture(scope="session")
def _registry_counts(django_db_setup, django_db_blocker):
    """The 11.7k-row registry, loaded once per test run (outside the per-test transactions)."""
    with django_db_blocker.unblock():
        return load_registry()


@pytest.fixture
def registry(_registry_counts, db):
    """A test database holding the registry; each test's own writes are rolled back.

    If a transactional test elsewhere flushed the database after the session load, the registry
    is loaded again inside this test's transaction.
    """
    if Place.objects.filter(country="DE", level=Place.Level.GEMEINDE).count() != GEMEINDEN_IN_FILE:
        load_registry(force=True)
    return _registry_counts


@pytest.fixture
def make_practice(db):
    """Create a published practice for a place; taxonomy terms are created as needed."""
    counter = {"n": 0}

    def make(place, *, title=None, live=True, is_demo=False, label="", summary="Kurz gesagt: es hat geholfen."):
        counter["n"] += 1
        innovation_type, _ = InnovationType.objects.get_or_create(
            slug="prozess", defaults={"name_de": "Prozess", "name_en": "Process"}
        )
        origin, _ = Origin.objects.get_or_create(slug="gezielt", defaults={"name_de": "Gezielt", "name_en": "Designed"})
        maturity, _ = Maturity.objects.get_or_create(
            slug="etabliert", defaults={"name_de": "Etabliert", "name_en": "Established"}
        )
        return Practice.objects.create(
            title=title or f"Praxis {counter['n']}",
            summary=summary,
            description="Ausgangslage, Vorgehen, Wirkung.",
            municipality=place,
            municipality_label=label,
            innovation_type=innovation_type,
            origin=origin,
            maturity=maturity,
            start_year=2021,
            live=live,
            is_demo=is_demo,
        )

    return make
