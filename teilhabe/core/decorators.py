"""View decorators for the staff area."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def district_permission(perm: str) -> Callable:
    """Allow the view only if the user has `perm` in the request's district (403 otherwise).

    Membership itself is enforced earlier by DistrictScopeMiddleware (404 for outsiders).
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.has_perm(perm, request.district):  # type: ignore[attr-defined]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permission = perm  # type: ignore[attr-defined]
        return wrapped

    return decorator
