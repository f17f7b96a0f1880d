"""The public portal: the twelve districts and each office's page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from teilhabe.core.http import DistrictRequest
from teilhabe.districts.models import District
from teilhabe.districts.selectors import office_get, office_text_get


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"districts": District.objects.all()})


def office(request: DistrictRequest, district: str) -> HttpResponse:
    obj = office_get(district=request.district)
    if not obj.is_published:
        raise Http404
    language = get_language()
    text = office_text_get(district=request.district, language=language)
    fallback = None
    if text is None or not (text.mission or text.tasks):
        fallback = office_text_get(district=request.district, language="de")
    context = {
        "office": obj,
        "text": text if fallback is None else fallback,
        "is_fallback": fallback is not None and language != "de",
    }
    return render(request, "portal/office.html", context)
