import pytest

from krisenwissen.workspace.models import Role

from .helpers import login, make_member, make_workspace


@pytest.fixture
def workspace(db):
    return make_workspace("Musterstadt")


@pytest.fixture
def people(workspace):
    return {role: make_member(workspace, role) for role in Role.values}


@pytest.fixture
def admin(people):
    return people[Role.ADMIN]


@pytest.fixture
def admin_client(client, admin):
    return login(client, admin, second_factor=True)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The rate-limit counters live in the (rolled-back) test database; clear locmem caches too."""
    from django.core.cache import caches

    caches["default"].clear()
