"""Factories of the Ombudsstelle: complaints recorded through the intake service, and
the query count of a page for the tests that it does not grow with the data."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from teilhabe.complaints import services
from teilhabe.complaints.models import Complaint
from teilhabe.districts.models import District


def intake(
    district: District,
    *,
    actor: Any = None,
    categories: tuple[str, ...] | list[str] = ("language",),
    grounds: tuple[str, ...] | list[str] = (),
    organisations: tuple[Any, ...] | list[Any] = (),
    **data: Any,
) -> tuple[Complaint, str]:
    """A complaint and its receipt code, as staff record one by phone."""
    values = {
        "channel": "phone",
        "received_on": timezone.localdate(),
        "subject": "Keine Übersetzung im Bürgeramt",
        "description": "Beim Termin im Bürgeramt gab es keine Möglichkeit zur Verständigung.",
        "name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        **data,
    }
    with scope(district=district):
        return services.complaint_create(
            district=district,
            actor=actor,
            data=values,
            categories=categories,
            grounds=grounds,
            organisations=organisations,
        )


def complaint(district: District, **data: Any) -> Complaint:
    return intake(district, **data)[0]


def page_queries(client: Any, path: str) -> int:
    """The queries of a second GET of `path` (the first request of a session saves it)."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)
