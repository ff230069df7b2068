"""Every reflection and assessment route: another workspace's objects are a 404 for every role, and a
member of another workspace gets a 404 for this workspace's routes (nothing of either leaks)."""

import pytest

from django.urls import reverse

from krisenwissen.workspace.models import Role
from tests.assessment import authz as assessment_authz
from tests.reflection import authz as reflection_authz

from .helpers import make_person, verified_client

ALL_ROUTES = {**reflection_authz.ROUTES, **assessment_authz.ROUTES}
CANARY = "KANARIENVOGEL-FREMD"


def url_for(name, spec, workspace, objects):
    kwargs = {"workspace": workspace.slug, **{key: objects[key] for key in spec.objects}, **dict(spec.extra_kwargs)}
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def foreign_objects(other_workspace):
    objects = {}
    objects.update(reflection_authz.populate(other_workspace, CANARY))
    objects.update(assessment_authz.populate(other_workspace, CANARY))
    return objects


def test_every_route_of_both_apps_is_registered():
    from django.urls import get_resolver

    resolver = get_resolver()
    workspace_ns = resolver.namespace_dict["workspace"][1]
    names = set()
    for app in ("reflection", "assessment"):
        sub = workspace_ns.namespace_dict[app][1]
        names |= {f"workspace:{app}:{name}" for name in sub.reverse_dict if isinstance(name, str)}
    assert names == set(ALL_ROUTES)


@pytest.mark.parametrize("name", sorted(name for name, spec in ALL_ROUTES.items() if spec.objects))
def test_foreign_objects_are_404_even_for_an_admin(name, workspace, other_workspace, foreign_objects, people):
    spec = ALL_ROUTES[name]
    client = verified_client(people[Role.ADMIN])
    url = url_for(name, spec, workspace, foreign_objects)
    for method in spec.methods:
        response = client.get(url) if method == "GET" else client.post(url, {})
        assert response.status_code == 404, (method, url, response.status_code)
        assert CANARY.encode() not in response.content


@pytest.mark.parametrize("name", sorted(ALL_ROUTES))
def test_member_of_another_workspace_gets_404(name, workspace, other_workspace, taxonomy):
    own = {}
    own.update(reflection_authz.populate(workspace, "EIGEN-KANARIE"))
    own.update(assessment_authz.populate(workspace, "EIGEN-KANARIE"))
    outsider = make_person(other_workspace, Role.ADMIN, username="fremde-admin")
    client = verified_client(outsider)
    spec = ALL_ROUTES[name]
    url = url_for(name, spec, workspace, own)
    for method in spec.methods:
        response = client.get(url) if method == "GET" else client.post(url, {})
        assert response.status_code == 404, (method, url, response.status_code)
        assert b"EIGEN-KANARIE" not in response.content


@pytest.mark.parametrize("name", sorted(ALL_ROUTES))
def test_own_objects_answer_without_error_for_the_minimum_role(name, workspace, clients):
    own = {}
    own.update(reflection_authz.populate(workspace, "EIGEN"))
    own.update(assessment_authz.populate(workspace, "EIGEN"))
    spec = ALL_ROUTES[name]
    url = url_for(name, spec, workspace, own)
    client = clients[spec.min_role]
    for method in spec.methods:
        response = client.get(url) if method == "GET" else client.post(url, {})
        assert response.status_code in {200, 302, 400, 405}, (method, url, response.status_code)
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("name", sorted(name for name, spec in ALL_ROUTES.items() if spec.min_role != "reader"))
def test_a_role_below_the_minimum_changes_nothing(name, workspace, clients):
    from krisenwissen.reflection.models import Card, Cluster, Measure, Reflection

    own = {}
    own.update(reflection_authz.populate(workspace, "EIGEN"))
    own.update(assessment_authz.populate(workspace, "EIGEN"))
    spec = ALL_ROUTES[name]
    ranks = ["reader", "member", "moderator", "admin"]
    below = ranks[ranks.index(spec.min_role) - 1]
    url = url_for(name, spec, workspace, own)
    before = (Reflection.objects.count(), Card.objects.count(), Cluster.objects.count(), Measure.objects.count())
    response = clients[below].post(url, {"title": "x", "text": "x", "action": "hide"})
    assert response.status_code == 403
    after = (Reflection.objects.count(), Card.objects.count(), Cluster.objects.count(), Measure.objects.count())
    assert before == after
    assert not Card.objects.filter(hidden=True).exists()
