"""The contract between the workspace apps and the authorization matrix test.

Every URL pattern in the ``workspace`` namespace (including the ``reflection`` and ``assessment``
apps mounted inside it) must have a :class:`RouteSpec` here, registered by the app's
``tests/<app>/authz.py`` module; ``test_authorization_matrix.py`` enumerates the URL resolver and
fails for any route without one.

An app's ``authz.py`` calls :func:`register` with its routes and a ``populate(workspace, canary)``
function that creates one object of every kind its routes name (each carrying the ``canary`` text in
a visible field) and returns the URL keyword arguments that address them, e.g.
``{"reflection": 3, "card": 17}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RouteSpec:
    #: lowest role that may use the route: "reader" | "member" | "moderator" | "admin";
    #: ``None`` for routes outside a workspace (login, invitation acceptance, account pages),
    #: which the matrix only checks for "no 500 and no canary text" as anonymous and signed in.
    min_role: str | None
    #: URL kwargs (besides ``workspace``) that name workspace objects; keys of ``populate()``'s dict
    objects: tuple[str, ...] = ()
    #: HTTP methods the matrix exercises; POST is sent with an empty body (must never change
    #: anything for a role below ``min_role`` nor for a foreign object)
    methods: tuple[str, ...] = ("GET",)
    #: extra static URL kwargs (e.g. a fixed export format)
    extra_kwargs: tuple[tuple[str, str], ...] = ()


ROUTES: dict[str, RouteSpec] = {}
POPULATORS: list[Callable] = []


def register(routes: dict[str, RouteSpec], populate: Callable | None = None) -> None:
    for name, spec in routes.items():
        if name in ROUTES:
            raise ValueError(f"route {name} registered twice")
        ROUTES[name] = spec
    if populate is not None:
        POPULATORS.append(populate)
