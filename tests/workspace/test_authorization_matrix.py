"""The authorization matrix of the Reflexionsraum.

Every URL pattern in the ``workspace`` namespace (the workspace app and the reflection and
assessment apps mounted inside it) is found in the URL resolver, so a new route without a
``RouteSpec`` (``tests/<app>/authz.py``) fails here. Each route is requested by every kind of
person — anonymous, reader, member, moderator, admin, a member (admin) of another workspace, an
editor of the public platform — for the own workspace's objects and, by the own people, for a
foreign workspace's objects. Checked:

* status: at or above the route's minimum role 200/302 (POST with an empty body: a form error or a
  redirect); below it 403 or 404; a foreign object 404; anonymous a redirect to the login or 404;
* no response shows a canary text of a workspace the person does not belong to, and a refused
  response shows none of the own workspace's either;
* a refused POST (too low a role, foreign object, outsider) changes no data of either workspace;
* successful responses are ``Cache-Control: private, no-store`` and ``noindex``.

Each request runs in a transaction that is rolled back, so a POST that deletes or changes
something (remove a member, delete the workspace) does not change the ground for the next one.
"""

import importlib
import json
import secrets
from http.cookies import SimpleCookie

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from krisenwissen.workspace import gdpr
from krisenwissen.workspace.models import ROLE_RANK, Membership, Role
from tests.factories import PlaceFactory
from tests.workspace import authz as _workspace_authz  # noqa: F401 - registers the workspace routes
from tests.workspace.authz_registry import POPULATORS, ROUTES

from .helpers import login, make_workspace

for _module in ("tests.reflection.authz", "tests.assessment.authz"):
    try:
        importlib.import_module(_module)
    except ModuleNotFoundError as exc:  # the app has no routes (yet)
        if exc.name != _module:
            raise

ALLOWED_GET = {200, 302}
ALLOWED_POST = {200, 201, 204, 302, 303, 400, 409, 422}
REFUSED = {403, 404}
ROLES = [Role.READER, Role.MEMBER, Role.MODERATOR, Role.ADMIN]


def _walk(patterns, namespace: str, params: tuple[str, ...], found: dict):
    for entry in patterns:
        converters = tuple(getattr(entry.pattern, "converters", {}).keys())
        if isinstance(entry, URLResolver):
            child_ns = namespace
            if entry.namespace:
                child_ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            _walk(entry.url_patterns, child_ns, params + converters, found)
        elif isinstance(entry, URLPattern) and (namespace == "workspace" or namespace.startswith("workspace:")):
            name = f"{namespace}:{entry.name}" if entry.name else f"{namespace}:<unnamed {entry.pattern}>"
            found[name] = params + converters


def workspace_routes() -> dict[str, tuple[str, ...]]:
    """Every URL pattern in the workspace namespace: full name → the URL keyword arguments it takes."""
    found: dict[str, tuple[str, ...]] = {}
    _walk(get_resolver().url_patterns, "", (), found)
    return found


ALL_ROUTES = workspace_routes()


def spec_for(name):
    return ROUTES.get(name) or ROUTES.get(name.removeprefix("workspace:"))


def test_the_resolver_walk_finds_the_workspace_routes():
    assert "workspace:dashboard" in ALL_ROUTES
    assert "workspace:login" in ALL_ROUTES
    assert ALL_ROUTES["workspace:member_edit"] == ("workspace", "member")


def test_every_registered_route_exists():
    stale = [name for name in ROUTES if name not in ALL_ROUTES and f"workspace:{name}" not in ALL_ROUTES]
    assert not stale, f"RouteSpecs for routes that no longer exist: {stale}"


@pytest.fixture
def world(db):
    """Two workspaces full of canary-marked objects and one person of every kind."""
    from krisenwissen.taxonomy.services import load_taxonomy

    load_taxonomy()
    try:
        from krisenwissen.assessment.services import ensure_questionnaire
    except ImportError:
        pass
    else:
        ensure_questionnaire()

    canaries = {"a": f"kanariea{secrets.token_hex(4)}", "b": f"kanarieb{secrets.token_hex(4)}"}
    workspaces = {key: make_workspace(f"Stadt {canary}", place=PlaceFactory()) for key, canary in canaries.items()}
    objects = {key: {} for key in workspaces}
    for key, workspace in workspaces.items():
        for populate in POPULATORS:
            objects[key].update(populate(workspace, canaries[key]))

    user_model = get_user_model()

    def person(label, workspace=None, role=None, **extra):
        user = user_model.objects.create_user(f"{label}@matrix.example", f"{label}@matrix.example", "x", **extra)
        if workspace is not None:
            Membership.objects.create(workspace=workspace, user=user, role=role)
        return user

    users = {role: person(role, workspaces["a"], role) for role in ROLES}
    users["outsider"] = person("outsider", workspaces["b"], Role.ADMIN)
    editor = person("editor", is_staff=True)
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    users["editor"] = editor

    clients = {"anonymous": Client()}
    for label, user in users.items():
        clients[label] = login(Client(), user, second_factor=label in (Role.ADMIN, "outsider"))
    return {"canaries": canaries, "workspaces": workspaces, "objects": objects, "clients": clients}


def _url(name, params, spec, workspace_slug, objects):
    kwargs = dict(spec.extra_kwargs)
    for param in params:
        if param == "workspace":
            kwargs["workspace"] = workspace_slug
        elif param in objects:
            kwargs[param] = objects[param]
        elif param not in kwargs:
            pytest.fail(f"{name}: no value for URL parameter {param!r} (populate() or extra_kwargs)")
    return reverse(name, kwargs=kwargs)


def _fingerprint(world) -> str:
    data = {key: gdpr.export_data(ws)["data"] for key, ws in world["workspaces"].items()}
    return json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True)


def _send(client, method, url, world=None):
    """One request in a rolled-back transaction; returns (status, body, headers, changed)."""
    cookies = SimpleCookie(client.cookies.output(header="", sep="\n"))
    with transaction.atomic():
        before = _fingerprint(world) if world is not None else None
        response = client.get(url) if method == "GET" else client.post(url, {})
        raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
        changed = world is not None and _fingerprint(world) != before
        transaction.set_rollback(True)
    client.cookies = cookies
    return response, raw.decode("utf-8", errors="replace"), changed


def _members_of(label):
    if label in ROLES:
        return {"a"}
    if label == "outsider":
        return {"b"}
    return set()


def _check_private(response, name, label, method):
    if response.status_code in (200, 201):
        cache_control = response.get("Cache-Control", "")
        assert "private" in cache_control and "no-store" in cache_control, (
            f"{method} {name} as {label}: Cache-Control is {cache_control!r}"
        )
        assert "noindex" in response.get("X-Robots-Tag", ""), f"{method} {name} as {label}: no X-Robots-Tag noindex"


@pytest.mark.parametrize("name", sorted(ALL_ROUTES))
def test_route(world, name):
    spec = spec_for(name)
    assert spec is not None, (
        f"{name} has no RouteSpec: register it in tests/<app>/authz.py (see tests/workspace/authz_registry.py)"
    )
    params = ALL_ROUTES[name]
    canaries = world["canaries"]
    ws_a = world["workspaces"]["a"]
    problems = []

    def leaks(body, label, refused):
        visible = set() if refused else _members_of(label)
        return [key for key, canary in canaries.items() if key not in visible and canary in body]

    own_url = _url(name, params, spec, ws_a.slug, world["objects"]["a"])
    for method in spec.methods:
        for label, client in world["clients"].items():
            fingerprint_world = world if method == "POST" else None
            response, body, changed = _send(client, method, own_url, fingerprint_world)
            status = response.status_code
            where = f"{method} {own_url} ({name}) as {label}: {status}"
            if status >= 500:
                problems.append(f"{where} – server error")
                continue
            if spec.min_role is None:
                if leaks(body, label, refused=False):
                    problems.append(f"{where} – shows the canary of a workspace the person is not in")
                _check_private(response, name, label, method)
                continue

            allowed = label in ROLES and ROLE_RANK[Role(label)] >= ROLE_RANK[Role(spec.min_role)]
            if label == "anonymous":
                ok = status == 404 or (status == 302 and response["Location"].startswith(reverse("workspace:login")))
                refused = True
            elif allowed:
                ok = status in (ALLOWED_GET if method == "GET" else ALLOWED_POST)
                refused = False
            else:
                ok = status in REFUSED
                refused = True
            if not ok:
                problems.append(f"{where} – unexpected status")
            if leaks(body, label, refused):
                problems.append(f"{where} – shows canary text it must not show")
            if refused and changed:
                problems.append(f"{where} – a refused request changed data")
            if not refused:
                _check_private(response, name, label, method)

    if spec.min_role is not None and spec.objects:
        foreign_url = _url(name, params, spec, ws_a.slug, world["objects"]["b"])
        for label in (spec.min_role, Role.ADMIN):
            client = world["clients"][label]
            for method in spec.methods:
                response, body, changed = _send(client, method, foreign_url, world)
                where = f"{method} {foreign_url} ({name}, foreign objects) as {label}: {response.status_code}"
                if response.status_code != 404:
                    problems.append(f"{where} – expected 404")
                if canaries["b"] in body:
                    problems.append(f"{where} – shows the foreign workspace's canary")
                if changed:
                    problems.append(f"{where} – changed data")

    assert not problems, "\n".join(problems)
