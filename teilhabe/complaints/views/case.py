"""Staff pages of the Ombudsstelle: the list (anonymised for the assistant), intake with
the receipt code shown once, corrections with conflict detection, and the case page with
its actions (status, feedback, message, note, new code)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from teilhabe.core.audit import audit_read
from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest
from teilhabe.core.versioning import save_form

from .. import selectors, services
from ..forms import (
    ComplaintCreateForm,
    ComplaintEditForm,
    ComplaintFilterForm,
    FeedbackForm,
    StatusForm,
    TextForm,
)
from ..models import Complaint
from ..selectors import complaint_or_404
from . import attachments, casework

LIST = "complaints.view_anonymised_list"
VIEW = "complaints.view_complaint"
CHANGE = "complaints.change_complaint"
PAGE_SIZE = 50


@district_permission(LIST)
def complaint_list(request: DistrictRequest, district: str) -> HttpResponse:
    form = ComplaintFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    criteria = selectors.ComplaintFilter(
        status=data.get("status", ""), category=data.get("thema", ""), due=data.get("frist", "")
    )
    today = timezone.localdate()
    queryset = selectors.complaint_list(district=request.district, criteria=criteria, today=today)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {"form": form, "page": page, "today": today}
    return render(request, "complaints/list.html", context)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def complaint_create(request: DistrictRequest, district: str) -> HttpResponse:
    form = ComplaintCreateForm(request.POST or None, district=request.district)
    if form.searching():
        form.without_errors()
    elif request.method == "POST" and form.is_valid():
        save = partial(
            services.complaint_create,
            district=request.district,
            actor=request.user,
            data=form.field_data(),
            categories=form.cleaned_data["categories"],
            grounds=form.cleaned_data["grounds"],
            organisations=form.cleaned_data["organisations"],
        )
        created = save_form(request, form, save, _("The complaint was recorded."))
        if created is not None:
            # No redirect: the code is shown in this response only and never again.
            complaint, code = created
            return render(
                request, "complaints/receipt.html", {"complaint": complaint, "code": code}
            )
    return render(request, "complaints/create.html", {"form": form})


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def complaint_edit(request: DistrictRequest, district: str, complaint: int) -> HttpResponse:
    """Correct contact details, texts, topics, grounds, bodies and the responsible post."""
    obj = selectors.complaint_detail(district=request.district, pk=complaint_or_404(complaint).pk)
    if obj.anonymised_at is not None:
        return redirect("complaints:detail", district=request.district.slug, complaint=obj.pk)
    form = ComplaintEditForm(request.POST or None, instance=obj, district=request.district)
    if form.searching():
        form.without_errors()
        return render(request, "complaints/edit.html", {"form": form, "complaint": obj})
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.complaint_update,
            complaint=obj,
            actor=request.user,
            data=form.field_data(),
            categories=form.cleaned_data["categories"],
            grounds=form.cleaned_data["grounds"],
            organisations=form.cleaned_data["organisations"],
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The complaint was saved.")) is not None:
            return redirect("complaints:detail", district=request.district.slug, complaint=obj.pk)
    audit_read(actor=request.user, obj=obj)
    return render(request, "complaints/edit.html", {"form": form, "complaint": obj})


def _detail_page(
    request: DistrictRequest, pk: int, status: int = 200, **forms_: forms.Form
) -> HttpResponse:
    complaint = selectors.complaint_detail(district=request.district, pk=pk)
    audit_read(actor=request.user, obj=complaint)
    context = {
        "complaint": complaint,
        "referral": selectors.referral_of(complaint),
        "status_form": StatusForm(complaint=complaint),
        "feedback_form": FeedbackForm(),
        "message_form": TextForm(prefix="message"),
        "note_form": TextForm(prefix="note"),
        **casework.detail_context(request, complaint),
        **attachments.detail_context(request, complaint),
        **forms_,
    }
    return render(request, "complaints/detail.html", context, status=status)


@district_permission(VIEW)
def complaint_detail(request: DistrictRequest, district: str, complaint: int) -> HttpResponse:
    return _detail_page(request, complaint_or_404(complaint).pk)


def _act(
    request: DistrictRequest,
    obj: Complaint,
    form: forms.Form,
    service: Callable[..., Any],
    success: str,
) -> HttpResponse:
    """Run `service` with the form's data; back to the case, or the case with the form."""
    if form.is_valid():
        data = dict(form.cleaned_data)
        if "version" in data:
            data["expected_version"] = data.pop("version")
        save = partial(service, complaint=obj, actor=request.user, **data)
        if save_form(request, form, save, success) is not None:
            return redirect("complaints:detail", district=request.district.slug, complaint=obj.pk)
    if "version" in form.fields:  # the next try is a decision against the current state
        posted = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict in practice
        posted[form.add_prefix("version")] = str(obj.version)
        form.data = posted
    name = f"{form.prefix}_form"
    return _detail_page(request, obj.pk, status=400, **{name: form})


def _post_action(
    form_class: Callable[..., forms.Form], service: Callable[..., Any], success: Any
) -> Callable[..., HttpResponse]:
    """A POST-only action of the case page (405 on GET, like the work plan's)."""

    @district_permission(CHANGE)
    def view(request: DistrictRequest, district: str, complaint: int) -> HttpResponse:
        obj = complaint_or_404(complaint)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return _act(request, obj, form_class(request.POST, complaint=obj), service, str(success))

    return view


complaint_status = _post_action(
    StatusForm, services.status_change, gettext_lazy("The status was changed.")
)
complaint_feedback = _post_action(
    lambda data, complaint: FeedbackForm(data),
    services.feedback_record,
    gettext_lazy("The feedback was recorded; the next one is due in two weeks."),
)
complaint_message = _post_action(
    lambda data, complaint: TextForm(data, prefix="message"),
    services.message_to_complainant,
    gettext_lazy("The message is on the status page; it counts as feedback."),
)
complaint_note = _post_action(
    lambda data, complaint: TextForm(data, prefix="note"),
    services.note_add,
    gettext_lazy("The note was added."),
)


@district_permission(CHANGE)
def complaint_code(request: DistrictRequest, district: str, complaint: int) -> HttpResponse:
    """A new receipt code for a complainant who lost theirs, shown in this response only."""
    obj = complaint_or_404(complaint)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        code = services.receipt_code_renew(complaint=obj, actor=request.user)
    except ValidationError as error:  # an anonymised case has no code any more
        form = forms.Form(request.POST)
        form.add_error(None, error)
        return _detail_page(request, obj.pk, status=400, code_form=form)
    context = {"complaint": obj, "code": code, "renewed": True}
    return render(request, "complaints/receipt.html", context)
