"""The one way a view reaches a workspace: through the signed-in person's membership.

``get_membership(request, slug)`` returns the membership or raises ``Http404`` — for an unknown
workspace, a workspace the person does not belong to, and an anonymous visitor alike, so nobody can
probe which workspaces exist. ``minimum_role`` too gives 404 for a too-low role on read routes and
403 only where the person can see the workspace anyway (``forbid_with_403=True``).

Private objects are then loaded with the workspace in the query itself, e.g.::

    membership = get_membership(request, slug, minimum_role=Role.MEMBER)
    card = get_object_or_404(Card, pk=card_id, board__reflection__workspace=membership.workspace)
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from .models import Membership, Role


def get_membership(request, slug: str, minimum_role: str = Role.READER, forbid_with_403: bool = False) -> Membership:
    user = request.user
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("workspace", "workspace__place")
        .filter(workspace__slug=slug, user=user)
        .first()
    )
    if membership is None:
        raise Http404
    if not membership.has_role(minimum_role):
        if forbid_with_403:
            raise PermissionDenied
        raise Http404
    return membership


def workspace_view(minimum_role: str = Role.READER):
    """Decorator for views under ``/reflexionsraum/<workspace>/``: resolves the membership (or 404)
    and passes it as ``membership``; marks the response private and not indexable.

    An anonymous visitor is sent to the login page (for any slug, so nothing is revealed); a person
    with two-factor authentication who has not passed it in this session (e.g. logged in through the
    CMS) is sent to the code prompt; an admin without two-factor authentication is sent to set it up
    before any admin route (``minimum_role=Role.ADMIN``).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, workspace, *args, **kwargs):
            if not request.user.is_authenticated:
                return mark_private(redirect_to_login(request.get_full_path(), reverse("workspace:login")))
            try:
                membership = get_membership(request, workspace, minimum_role=minimum_role, forbid_with_403=True)
            except PermissionDenied:
                return forbidden(request)
            second_factor = two_factor_redirect(request, admin_route=minimum_role == Role.ADMIN)
            if second_factor is not None:
                return second_factor
            request.workspace_membership = membership
            response = view(request, membership, *args, **kwargs)
            mark_private(response)
            return response

        return wrapped

    return decorator


def two_factor_redirect(request, admin_route: bool = False):
    """A redirect to the second factor when this request may not go on without it, else ``None``."""
    from . import twofactor

    user = request.user
    if twofactor.has_two_factor(user):
        if not twofactor.is_verified(user):
            return mark_private(redirect_to_login(request.get_full_path(), reverse("workspace:verify_2fa")))
        return None
    if admin_route and twofactor.requires_two_factor(user):
        return mark_private(redirect_to_login(request.get_full_path(), reverse("workspace:setup_2fa")))
    return None


def account_view(view):
    """Decorator for account pages (``/konto/...``): signed-in people only, private and not indexable."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return mark_private(redirect_to_login(request.get_full_path(), reverse("workspace:login")))
        return mark_private(view(request, *args, **kwargs))

    return wrapped


def forbidden(request):
    """403 for a member whose role is too low: says so, shows nothing of the workspace's content."""
    return mark_private(render(request, "workspace/forbidden.html", status=403))


def mark_private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
