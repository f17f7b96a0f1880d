"""Staff pages of the work plan: plans by year, the plan with its parts, its texts and
decision, running tasks, activities with progress, the timeline, and the papers.
The import of an existing plan: views_import."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from teilhabe.core.audit import audit_log
from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest
from teilhabe.core.versioning import ConcurrentEditError, save_form

from . import papers, selectors, services
from .forms import (
    ActivityDeleteForm,
    ActivityForm,
    AdoptForm,
    PlanCreateForm,
    PlanForm,
    ProgressForm,
    PublishForm,
    RunningTaskDeleteForm,
    RunningTaskForm,
    SubmitForm,
)
from .models import Activity, RunningTask, WorkPlan

VIEW = "workplan.view_workplan"
PROGRESS = "workplan.record_progress"
CHANGE = "workplan.change_workplan"
DOCUMENTS = ("vorlage", "bericht")


def _plan(year: int) -> WorkPlan:
    return get_object_or_404(WorkPlan.objects.all(), year=year)


def _activity(year: int, number: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("plan"), plan__year=year, number=number
    )


def _to_plan(district: str, year: int, anchor: str = "") -> HttpResponse:
    response = redirect("workplan:detail", district=district, year=year)
    response["Location"] += anchor
    return response


# ----------------------------------------------------------------------------- plans


@district_permission(VIEW)
def plan_list(request: DistrictRequest, district: str) -> HttpResponse:
    plans = selectors.plan_list(district=request.district)
    return render(request, "workplan/list.html", {"plans": plans})


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def plan_create(request: DistrictRequest, district: str) -> HttpResponse:
    form = PlanCreateForm(request.POST or None, district=request.district)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.plan_create,
            district=request.district,
            actor=request.user,
            year=form.cleaned_data["year"],
            copy_from=form.cleaned_data["copy_from"],
        )
        plan = save_form(request, form, save, _("The work plan was created."))
        if plan is not None:
            return redirect("workplan:detail", district=district, year=plan.year)
    return render(request, "workplan/create.html", {"form": form})


@district_permission(VIEW)
def plan_detail(request: DistrictRequest, district: str, year: int) -> HttpResponse:
    try:
        plan = selectors.plan_detail(district=request.district, year=year)
    except WorkPlan.DoesNotExist as missing:
        raise Http404 from missing
    activities = list(plan.activities.all())
    context = {
        "plan": plan,
        "activities": activities,
        "gremien": selectors.gremien_rows(plan),
        "counts": selectors.status_counts(activities),
        "unparsed": [a for a in activities if not a.schedule_understood],
        "task_form": RunningTaskForm(plan=plan),
    }
    return render(request, "workplan/detail.html", context)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def plan_edit(request: DistrictRequest, district: str, year: int) -> HttpResponse:
    plan = _plan(year)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.plan_update,
            plan=plan,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The plan's texts were saved.")):
            return redirect("workplan:detail", district=district, year=year)
    return render(request, "workplan/plan_form.html", {"form": form, "plan": plan})


STATUS_STEPS: dict[str, tuple[type[forms.Form], Callable[..., WorkPlan], Any]] = {
    "adopt": (AdoptForm, services.plan_adopt, gettext_lazy("The plan is recorded as adopted.")),
    "submit": (
        SubmitForm,
        services.plan_submit,
        gettext_lazy("The plan is recorded as submitted to the BVV."),
    ),
    "publish": (
        PublishForm,
        services.plan_publish,
        gettext_lazy("The plan is recorded as published."),
    ),
}


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def plan_status(request: DistrictRequest, district: str, year: int) -> HttpResponse:
    """The decision of the Bezirksamt, the BVV session and the publication, in turn."""
    plan = _plan(year)
    step = request.POST.get("step", "")
    step_forms = {
        name: form_class(
            request.POST if step == name else None,
            prefix=name,
            initial={
                "version": plan.version,
                "session_date": plan.bvv_session_date,
                "published_on": plan.published_on or timezone.localdate(),
            },
        )
        for name, (form_class, _service, _message) in STATUS_STEPS.items()
    }
    if request.method == "POST" and step in STATUS_STEPS:
        form = step_forms[step]
        _form_class, service, message = STATUS_STEPS[step]
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            save = partial(service, plan=plan, actor=request.user, expected_version=version, **data)
            if save_form(request, form, save, str(message)):
                return redirect("workplan:detail", district=district, year=year)
    return render(request, "workplan/status.html", {"plan": plan, "forms": step_forms})


@district_permission(CHANGE)
def plan_gremien(request: DistrictRequest, district: str, year: int) -> HttpResponse:
    plan = _plan(year)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("action") == "live":
        try:
            services.gremien_unfreeze(plan=plan, actor=request.user)
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(request, _("The bodies table is drawn live from the bodies again."))
    else:
        services.gremien_freeze(plan=plan, actor=request.user)
        messages.success(request, _("The bodies table is frozen as it is now."))
    return _to_plan(district, year, "#gremien")


@district_permission(VIEW)
def plan_timeline(request: DistrictRequest, district: str, year: int) -> HttpResponse:
    plan = _plan(year)
    rows = list(plan.activities.order_by("number"))  # the chart shows no positions
    context = {
        "plan": plan,
        "rows": selectors.timeline(plan, rows),
        "months": range(1, 13),
        "quarters": ["I", "II", "III", "IV"],
        "today": timezone.localdate(),
    }
    return render(request, "workplan/timeline.html", context)


@district_permission(CHANGE)
def plan_document(
    request: DistrictRequest, district: str, year: int, paper: str, fmt: str
) -> HttpResponse:
    """The BVV paper or the year-end report as DOCX or PDF, built on request."""
    if paper not in DOCUMENTS or fmt not in papers.CONTENT_TYPES:
        raise Http404
    plan = _plan(year)
    started = time.monotonic()
    content = papers.render(papers.document_for(plan, paper), fmt)
    audit_log(
        actor=request.user,
        obj=plan,
        action=f"workplan.document.{paper}",
        changes={"format": (None, fmt), "ms": (None, round((time.monotonic() - started) * 1000))},
    )
    response = HttpResponse(content, content_type=papers.CONTENT_TYPES[fmt])
    name = papers.filename(plan, paper, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ----------------------------------------------------------------------------- running tasks


def _task(pk: int) -> RunningTask:
    return get_object_or_404(RunningTask.objects.select_related("plan"), pk=pk)


@district_permission(CHANGE)
def task_add(request: DistrictRequest, district: str, year: int) -> HttpResponse:
    plan = _plan(year)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RunningTaskForm(request.POST, plan=plan)
    form.fields["version"].required = False
    if form.is_valid():
        save = partial(
            services.running_task_add,
            plan=plan,
            actor=request.user,
            text=form.cleaned_data["text"],
            reason=form.cleaned_data.get("reason", ""),
        )
        if save_form(request, form, save, _("The running task was added.")):
            return _to_plan(district, year, "#tasks")
    return render(request, "workplan/task_form.html", {"form": form, "plan": plan}, status=400)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def task_edit(request: DistrictRequest, district: str, running_task: int) -> HttpResponse:
    obj = _task(running_task)
    form = RunningTaskForm(request.POST or None, instance=obj, plan=obj.plan)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.running_task_update,
            task=obj,
            actor=request.user,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data.get("reason", ""),
        )
        if save_form(request, form, save, _("The running task was saved.")):
            return _to_plan(district, obj.plan.year, "#tasks")
    return render(request, "workplan/task_form.html", {"form": form, "plan": obj.plan, "task": obj})


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def task_delete(request: DistrictRequest, district: str, running_task: int) -> HttpResponse:
    obj = _task(running_task)
    form = RunningTaskDeleteForm(request.POST if request.method == "POST" else None, plan=obj.plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.running_task_delete(
                task=obj, actor=request.user, reason=form.cleaned_data.get("reason", "")
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The running task was removed."))
            return _to_plan(district, obj.plan.year, "#tasks")
    context = {"form": form, "plan": obj.plan, "task": obj}
    return render(request, "workplan/task_delete.html", context)


@district_permission(CHANGE)
def task_move(request: DistrictRequest, district: str, running_task: int) -> HttpResponse:
    obj = _task(running_task)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.running_task_move(
        task=obj, actor=request.user, up=request.POST.get("richtung") == "hoch"
    )
    return _to_plan(district, obj.plan.year, "#tasks")


# ----------------------------------------------------------------------------- activities


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def activity_create(request: DistrictRequest, district: str, year: int) -> HttpResponse:
    plan = _plan(year)
    form = ActivityForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.activity_create,
            plan=plan,
            actor=request.user,
            data=form.field_data(),
            positions=form.positions,
            reason=form.cleaned_data.get("reason", ""),
        )
        activity = save_form(request, form, save, _("The activity was added."))
        if activity is not None:
            return redirect(
                "workplan:activity", district=district, year=year, number=activity.number
            )
    return render(request, "workplan/activity_form.html", {"form": form, "plan": plan})


def _progress_form(request: DistrictRequest, activity: Activity, data: Any = None) -> ProgressForm:
    may_change = request.user.has_perm(CHANGE, request.district)
    return ProgressForm(data, activity=activity, may_change_plan=may_change)


def _activity_page(
    request: DistrictRequest, activity: Activity, form: ProgressForm, status: int = 200
) -> HttpResponse:
    obj = selectors.activity_detail(plan=activity.plan, number=activity.number)
    context = {"plan": obj.plan, "activity": obj, "form": form}
    return render(request, "workplan/activity.html", context, status=status)


RENUMBERED = gettext_lazy(
    "The activities were renumbered meanwhile: this number now belongs to another "
    "activity. Nothing was saved; open the activity from the plan again."
)


@district_permission(VIEW)
def activity_detail(
    request: DistrictRequest, district: str, year: int, number: int
) -> HttpResponse:
    activity = _activity(year, number)
    return _activity_page(request, activity, _progress_form(request, activity))


@district_permission(PROGRESS)
def activity_progress(
    request: DistrictRequest, district: str, year: int, number: int
) -> HttpResponse:
    activity = _activity(year, number)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = _progress_form(request, activity, request.POST)
    if form.is_valid() and form.cleaned_data["activity"] != activity.pk:
        form.add_error(None, str(RENUMBERED))
    elif form.is_valid():
        try:
            services.activity_progress(
                activity=activity,
                actor=request.user,
                date=form.cleaned_data["date"],
                text=form.cleaned_data["text"],
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
            )
        except ConcurrentEditError:
            form.add_error(
                None,
                _(
                    "Somebody changed this activity's status meanwhile. Your note is still "
                    "in the form: check the status above and save again."
                ),
            )
            activity.refresh_from_db()
            data = request.POST.copy()
            data["version"] = str(activity.version)
            form.data = data
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The progress note was saved."))
            return redirect("workplan:activity", district=district, year=year, number=number)
    return _activity_page(request, activity, form, status=400)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def activity_edit(request: DistrictRequest, district: str, year: int, number: int) -> HttpResponse:
    activity = _activity(year, number)
    shown = copy.copy(activity)  # a bound form writes its input onto `activity`
    form = ActivityForm(request.POST or None, instance=activity, plan=activity.plan)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.activity_update,
            activity=activity,
            actor=request.user,
            data=form.field_data(),
            positions=form.positions,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data.get("reason", ""),
        )
        saved = save_form(request, form, save, _("The activity was saved."))
        if saved is not None:
            return redirect("workplan:activity", district=district, year=year, number=saved.number)
    context = {"form": form, "plan": activity.plan, "activity": shown}
    return render(request, "workplan/activity_form.html", context)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def activity_delete(
    request: DistrictRequest, district: str, year: int, number: int
) -> HttpResponse:
    activity = _activity(year, number)
    form = ActivityDeleteForm(request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["activity"] != activity.pk:
            form.add_error(None, str(RENUMBERED))
        else:
            try:
                services.activity_delete(
                    activity=activity,
                    actor=request.user,
                    expected_version=form.cleaned_data["version"],
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ConcurrentEditError:
                form.add_error(
                    None,
                    _("Somebody changed this activity meanwhile. Check it before you remove it."),
                )
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("The activity was removed."))
                return _to_plan(district, year, "#activities")
    context = {"form": form, "plan": activity.plan, "activity": activity}
    return render(request, "workplan/activity_delete.html", context)
