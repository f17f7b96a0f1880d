"""Tenancy, layer 1: resolve the district once from the URL and scope the whole request.

Every URL with a `district` keyword belongs to one district. Staff URLs (all namespaces
but the public ones: the portal and the OParl API) require a membership with a working
role; anybody else gets 404, so
the existence of a district's records is not revealed. The view, the template rendering
and everything else inside the request run within `django_scopes.scope(district=...)`.
Staff answers are sent `private, no-store` unless the view chose its own caching.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django_scopes import scope

from teilhabe.districts.models import District

PUBLIC_NAMESPACES = {"portal", "oparl"}


class DistrictScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.district = None  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        slug = match.kwargs.get("district")
        if slug is None:
            return self.get_response(request)
        district = District.objects.filter(slug=slug).first()
        if district is None:
            raise Http404
        request.district = district  # type: ignore[attr-defined]
        staff = not PUBLIC_NAMESPACES.intersection(match.namespaces)
        if staff:
            denied = self._check_member(request, district)
            if denied is not None:
                return denied
        with scope(district=district):
            response = self.get_response(request)
        if staff and not response.has_header("Cache-Control"):
            # Staff pages show personal data: no copy stays in a browser's or proxy's
            # cache on a shared computer.
            patch_cache_control(response, private=True, no_store=True)
        return response

    def _check_member(self, request: HttpRequest, district: District) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        membership = user.working_membership(district)
        if membership is None:
            raise Http404
        request.membership = membership  # type: ignore[attr-defined]
        return None


# Everything the pages load comes from this server: no CDN, fonts or analytics
# (DESIGN.md, principle 4). The admin site keeps Django's inline style attributes.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
ADMIN_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path_info.startswith("/admin/")
            policy = ADMIN_CONTENT_SECURITY_POLICY if admin else CONTENT_SECURITY_POLICY
            response["Content-Security-Policy"] = policy
        return response
