from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from . import navigation


def platform(request: HttpRequest) -> dict:
    """District, membership and navigation for the layout of every page."""
    district = getattr(request, "district", None)
    membership = getattr(request, "membership", None)
    context: dict = {"district": district, "membership": membership, "nav_items": []}
    if membership is not None and district is not None:
        match = getattr(request, "resolver_match", None)
        url_name = match.view_name if match else None
        context["nav_items"] = navigation.items_for(request.user, district, url_name)
        user = membership.user
        context["other_memberships"] = [
            m for m in user.working_memberships() if m.district_id != district.pk
        ]
    context["portal_languages"] = settings.LANGUAGES
    return context
