"""Staff pages of a district: overview, the office page, positions and who holds them."""

from __future__ import annotations

import datetime
from functools import partial

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.committees.selectors import next_meetings_of, open_tasks_of
from teilhabe.complaints.selectors_dashboard import complaints_due
from teilhabe.core.audit_display import audit_rows
from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest
from teilhabe.core.selectors import audit_for_district
from teilhabe.core.versioning import save_form
from teilhabe.counselling.selectors import follow_ups_due
from teilhabe.workplan.selectors import due_this_quarter, overdue

from . import selectors, services
from .forms import (
    HoldingEndForm,
    HoldingForm,
    OfficeForm,
    OfficeTextForm,
    PositionCreateForm,
    PositionForm,
)
from .models import Position, PositionHolding


@district_permission("core.view_dashboard")
def dashboard(request: DistrictRequest, district: str) -> HttpResponse:
    my_positions = list(selectors.positions_of(district=request.district, user=request.user))
    context = {
        "office": selectors.office_get(district=request.district),
        "my_positions": my_positions,
        "my_meetings": next_meetings_of(district=request.district, positions=my_positions),
        "my_tasks": open_tasks_of(district=request.district, positions=my_positions),
        "recent": audit_rows(
            audit_for_district(district=request.district)[:8], district=request.district
        )
        if request.user.has_perm("core.view_district_audit", request.district)
        else None,
        "today": timezone.localdate(),
        "plan_due": due_this_quarter(district=request.district, today=timezone.localdate())
        if request.user.has_perm("workplan.view_workplan", request.district)
        else None,
        "plan_overdue": overdue(district=request.district, today=timezone.localdate())
        if request.user.has_perm("workplan.view_workplan", request.district)
        else None,
        "follow_ups": follow_ups_due(
            district=request.district, until=timezone.localdate() + datetime.timedelta(days=7)
        )
        if request.user.has_perm("counselling.view_consultation", request.district)
        else None,
        "complaints_due": complaints_due(district=request.district, today=timezone.localdate())
        if request.user.has_perm("complaints.view_anonymised_list", request.district)
        else None,
    }
    return render(request, "districts/dashboard.html", context)


@district_permission("districts.view_office")
def office(request: DistrictRequest, district: str) -> HttpResponse:
    context = {
        "office": selectors.office_get(district=request.district),
        "texts": selectors.office_texts(district=request.district),
        "positions": selectors.position_list(district=request.district),
        "team": selectors.team_list(district=request.district),
        "languages": settings.LANGUAGES,
    }
    return render(request, "districts/office.html", context)


@district_permission("districts.change_office")
@require_http_methods(["GET", "POST"])
def office_edit(request: DistrictRequest, district: str) -> HttpResponse:
    office = selectors.office_get(district=request.district)
    form = OfficeForm(request.POST or None, instance=office)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.office_update,
            office=office,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The office's details were saved.")):
            return redirect("districts:office", district=district)
    return render(request, "districts/office_edit.html", {"form": form, "office": office})


@district_permission("districts.change_office")
@require_http_methods(["GET", "POST"])
def office_text_edit(request: DistrictRequest, district: str, language: str) -> HttpResponse:
    languages = dict(settings.LANGUAGES)
    if language not in languages:
        raise Http404
    text = selectors.office_text_get(district=request.district, language=language)
    form = OfficeTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.office_text_save,
            district=request.district,
            language=language,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data.get("version"),
        )
        if save_form(request, form, save, _("The public page was saved.")):
            return redirect("districts:office", district=district)
    context = {"form": form, "language": language, "language_name": languages[language]}
    return render(request, "districts/office_text_edit.html", context)


@district_permission("districts.view_office")
def position_detail(request: DistrictRequest, district: str, position: int) -> HttpResponse:
    obj = get_object_or_404(Position, pk=position)
    context = {"position": obj, "holdings": selectors.position_history(position=obj)}
    return render(request, "districts/position_detail.html", context)


@district_permission("districts.manage_positions")
@require_http_methods(["GET", "POST"])
def position_create(request: DistrictRequest, district: str) -> HttpResponse:
    form = PositionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.position_create,
            district=request.district,
            actor=request.user,
            data=form.cleaned_data,
        )
        position = save_form(request, form, save, _("The position was created."))
        if position is not None:
            return redirect("districts:position_detail", district=district, position=position.pk)
    return render(request, "districts/position_form.html", {"form": form})


@district_permission("districts.manage_positions")
@require_http_methods(["GET", "POST"])
def position_edit(request: DistrictRequest, district: str, position: int) -> HttpResponse:
    obj = get_object_or_404(Position, pk=position)
    form = PositionForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.position_update,
            position=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The position was saved.")):
            return redirect("districts:position_detail", district=district, position=obj.pk)
    return render(request, "districts/position_form.html", {"form": form, "position": obj})


@district_permission("districts.manage_positions")
@require_http_methods(["GET", "POST"])
def holding_create(request: DistrictRequest, district: str, position: int) -> HttpResponse:
    obj = get_object_or_404(Position, pk=position)
    form = HoldingForm(request.POST or None, district=request.district)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.holding_start, position=obj, actor=request.user, **form.cleaned_data
        )
        if save_form(request, form, save, _("The holder was recorded.")):
            return redirect("districts:position_detail", district=district, position=obj.pk)
    return render(request, "districts/holding_form.html", {"form": form, "position": obj})


@district_permission("districts.manage_positions")
@require_http_methods(["GET", "POST"])
def holding_end(request: DistrictRequest, district: str, holding: int) -> HttpResponse:
    obj: PositionHolding = get_object_or_404(
        PositionHolding.objects.select_related("position", "user"), pk=holding
    )
    form = HoldingEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        end = form.cleaned_data["end"]
        save = partial(services.holding_end, holding=obj, actor=request.user, end=end)
        if save_form(request, form, save, _("The holding was ended.")):
            return redirect(
                "districts:position_detail", district=district, position=obj.position_id
            )
    return render(request, "districts/holding_end.html", {"form": form, "holding": obj})
