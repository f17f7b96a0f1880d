"""Staff pages of a meeting: its data, agenda, minutes, attendance, tasks and documents."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest
from teilhabe.core.versioning import save_form

from . import selectors, services
from .downloads import document_response
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    FileForm,
    MeetingForm,
    MinutesForm,
    MoveForm,
    TaskForm,
)
from .models import AgendaItem, Meeting, MeetingFile, MeetingTask

VIEW = "committees.view_body"
CHANGE = "committees.change_meeting"
NOT_A_MEMBER = "Attendance can only be recorded for members of the body on the day of the meeting."


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.alive().select_related("body"), pk=pk)


def _to_meeting(district: str, meeting: Meeting | int, anchor: str = "") -> HttpResponse:
    pk = meeting if isinstance(meeting, int) else meeting.pk
    url = reverse("committees:meeting", kwargs={"district": district, "meeting": pk})
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _detail(request: DistrictRequest, meeting: Meeting, status: int = 200, **forms) -> HttpResponse:
    obj = selectors.meeting_detail(pk=meeting.pk)
    context = {
        "meeting": obj,
        "item_form": forms.get("item_form") or AgendaItemForm(),
        "task_form": forms.get("task_form") or TaskForm(meeting=obj),
        "file_form": forms.get("file_form") or FileForm(),
    }
    return render(request, "committees/meeting.html", context, status=status)


@district_permission(VIEW)
def meeting_detail(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    return _detail(request, _meeting(meeting))


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def meeting_edit(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    obj = _meeting(meeting)
    form = MeetingForm(request.POST or None, instance=obj, district=request.district)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.meeting_update,
            meeting=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The meeting was saved.")):
            return _to_meeting(district, obj)
    return render(request, "committees/meeting_form.html", {"form": form, "meeting": obj})


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    """Edit the minutes; empty minutes start from a template made of the agenda."""
    obj = _meeting(meeting)
    initial = {} if obj.minutes else {"minutes": services.minutes_template(obj)}
    form = MinutesForm(request.POST or None, instance=obj, initial=initial)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.meeting_update,
            meeting=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The minutes were saved.")):
            return _to_meeting(district, obj, "minutes")
    return render(request, "committees/minutes_form.html", {"form": form, "meeting": obj})


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def meeting_move(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    obj = _meeting(meeting)
    form = MoveForm(request.POST or None, initial={"version": obj.version})
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.meeting_move,
            meeting=obj,
            actor=request.user,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
        new = save_form(request, form, save, _("The meeting was moved."))
        if new is not None:
            return _to_meeting(district, new)
    context = {"form": form, "meeting": obj, "action": "move"}
    return render(request, "committees/meeting_status_form.html", context)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    obj = _meeting(meeting)
    form = CancelForm(request.POST or None, initial={"version": obj.version})
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.meeting_cancel,
            meeting=obj,
            actor=request.user,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The meeting was cancelled.")):
            return _to_meeting(district, obj)
    context = {"form": form, "meeting": obj, "action": "cancel"}
    return render(request, "committees/meeting_status_form.html", context)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def meeting_delete(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    obj = _meeting(meeting)
    if request.method == "POST":
        services.meeting_delete(meeting=obj, actor=request.user)
        messages.success(request, _("The meeting was deleted."))
        return redirect("committees:detail", district=district, body=obj.body_id)
    return render(request, "committees/meeting_delete.html", {"meeting": obj})


# ----------------------------------------------------------------------------- agenda


@district_permission(CHANGE)
def item_add(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    obj = _meeting(meeting)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        save = partial(
            services.agenda_item_add, meeting=obj, actor=request.user, data=form.field_data()
        )
        if save_form(request, form, save, _("The agenda item was added.")):
            return _to_meeting(district, obj, "agenda")
    return _detail(request, obj, status=400, item_form=form)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def item_edit(request: DistrictRequest, district: str, item: int) -> HttpResponse:
    obj = get_object_or_404(AgendaItem.objects.alive().select_related("meeting__body"), pk=item)
    form = AgendaItemForm(request.POST or None, instance=obj)
    if request.method == "POST" and "delete" in request.POST:
        services.agenda_item_delete(item=obj, actor=request.user)
        messages.success(request, _("The agenda item was removed."))
        return _to_meeting(district, obj.meeting_id, "agenda")
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.agenda_item_update,
            item=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The agenda item was saved.")):
            return _to_meeting(district, obj.meeting_id, "agenda")
    return render(request, "committees/item_form.html", {"form": form, "item": obj})


@district_permission(CHANGE)
def item_move(request: DistrictRequest, district: str, item: int) -> HttpResponse:
    obj = get_object_or_404(AgendaItem.objects.alive().select_related("meeting"), pk=item)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.agenda_item_move(
        item=obj, actor=request.user, up=request.POST.get("richtung") == "hoch"
    )
    return _to_meeting(district, obj.meeting_id, "agenda")


# ----------------------------------------------------------------------------- attendance


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def attendance(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    obj = _meeting(meeting)
    members, participations = services.expected_attendees(obj)
    recorded = {
        ("member", a.member_id) if a.member_id else ("position", a.position_id): a.status
        for a in obj.attendances.all()
    }
    form = AttendanceForm(
        request.POST or None, members=members, participations=participations, recorded=recorded
    )
    if request.method == "POST":
        unknown = [
            name for name in request.POST
            if name.startswith(("member-", "position-")) and name not in form.fields
        ]  # fmt: skip
        if unknown:
            form.add_error(
                None,
                _(NOT_A_MEMBER),
            )
        elif form.is_valid():
            member_entries, position_entries = form.entries()
            save = partial(
                services.attendance_save,
                meeting=obj,
                actor=request.user,
                members=member_entries,
                positions=position_entries,
            )
            if save_form(request, form, save, _("The attendance was saved.")) is not None:
                return _to_meeting(district, obj, "attendance")
    return render(request, "committees/attendance_form.html", {"form": form, "meeting": obj})


# ----------------------------------------------------------------------------- tasks


@district_permission(CHANGE)
def task_add(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    obj = _meeting(meeting)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = TaskForm(request.POST, meeting=obj)
    if form.is_valid():
        save = partial(
            services.task_create, meeting=obj, actor=request.user, data=form.field_data()
        )
        if save_form(request, form, save, _("The task was recorded.")):
            return _to_meeting(district, obj, "tasks")
    return _detail(request, obj, status=400, task_form=form)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def task_edit(request: DistrictRequest, district: str, task: int) -> HttpResponse:
    obj: MeetingTask = get_object_or_404(
        MeetingTask.objects.select_related("meeting__body"), pk=task
    )
    form = TaskForm(request.POST or None, instance=obj, meeting=obj.meeting)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.task_update,
            task=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The task was saved.")):
            return _to_meeting(district, obj.meeting_id, "tasks")
    return render(request, "committees/task_form.html", {"form": form, "task": obj})


# ----------------------------------------------------------------------------- documents


@district_permission(CHANGE)
def file_add(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    obj = _meeting(meeting)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        save = partial(
            services.file_add,
            meeting=obj,
            actor=request.user,
            upload=form.cleaned_data["upload"],
            role=form.cleaned_data["role"],
            is_public=form.cleaned_data["is_public"],
            name=form.cleaned_data["name"],
        )
        if save_form(request, form, save, _("The document was added.")):
            return _to_meeting(district, obj, "documents")
    return _detail(request, obj, status=400, file_form=form)


@district_permission(VIEW)
@require_http_methods(["GET", "POST"])
def document(request: DistrictRequest, district: str, document: int) -> HttpResponse | FileResponse:
    record = get_object_or_404(MeetingFile.objects.alive(), pk=document)
    if request.method == "POST":
        if not request.user.has_perm(CHANGE, request.district):
            raise PermissionDenied
        services.file_delete(record=record, actor=request.user)
        messages.success(request, _("The document was removed."))
        return _to_meeting(district, record.meeting_id, "documents")
    # Like on the portal: a PDF opens in the browser's viewer, anything else downloads.
    return document_response(record, attachment=record.mime_type != "application/pdf")
