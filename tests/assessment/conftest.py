import pytest

from krisenwissen.workspace.models import Role
from tests.reflection.helpers import client_for, make_person, make_reflection, make_workspace, verified_client


@pytest.fixture(scope="session")
def _reference_taxonomy(django_db_setup, django_db_blocker):
    """The shipped vocabularies and the questionnaire, loaded once for the run."""
    from krisenwissen.assessment.services import ensure_questionnaire
    from krisenwissen.taxonomy.services import load_taxonomy

    with django_db_blocker.unblock():
        load_taxonomy()
        ensure_questionnaire()


@pytest.fixture
def taxonomy(_reference_taxonomy, db):
    from krisenwissen.assessment.services import ensure_questionnaire
    from krisenwissen.taxonomy.services import load_taxonomy

    # Again inside the test: a transactional test elsewhere may have emptied the tables.
    load_taxonomy()
    ensure_questionnaire()


@pytest.fixture
def workspace(taxonomy):
    return make_workspace("Musterstadt", votes_per_member=3)


@pytest.fixture
def other_workspace(taxonomy):
    return make_workspace("Anderswo")


@pytest.fixture
def people(workspace):
    return {role: make_person(workspace, role) for role in Role.values}


@pytest.fixture
def clients(people):
    result = {role: client_for(user) for role, user in people.items()}
    result[Role.ADMIN] = verified_client(people[Role.ADMIN])
    return result


@pytest.fixture
def reflection(workspace):
    return make_reflection(workspace)
