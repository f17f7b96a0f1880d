"""Audit-trail pages and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from .audit_display import audit_rows
from .decorators import district_permission
from .http import DistrictRequest
from .pagination import CURSOR_PARAM, keyset_page
from .selectors import audit_for_district, audit_for_object, audited_object

PAGE_SIZE = 50


@district_permission("core.view_district_audit")
def district_audit(request: DistrictRequest, district: str) -> HttpResponse:
    entries = audit_for_district(district=request.district)
    page = keyset_page(entries, cursor=request.GET.get(CURSOR_PARAM), size=PAGE_SIZE)
    rows = audit_rows(page.items, district=request.district)
    return render(request, "core/district_audit.html", {"page": page, "rows": rows})


@district_permission("core.view_audit")
def record_audit(
    request: DistrictRequest, district: str, label: str, object_id: str
) -> HttpResponse:
    obj = audited_object(district=request.district, label=label, object_id=object_id)
    entries = audit_for_object(obj=obj)
    page = keyset_page(entries, cursor=request.GET.get(CURSOR_PARAM), size=PAGE_SIZE)
    rows = audit_rows(page.items, district=request.district)
    return render(request, "core/record_audit.html", {"object": obj, "page": page, "rows": rows})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the failure may lie in any of them.
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
