from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import district_overview


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("lag.view_aggregates"):
        raise PermissionDenied
    rows = district_overview()
    totals = {
        key: sum(row[key] for row in rows)
        for key in ("localities", "positions", "occupied", "members")
    }
    return render(request, "lag/overview.html", {"rows": rows, "totals": totals})
