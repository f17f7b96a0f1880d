"""Staff pages of counselling: record, list and read consultations; the statistics."""

from __future__ import annotations

import csv
from functools import partial

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core.audit import audit_read
from teilhabe.core.charts import bar_chart
from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest
from teilhabe.core.pagination import keyset_page
from teilhabe.core.versioning import save_form
from teilhabe.directory.selectors import organisation_suggestions

from . import selectors, services
from .forms import ConsultationCreateForm, ConsultationForm
from .models import Consultation


def _suggestions(request: DistrictRequest, data) -> list:
    """Organisations matching the topics and language currently chosen in the form."""
    return organisation_suggestions(
        district=request.district,
        topics=[code for code in data.getlist("topics") if code],
        language=data.get("language", ""),
    )


@district_permission("counselling.view_consultation")
def consultation_list(request: DistrictRequest, district: str) -> HttpResponse:
    queryset = selectors.consultation_list(district=request.district)
    page = keyset_page(queryset, cursor=request.GET.get("vor"), field="date")
    return render(request, "counselling/list.html", {"page": page})


@district_permission("counselling.view_consultation")
def consultation_detail(request: DistrictRequest, district: str, consultation: int) -> HttpResponse:
    obj = get_object_or_404(Consultation, pk=consultation)
    obj = selectors.consultation_detail(pk=obj.pk)
    if obj.has_contact_data:
        audit_read(actor=request.user, obj=obj)
    return render(request, "counselling/detail.html", {"consultation": obj})


@district_permission("counselling.change_consultation")
@require_http_methods(["GET", "POST"])
def consultation_create(request: DistrictRequest, district: str) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    initial = {"follows": request.GET.get("folgt")} if request.GET.get("folgt") else {}
    form = ConsultationCreateForm(
        data,
        initial=initial,
        district=request.district,
        user=request.user,
        suggestions=_suggestions(request, request.POST) if data else [],
    )
    if data and "suggest" not in data and form.is_valid():
        save = partial(
            services.consultation_create,
            district=request.district,
            actor=request.user,
            data=form.field_data(),
            **form.m2m_data(),
        )
        record = save_form(request, form, save, _("The consultation was recorded."))
        if record is not None:
            if "save_and_new" in data:
                return redirect("counselling:create", district=district)
            return redirect("counselling:detail", district=district, consultation=record.pk)
    return render(request, "counselling/form.html", {"form": form})


@district_permission("counselling.change_consultation")
@require_http_methods(["GET", "POST"])
def consultation_edit(request: DistrictRequest, district: str, consultation: int) -> HttpResponse:
    obj = get_object_or_404(Consultation, pk=consultation)
    data = request.POST if request.method == "POST" else None
    suggestions = _suggestions(request, data) if data else []
    form = ConsultationForm(
        data, instance=obj, district=request.district, user=request.user, suggestions=suggestions
    )
    if data and "suggest" not in data and form.is_valid():
        save = partial(
            services.consultation_update,
            consultation=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
            **form.m2m_data(),
        )
        if save_form(request, form, save, _("The consultation was saved.")):
            return redirect("counselling:detail", district=district, consultation=obj.pk)
    if obj.has_contact_data:
        audit_read(actor=request.user, obj=obj)
    return render(request, "counselling/form.html", {"form": form, "consultation": obj})


@district_permission("counselling.change_consultation")
@require_GET
def referral_suggestions(request: DistrictRequest, district: str) -> HttpResponse:
    """The referral choices for the topics and language chosen so far (htmx fragment)."""
    form = ConsultationCreateForm(
        request.GET,
        district=request.district,
        user=request.user,
        suggestions=_suggestions(request, request.GET),
    )
    return render(request, "counselling/form.html#referrals", {"form": form})


def _year(request: DistrictRequest) -> int:
    value = request.GET.get("jahr", "")
    this_year = timezone.localdate().year
    return int(value) if value.isdigit() and 2000 <= int(value) <= this_year else this_year


@district_permission("counselling.view_statistics")
def statistics(request: DistrictRequest, district: str) -> HttpResponse:
    year = _year(request)
    stats = selectors.statistics(district=request.district, year=year)
    context = {
        "year": year,
        "years": selectors.statistics_years(district=request.district),
        "stats": stats,
        "chart": bar_chart(stats["months"]),  # type: ignore[arg-type]
        "dimensions": selectors.STAT_DIMENSIONS,
        "min_cell": selectors.MIN_CELL,
    }
    return render(request, "counselling/statistics.html", context)


@district_permission("counselling.view_statistics")
def statistics_csv(request: DistrictRequest, district: str) -> HttpResponse:
    year = _year(request)
    stats = selectors.statistics(district=request.district, year=year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"beratung-statistik-{request.district.slug}-{year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Dimension"), _("Value"), _("Persons")])
    writer.writerow([_("Total"), year, stats["persons"].shown])  # type: ignore[attr-defined]
    for key, label in selectors.STAT_DIMENSIONS:
        for cell in stats[key]:  # type: ignore[attr-defined]
            writer.writerow([label, cell.label, cell.shown])
    return response
