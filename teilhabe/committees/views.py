"""Staff pages of committees: bodies, their rhythm and participations, members and terms,
the workload of the positions and their calendar subscriptions. Meetings: views_meetings."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest
from teilhabe.core.versioning import save_form, versioned_save
from teilhabe.districts.models import Position

from . import rhythm, selectors, services
from .forms import (
    BodyFilterForm,
    BodyForm,
    ExceptionForm,
    LocationForm,
    MeetingForm,
    MemberForm,
    ParticipationForm,
    PersonForm,
    SuccessorForm,
    TermForm,
)
from .models import (
    Body,
    BodyMember,
    LegislativeTerm,
    Location,
    Participation,
    Person,
    RhythmException,
)

VIEW = "committees.view_body"
CHANGE = "committees.change_body"
MEMBERS = "committees.change_member"


def _body(pk: int) -> Body:
    return get_object_or_404(Body.objects.alive(), pk=pk)


# ----------------------------------------------------------------------------- bodies


@district_permission(VIEW)
def body_list(request: DistrictRequest, district: str) -> HttpResponse:
    form = BodyFilterForm(request.GET or None, district=request.district)
    criteria = form.cleaned_data if form.is_valid() else {}
    bodies = selectors.body_list(district=request.district, criteria=criteria)
    page = Paginator(bodies, 50).get_page(request.GET.get("seite"))
    return render(request, "committees/list.html", {"form": form, "page": page})


@district_permission(VIEW)
def body_detail(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    return _detail(request, _body(body), ExceptionForm())


def _detail(
    request: DistrictRequest, body: Body, exception_form: ExceptionForm, status: int = 200
) -> HttpResponse:
    """The body's page; `exception_form` carries a refused exception and its errors."""
    obj = selectors.body_detail(pk=body.pk)
    past = Paginator(selectors.past_meetings(obj), 20).get_page(request.GET.get("seite"))
    context = {
        "body": obj,
        "rule_text": rhythm.describe(obj.rhythm_rule),
        "dates": services.upcoming_dates(obj, count=8),
        "upcoming": selectors.upcoming_meetings(obj),
        "past": past,
        "members": selectors.current_members(obj),
        "exception_form": exception_form,
    }
    return render(request, "committees/detail.html", context, status=status)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def body_create(request: DistrictRequest, district: str) -> HttpResponse:
    form = BodyForm(request.POST or None, district=request.district)
    form.fields["version"].required = False
    if request.method == "POST" and form.is_valid():
        data = form.field_data()
        save = partial(
            services.body_create, district=request.district, actor=request.user, data=data
        )
        record = save_form(request, form, save, _("The body was recorded."))
        if record is not None:
            return redirect("committees:detail", district=district, body=record.pk)
    return render(request, "committees/form.html", {"form": form})


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def body_edit(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    obj = _body(body)
    form = BodyForm(request.POST or None, instance=obj, district=request.district)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.body_update,
            body=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The body was saved.")):
            return redirect("committees:detail", district=district, body=obj.pk)
    return render(request, "committees/form.html", {"form": form, "body": obj})


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def body_delete(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    obj = _body(body)
    error = ""
    if request.method == "POST":
        try:
            services.body_delete(body=obj, actor=request.user)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            return redirect("committees:list", district=district)
    return render(request, "committees/body_delete.html", {"body": obj, "error": error})


@district_permission(CHANGE)
def body_generate(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    obj = _body(body)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    count = services.generate_meetings(body=obj, actor=request.user)
    messages.success(request, _("%(count)s meetings were added.") % {"count": count})
    return redirect("committees:detail", district=district, body=obj.pk)


@district_permission(CHANGE)
def exception_add(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    obj = _body(body)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ExceptionForm(request.POST)
    if form.is_valid():
        save = partial(
            services.exception_add,
            body=obj,
            actor=request.user,
            date=form.cleaned_data["date"],
            reason=form.cleaned_data["reason"],
        )
        if save_form(request, form, save, _("The date is skipped.")):
            return redirect(reverse("committees:detail", args=[district, obj.pk]) + "#rhythm")
    return _detail(request, obj, form, status=400)


@district_permission(CHANGE)
def exception_delete(request: DistrictRequest, district: str, exception: int) -> HttpResponse:
    obj = get_object_or_404(RhythmException, pk=exception)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    body_pk = obj.body_id
    services.exception_remove(exception=obj, actor=request.user)
    return redirect(reverse("committees:detail", args=[district, body_pk]) + "#rhythm")


# ----------------------------------------------------------------------------- participation


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def participation_create(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    obj = _body(body)
    form = ParticipationForm(request.POST or None, district=request.district)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.participation_create, body=obj, actor=request.user, data=form.field_data()
        )
        if save_form(request, form, save, _("The participation was recorded.")):
            return redirect("committees:detail", district=district, body=obj.pk)
    return render(request, "committees/participation_form.html", {"form": form, "body": obj})


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def participation_edit(request: DistrictRequest, district: str, participation: int) -> HttpResponse:
    obj: Participation = get_object_or_404(
        Participation.objects.select_related("body", "position"), pk=participation
    )
    form = ParticipationForm(request.POST or None, instance=obj, district=request.district)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.participation_update,
            participation=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The participation was saved.")):
            return redirect("committees:detail", district=district, body=obj.body_id)
    context = {"form": form, "body": obj.body, "participation": obj}
    return render(request, "committees/participation_form.html", context)


# ----------------------------------------------------------------------------- workload


@district_permission(VIEW)
def workload(request: DistrictRequest, district: str) -> HttpResponse:
    months, rows = selectors.workload(district=request.district)
    return render(request, "committees/workload.html", {"months": months, "rows": rows})


@district_permission(VIEW)
@require_http_methods(["GET", "POST"])
def calendars(request: DistrictRequest, district: str) -> HttpResponse:
    """The secret calendar addresses of the positions; the user's own come first."""
    positions = list(
        Position.objects.filter(district=request.district, is_active=True)
        .select_related("calendar_feed")
        .order_by("sort_order", "code")
    )
    if request.method == "POST":
        if not request.user.has_perm(CHANGE, request.district):
            raise PermissionDenied
        position = get_object_or_404(Position, pk=request.POST.get("position"))
        services.calendar_feed(position=position, actor=request.user, renew="renew" in request.POST)
        return redirect("committees:calendars", district=district)
    rows = []
    for position in positions:
        feed = getattr(position, "calendar_feed", None)
        url = reverse("calendar_feed", args=[feed.token]) if feed else ""
        rows.append((position, request.build_absolute_uri(url) if url else ""))
    return render(request, "committees/calendars.html", {"rows": rows})


# ----------------------------------------------------------------------------- meetings (create)


@district_permission("committees.change_meeting")
@require_http_methods(["GET", "POST"])
def meeting_create(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    obj = _body(body)
    form = MeetingForm(
        request.POST or None,
        district=request.district,
        initial={"location": obj.default_location_id},
    )
    if request.method == "POST" and form.is_valid():
        data = form.field_data()
        save = partial(services.meeting_create, body=obj, actor=request.user, data=data)
        record = save_form(request, form, save, _("The meeting was added."))
        if record is not None:
            return redirect("committees:meeting", district=district, meeting=record.pk)
    return render(request, "committees/meeting_form.html", {"form": form, "body": obj})


# ----------------------------------------------------------------------------- members


@district_permission(VIEW)
def members(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    obj = _body(body)
    terms = list(LegislativeTerm.objects.filter(district=request.district))
    term_id = request.GET.get("amtszeit", "")
    chosen = next((t for t in terms if str(t.pk) == term_id), None)
    overview = selectors.member_overview(obj, chosen.pk if chosen else None)
    context = {"body": obj, "overview": overview, "terms": terms, "term": chosen}
    return render(request, "committees/members.html", context)


@district_permission(MEMBERS)
@require_http_methods(["GET", "POST"])
def member_create(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    obj = _body(body)
    initial = {"seat": request.GET.get("sitz")} if request.GET.get("sitz") else {}
    form = MemberForm(request.POST or None, body=obj, initial=initial)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data.get("new_person")
        new_person = (
            {"name": name, "public_consent_on": form.cleaned_data.get("new_person_consent")}
            if name
            else None
        )
        save = partial(
            services.member_create,
            body=obj,
            actor=request.user,
            data=form.field_data(),
            new_person=new_person,
        )
        if save_form(request, form, save, _("The member was recorded.")):
            return redirect("committees:members", district=district, body=obj.pk)
    return render(request, "committees/member_form.html", {"form": form, "body": obj})


@district_permission(MEMBERS)
@require_http_methods(["GET", "POST"])
def member_edit(request: DistrictRequest, district: str, member: int) -> HttpResponse:
    obj = get_object_or_404(BodyMember.objects.alive().select_related("body"), pk=member)
    form = MemberForm(request.POST or None, instance=obj, body=obj.body)
    if request.method == "POST" and "delete" in request.POST:
        services.member_delete(member=obj, actor=request.user)
        return redirect("committees:members", district=district, body=obj.body_id)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.member_update,
            member=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The member was saved.")):
            return redirect("committees:members", district=district, body=obj.body_id)
    context = {"form": form, "body": obj.body, "member": obj}
    return render(request, "committees/member_form.html", context)


@district_permission(MEMBERS)
@require_http_methods(["GET", "POST"])
def member_succeed(request: DistrictRequest, district: str, member: int) -> HttpResponse:
    obj = get_object_or_404(
        BodyMember.objects.alive().select_related("body", "person", "term"), pk=member
    )
    form = SuccessorForm(
        request.POST or None, district=request.district, initial={"version": obj.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        name = data.get("new_person")
        save = partial(
            services.member_succeed,
            member=obj,
            actor=request.user,
            successor=data.get("successor"),
            start=data["start"],
            reason=data["reason"],
            expected_version=data["version"],
            new_person={"name": name, "public_consent_on": data.get("new_person_consent")}
            if name
            else None,
        )
        if save_form(request, form, save, _("The successor was recorded.")):
            return redirect("committees:members", district=district, body=obj.body_id)
    return render(request, "committees/successor_form.html", {"form": form, "member": obj})


@district_permission(MEMBERS)
@require_http_methods(["GET", "POST"])
def person_edit(request: DistrictRequest, district: str, person: int) -> HttpResponse:
    obj = get_object_or_404(Person.objects.alive(), pk=person)
    form = PersonForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.person_update,
            person=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The person was saved.")):
            return redirect(
                request.GET.get("zurueck") or reverse("committees:list", args=[district])
            )
    memberships = obj.memberships.filter(deleted_at__isnull=True).select_related("body")
    context = {"form": form, "person": obj, "memberships": memberships}
    return render(request, "committees/person_form.html", context)


# ----------------------------------------------------------------------------- terms and places


@district_permission(VIEW)
@require_http_methods(["GET", "POST"])
def terms(request: DistrictRequest, district: str) -> HttpResponse:
    form = TermForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm(MEMBERS, request.district):
            raise PermissionDenied
        if form.is_valid():
            save = partial(
                services.term_create,
                district=request.district,
                actor=request.user,
                data=form.field_data(),
            )
            if save_form(request, form, save, _("The term of office was recorded.")):
                return redirect("committees:terms", district=district)
    context = {"terms": LegislativeTerm.objects.filter(district=request.district), "form": form}
    return render(request, "committees/terms.html", context)


@district_permission(MEMBERS)
@require_http_methods(["GET", "POST"])
def term_edit(request: DistrictRequest, district: str, term: int) -> HttpResponse:
    obj = get_object_or_404(LegislativeTerm, pk=term)
    form = TermForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.term_update,
            term=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The term of office was saved.")):
            return redirect("committees:terms", district=district)
    return render(request, "committees/term_form.html", {"form": form, "term": obj})


@district_permission(VIEW)
@require_http_methods(["GET", "POST"])
def locations(request: DistrictRequest, district: str) -> HttpResponse:
    form = LocationForm(request.POST or None)
    form.fields["version"].required = False
    if request.method == "POST":
        if not request.user.has_perm("committees.change_meeting", request.district):
            raise PermissionDenied
        if form.is_valid():
            save = partial(
                services.location_create,
                district=request.district,
                actor=request.user,
                data=form.field_data(),
            )
            if save_form(request, form, save, _("The meeting place was recorded.")):
                return redirect("committees:locations", district=district)
    places = Location.objects.filter(district=request.district)
    return render(request, "committees/locations.html", {"places": places, "form": form})


@district_permission("committees.change_meeting")
@require_http_methods(["GET", "POST"])
def location_edit(request: DistrictRequest, district: str, location: int) -> HttpResponse:
    obj = get_object_or_404(Location, pk=location)
    form = LocationForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        save = partial(
            versioned_save,
            instance=obj,
            actor=request.user,
            data=form.field_data(),
            expected_version=form.cleaned_data["version"],
            action="committees.location.updated",
        )
        if save_form(request, form, save, _("The meeting place was saved.")):
            return redirect("committees:locations", district=district)
    return render(request, "committees/location_form.html", {"form": form, "place": obj})
