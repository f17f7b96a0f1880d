"""Letters of a complaint as DOCX and PDF."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import URLPattern, path

from teilhabe.core.http import DistrictRequest


def letter(
    request: DistrictRequest, district: str, complaint: int, kind: str, item: int, fmt: str
) -> HttpResponse:
    raise Http404


urlpatterns: list[URLPattern] = [
    path(
        "beschwerden/<int:complaint>/schreiben/<slug:kind>/<int:item>.<slug:fmt>",
        letter,
        name="letter",
    )
]
