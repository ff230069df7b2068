"""Property-based tests of every API operation against the OpenAPI schema (schemathesis).

For each operation, schemathesis generates valid and invalid parameters from the schema and
checks the answers: never a 5xx, status codes and bodies as documented, invalid input rejected.
The number of examples per operation is kept small for the shared CI machine; raise
``API_FUZZ_EXAMPLES`` locally for a deeper run.

One default check is left out: ``positive_data_acceptance`` expects every schema-valid request to
succeed, but vocabulary values (``themes=…``, ``stellschrauben=…``) are data, not schema: an
unknown value is answered with the documented 422 and a list of allowed values, on purpose (a
typo must not look like "no results"). Everything else is checked, including that invalid
requests are rejected, that no answer is a 5xx and that every body matches its schema.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from krisenwissen.wsgi import application
from tests.factories import PlaceFactory, PracticeFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "25"))


@pytest.fixture
def keep_connection():
    """The WSGI handler closes the database connection after each request; inside a test
    transaction that would close the test database. Django's test client switches this off the
    same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(db, keep_connection):
    place = PlaceFactory(name="Kassel", state="Hessen")
    PracticeFactory(external_id="PX-1", municipality=place, themes=["krisenmanagement"], crisis_types=["hitze"])
    PracticeFactory(external_id="PX-2", themes=["krisenkommunikation"], stellschrauben=[3], is_demo=True)
    PracticeFactory(external_id="PX-3", live=False)
    # The other content types (open_data wiring): one published, one demo, one draft each.
    from tests.research import factories as content

    for factory in (
        content.ResearchProjectFactory,
        content.NewsItemFactory,
        content.EventFactory,
        content.TrainingOfferFactory,
        content.PublicationFactory,
    ):
        factory()
        factory(is_demo=True)
        factory(live=False)
    from tests.interviews.factories import InterviewFactory
    from tests.opendata.test_wiring_contentb import make_arrangement, make_survey

    InterviewFactory(chapters=[("0:30", "Anfang")])
    InterviewFactory(live=False)
    make_survey("Befragung")
    make_arrangement("Bayern", "Krisenstab Bayern")
    make_arrangement("Bremen", "Entwurf", live=False)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case, api_data):
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
