"""Statistics of the Ombudsstelle for a year of receipt: the page and its CSV download.

Everybody in the office may see them (the assistant too): they count, and name nobody.
"""

from __future__ import annotations

import csv
import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone

from teilhabe.core.charts import bar_chart
from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest

from ..statistics import FIRST_YEAR, complaint_statistics, csv_rows, statistics_years

PERMISSION = "complaints.view_statistics"


def _year(request: DistrictRequest, today: datetime.date) -> tuple[int, str]:
    """The year asked for with `?jahr=`, or the current one and what was asked instead."""
    value = request.GET.get("jahr", "").strip()
    if value.isdigit() and FIRST_YEAR <= int(value) <= today.year:
        return int(value), ""
    return today.year, value


@district_permission(PERMISSION)
def statistics(request: DistrictRequest, district: str) -> HttpResponse:
    today = timezone.localdate()
    year, rejected = _year(request, today)
    stats = complaint_statistics(district=request.district, year=year, today=today)
    context = {
        "year": year,
        "rejected_year": rejected,
        "years": statistics_years(district=request.district, today=today),
        "stats": stats,
        "chart": bar_chart(stats.months),
    }
    return render(request, "complaints/statistics.html", context)


@district_permission(PERMISSION)
def statistics_csv(request: DistrictRequest, district: str) -> HttpResponse:
    today = timezone.localdate()
    year, _rejected = _year(request, today)
    stats = complaint_statistics(district=request.district, year=year, today=today)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"beschwerden-statistik-{request.district.slug}-{year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerows(csv_rows(stats))
    return response


urlpatterns: list[URLPattern] = [
    path("beschwerden/statistik/", statistics, name="statistics"),
    path("beschwerden/statistik.csv", statistics_csv, name="statistics_csv"),
]
