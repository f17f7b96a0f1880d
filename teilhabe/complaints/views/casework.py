"""Casework on the case page: statement requests, the AGG referral, the assessment.

Pages with a form (a statement request, the statement received, the consent, the
referral's outcome, an assessment) go back to the case when saved. Buttons of the case
page (remind, refer, approve, mark as sent) are POST-only; a refusal shows the case page
again with the reason next to the button. Every record in a URL is looked up within
its complaint, and the complaint within the district.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django import forms
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.core.audit import audit_read
from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest
from teilhabe.core.versioning import save_form

from .. import bodies
from ..forms_casework import (
    ActionForm,
    ApproveForm,
    AssessmentForm,
    ConsentForm,
    OutcomeForm,
    SentForm,
    StatementReceiveForm,
    StatementRequestForm,
)
from ..letter_templates import FRAMES
from ..models import Assessment, Complaint, Referral, StatementRequest
from ..selectors import complaint_or_404
from ..services import casework as services

CHANGE = "complaints.change_complaint"
APPROVE = "complaints.approve_assessment"


@dataclass(frozen=True)
class StatementRow:
    statement: StatementRequest
    overdue: bool
    remind_form: ActionForm


@dataclass(frozen=True)
class AssessmentRow:
    assessment: Assessment
    superseded: bool
    own: bool
    approve_form: ApproveForm
    sent_form: SentForm


def detail_context(request: DistrictRequest, complaint: Complaint) -> dict[str, Any]:
    """The casework rows of the case page with their buttons (from the prefetched
    statements and assessments: no query per item)."""
    today = timezone.localdate()
    statements = [
        StatementRow(s, not s.is_answered and s.deadline < today, _remind_form(s))
        for s in complaint.statements.all()
    ]
    assessments = list(complaint.assessments.all())
    replaced = services.superseded(assessments)
    rows = [
        AssessmentRow(
            a,
            a.pk in replaced,
            a.drafted_by_id == request.user.pk,
            _approve_form(a),
            _sent_form(a, complaint),
        )
        for a in assessments
    ]
    return {
        "statement_rows": statements,
        "assessment_rows": rows,
        "referral_send_form": _send_form(),
        "share_choices": Referral.Share.choices,
        "can_approve": request.user.has_perm(APPROVE, request.district),
        # Languages with a letter template; other letters fall back to German.
        "letter_languages": tuple(FRAMES),
    }


def _remind_form(statement: StatementRequest, data: Any = None) -> ActionForm:
    return ActionForm(data, prefix=f"remind-{statement.pk}")


def _send_form(data: Any = None) -> ActionForm:
    return ActionForm(data, prefix="referral-send")


def _approve_form(assessment: Assessment, data: Any = None) -> ApproveForm:
    initial = {"version": assessment.version}
    return ApproveForm(data, prefix=f"approve-{assessment.pk}", initial=initial)


def _sent_form(assessment: Assessment, complaint: Complaint, data: Any = None) -> SentForm:
    prefix = f"sent-{assessment.pk}"
    return SentForm(data, prefix=prefix, assessment=assessment, complaint=complaint)


# ----------------------------------------------------------------------------- helpers


def _case_url(request: DistrictRequest, complaint: Complaint, anchor: str) -> str:
    kwargs = {"district": request.district.slug, "complaint": complaint.pk}
    return f"{reverse('complaints:detail', kwargs=kwargs)}#{anchor}"


def _run(request: DistrictRequest, form: Any, service: Callable[..., Any], success: str) -> Any:
    """The service with the form's arguments; None when the form or the service refused."""
    if form is None or not form.is_valid():
        return None
    return save_form(
        request, form, partial(service, actor=request.user, **form.arguments()), success
    )


def _page(
    request: DistrictRequest,
    complaint: Complaint,
    form: forms.BaseForm | None,
    service: Callable[..., Any],
    texts: tuple[str, str, str],
    anchor: str,
    facts: Sequence[tuple[str, Any]] = (),
) -> HttpResponse:
    """A casework page: its form, the service on a valid POST, then back to the case.
    `texts`: the page's title, its button and the message after saving."""
    title, submit, success = texts
    back = _case_url(request, complaint, anchor)
    if isinstance(form, bodies.BodySearchMixin) and form.searching():
        form.without_errors()  # back for a directory search: nothing is saved
    elif request.method == "POST" and _run(request, form, service, success) is not None:
        return redirect(back)
    context: dict[str, Any] = {"complaint": complaint, "form": form, "title": title}
    context.update(submit=submit, back=back, facts=facts)
    return render(request, "complaints/casework_form.html", context)


def _action(
    request: DistrictRequest,
    complaint: Complaint,
    form: forms.Form,
    service: Callable[..., Any],
    success: str,
    anchor: str,
) -> HttpResponse:
    """A button of the case page: POST only; a refusal shows at the button."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if _run(request, form, service, success) is not None:
        return redirect(_case_url(request, complaint, anchor))
    from .case import _detail_page  # the case page includes this module's context

    return _detail_page(request, complaint.pk, status=400, casework_form=form)


# ----------------------------------------------------------------------------- statements


def _statement(complaint: Complaint, pk: int) -> StatementRequest:
    queryset = StatementRequest.objects.select_related("organisation")
    return get_object_or_404(queryset, pk=pk, complaint=complaint)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def statement_new(request: DistrictRequest, district: str, complaint: int) -> HttpResponse:
    """Ask a body for its statement; the text is the complaint, redacted, to edit."""
    obj = complaint_or_404(complaint)
    if request.method == "GET":  # the page shows what the complainant wrote
        audit_read(actor=request.user, obj=obj)
    form = StatementRequestForm(request.POST or None, complaint=obj)
    texts = (_("Request a statement"), _("Send request"), _("The statement was requested."))
    service = partial(services.statement_request, complaint=obj)
    return _page(request, obj, form, service, texts, "statements")


@district_permission(CHANGE)
def statement_remind(
    request: DistrictRequest, district: str, complaint: int, statement: int
) -> HttpResponse:
    obj = complaint_or_404(complaint)
    item = _statement(obj, statement)
    service = partial(services.statement_remind, request=item)
    success = _("The reminder was recorded.")
    return _action(request, obj, _remind_form(item, request.POST), service, success, "statements")


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def statement_receive(
    request: DistrictRequest, district: str, complaint: int, statement: int
) -> HttpResponse:
    obj = complaint_or_404(complaint)
    item = _statement(obj, statement)
    facts = [
        (_("Body asked"), item.organisation.name),
        (_("Answer due by"), dateformat.format(item.deadline, "d.m.Y")),
        (_("Text sent"), item.text_sent),
    ]
    form = StatementReceiveForm(request.POST or None, instance=item)
    texts = (_("Statement received"), _("Save"), _("The statement was recorded."))
    service = partial(services.statement_receive, request=item)
    return _page(request, obj, form, service, texts, f"statement-{item.pk}", facts)


# ----------------------------------------------------------------------------- referral


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def referral_consent(request: DistrictRequest, district: str, complaint: int) -> HttpResponse:
    """The complainant's consent: only then may the case go to the LADS."""
    obj = complaint_or_404(complaint)
    referral = Referral.objects.filter(complaint=obj).first()
    instance = referral or Referral(complaint=obj, district=request.district)
    form = ConsentForm(request.POST or None, instance=instance, complaint=obj)
    texts = (_("Consent to the referral"), _("Record consent"), _("The consent was recorded."))
    service = partial(services.referral_consent, complaint=obj)
    return _page(request, obj, form, service, texts, "referral")


@district_permission(CHANGE)
def referral_send(request: DistrictRequest, district: str, complaint: int) -> HttpResponse:
    obj = complaint_or_404(complaint)
    service = partial(services.referral_send, complaint=obj)
    success = _("The case was referred to the LADS.")
    return _action(request, obj, _send_form(request.POST), service, success, "referral")


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def referral_outcome(request: DistrictRequest, district: str, complaint: int) -> HttpResponse:
    """The outcome of a referral; before the case was referred the page says so."""
    obj = complaint_or_404(complaint)
    referral = Referral.objects.filter(complaint=obj).first()
    texts = (_("Outcome of the referral"), _("Save"), _("The outcome was recorded."))
    if referral is None or referral.sent_on is None:
        return _page(request, obj, None, services.referral_outcome, texts, "referral")
    form = OutcomeForm(request.POST or None, instance=referral)
    facts = [(_("Referred on"), dateformat.format(referral.sent_on, "d.m.Y"))]
    service = partial(services.referral_outcome, referral=referral)
    return _page(request, obj, form, service, texts, "referral", facts)


# ----------------------------------------------------------------------------- assessment


def _assessment(complaint: Complaint, pk: int) -> Assessment:
    queryset = Assessment.objects.select_related("organisation")
    return get_object_or_404(queryset, pk=pk, complaint=complaint)


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def assessment_new(request: DistrictRequest, district: str, complaint: int) -> HttpResponse:
    """Draft a letter to the complainant or a body; `?an=` preselects the recipient."""
    obj = complaint_or_404(complaint)
    initial = {"recipient": request.GET.get("an", "complainant")}
    form = AssessmentForm(request.POST or None, complaint=obj, initial=initial)
    texts = (_("Draft an assessment"), _("Save draft"), _("The draft awaits approval."))
    service = partial(services.assessment_draft, complaint=obj)
    return _page(request, obj, form, service, texts, "assessments")


@district_permission(APPROVE)
def assessment_approve(
    request: DistrictRequest, district: str, complaint: int, assessment: int
) -> HttpResponse:
    """Four eyes: the commissioner approves a draft somebody else wrote."""
    obj = complaint_or_404(complaint)
    item = _assessment(obj, assessment)
    form = _approve_form(item, request.POST)
    service = partial(services.assessment_approve, assessment=item)
    success = _("The assessment was approved.")
    return _action(request, obj, form, service, success, f"assessment-{item.pk}")


@district_permission(CHANGE)
def assessment_sent(
    request: DistrictRequest, district: str, complaint: int, assessment: int
) -> HttpResponse:
    obj = complaint_or_404(complaint)
    item = _assessment(obj, assessment)
    form = _sent_form(item, obj, request.POST)
    service = partial(services.assessment_sent, assessment=item)
    success = _("The assessment was marked as sent.")
    return _action(request, obj, form, service, success, f"assessment-{item.pk}")


_CASE = "beschwerden/<int:complaint>"
urlpatterns: list[URLPattern] = [
    path(f"{_CASE}/stellungnahmen/neu/", statement_new, name="statement_new"),
    path(
        f"{_CASE}/stellungnahmen/<int:statement>/erinnern/",
        statement_remind,
        name="statement_remind",
    ),
    path(
        f"{_CASE}/stellungnahmen/<int:statement>/eingang/",
        statement_receive,
        name="statement_receive",
    ),
    path(f"{_CASE}/verweisung/einwilligung/", referral_consent, name="referral_consent"),
    path(f"{_CASE}/verweisung/senden/", referral_send, name="referral_send"),
    path(f"{_CASE}/verweisung/ergebnis/", referral_outcome, name="referral_outcome"),
    path(f"{_CASE}/einschaetzung/neu/", assessment_new, name="assessment_new"),
    path(
        f"{_CASE}/einschaetzung/<int:assessment>/freigeben/",
        assessment_approve,
        name="assessment_approve",
    ),
    path(
        f"{_CASE}/einschaetzung/<int:assessment>/versandt/",
        assessment_sent,
        name="assessment_sent",
    ),
]
