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

from django.core.exceptions import PermissionDenied
from django.http import Http404

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
    and passes it as ``membership``; marks the response private and not indexable."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, workspace, *args, **kwargs):
            membership = get_membership(request, workspace, minimum_role=minimum_role, forbid_with_403=True)
            request.workspace_membership = membership
            response = view(request, membership, *args, **kwargs)
            mark_private(response)
            return response

        return wrapped

    return decorator


def mark_private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
