"""Forms of the work plan. Choices of district records are set from the district."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.committees.models import Body
from teilhabe.core.versioning import VersionedModelForm, https_formfield
from teilhabe.core.widgets import DateInput
from teilhabe.districts.models import District, Position

from . import schedules, services
from .models import Activity, RunningTask, WorkPlan
from .selectors import SECTION_FIELDS, SIGNATURE_FIELDS

DATE = DateInput()
REASON_HELP = _(
    "The Bezirksamt has adopted the plan: the change and its reason go into the year-end report."
)


class YearChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.year)


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    copy_from = YearChoiceField(
        label=_("Take over texts and running tasks from"),
        queryset=None,
        required=False,
        empty_label=_("no plan: start with the default texts"),
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plans = WorkPlan.objects.filter(district=district).order_by("-year")
        self.fields["copy_from"].queryset = plans  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year + 1
        latest = plans.first()
        if latest is not None:
            self.fields["copy_from"].initial = latest.pk
        self.district = district

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if WorkPlan.objects.filter(district=self.district, year=year).exists():
            raise ValidationError(_("There is already a work plan for %(year)s.") % {"year": year})
        return year


class PlanForm(VersionedModelForm):
    class Meta:
        model = WorkPlan
        fields = [
            "title",
            "introduction",
            "running_tasks_intro",
            "gremien_intro",
            "activities_intro",
            *SECTION_FIELDS,
            *SIGNATURE_FIELDS,
            "document_date",
            "paper_number",
            "decision_date",
            "bvv_session_date",
            "published_on",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "running_tasks_intro": forms.Textarea(attrs={"rows": 2}),
            "gremien_intro": forms.Textarea(attrs={"rows": 2}),
            "activities_intro": forms.Textarea(attrs={"rows": 2}),
            "section_subject": forms.Textarea(attrs={"rows": 2}),
            "section_resolution": forms.Textarea(attrs={"rows": 2}),
            "section_forwarding": forms.Textarea(attrs={"rows": 3}),
            "section_reasoning": forms.Textarea(attrs={"rows": 6}),
            "section_legal_basis": forms.Textarea(attrs={"rows": 2}),
            "section_budget": forms.Textarea(attrs={"rows": 2}),
            "section_target_groups": forms.Textarea(attrs={"rows": 3}),
            "document_date": DATE,
            "decision_date": DATE,
            "bvv_session_date": DATE,
            "published_on": DATE,
        }

    TEXT_FIELDS = (
        "title",
        "introduction",
        "running_tasks_intro",
        "gremien_intro",
        "activities_intro",
    )
    DECISION_FIELDS = ("paper_number", "decision_date", "bvv_session_date", "published_on")

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fieldsets of the long form, in the order of the paper."""
        return [
            (str(_("The plan")), [self[name] for name in self.TEXT_FIELDS]),
            (str(_("Paper for the Bezirksamt (sections A–G)")), [self[n] for n in SECTION_FIELDS]),
            (
                str(_("Signatures and letterhead")),
                [self[n] for n in (*SIGNATURE_FIELDS, "document_date")],
            ),
            (str(_("Decision and BVV")), [self[n] for n in self.DECISION_FIELDS]),
        ]


class AdoptForm(forms.Form):
    decision_date = forms.DateField(label=_("Date of the Bezirksamt's decision"), widget=DATE)
    paper_number = forms.CharField(
        label=_("Paper number"), max_length=40, help_text=_("For example 1221/V.")
    )
    freeze_gremien = forms.BooleanField(
        label=_("Freeze the bodies table as it is now"),
        required=False,
        initial=True,
        help_text=_(
            "The plan then keeps the table the Bezirksamt adopted; later changes in the "
            "bodies stay out of it."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SubmitForm(forms.Form):
    session_date = forms.DateField(label=_("BVV session"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("Published on"), widget=DATE, initial=timezone.localdate)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReasonMixin:
    """A reason field that an adopted plan requires and a draft does without."""

    def ask_reason(self, plan: WorkPlan) -> None:
        fields = self.fields  # type: ignore[attr-defined]
        if plan.is_adopted:
            fields["reason"].required = True
        else:
            del fields["reason"]


def reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class RunningTaskForm(ReasonMixin, VersionedModelForm):
    reason = reason_field()

    class Meta:
        model = RunningTask
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, plan: WorkPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ask_reason(plan)


class RunningTaskDeleteForm(ReasonMixin, forms.Form):
    reason = reason_field()

    def __init__(self, *args: Any, plan: WorkPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ask_reason(plan)


class ActivityForm(ReasonMixin, VersionedModelForm):
    """An activity; the responsible positions are typed as the plan writes them."""

    codes = forms.CharField(
        label=_("Responsible"),
        max_length=200,
        help_text=_("Position codes as in the plan, separated by commas: IntB, Int1."),
    )
    reason = reason_field()

    class Meta:
        model = Activity
        formfield_callback = https_formfield
        fields = ["number", "title", "schedule_text", "body", "focus_area"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, plan: WorkPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        # Live bodies, and the one the activity names even if it was removed since.
        bodies = Body.objects.filter(district=plan.district).filter(
            Q(deleted_at__isnull=True) | Q(pk=self.instance.body_id or 0)
        )
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["number"].required = self.instance.pk is not None
        self.fields["number"].validators.append(MinValueValidator(1))
        self.fields["number"].widget.attrs["min"] = 1
        if self.instance.pk is None:
            self.fields["number"].help_text = _("Empty: the next free number.")
            self.fields["version"].required = False
        else:
            self.fields["codes"].initial = ", ".join(
                p.code for p in self.instance.positions.order_by("sort_order", "code")
            )
        self.ask_reason(plan)
        self.positions: list[Position] = []
        self.parsed: schedules.Schedule | None = None

    def clean_codes(self) -> str:
        codes = self.cleaned_data["codes"]
        try:
            self.positions = services.positions_from_codes(district=self.plan.district, text=codes)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        if not self.positions:
            raise ValidationError(_("Name at least one responsible position."))
        return codes

    def clean_schedule_text(self) -> str:
        text = self.cleaned_data["schedule_text"].strip()
        self.parsed = schedules.parse(text, year=self.plan.year)
        schedules.validate_for_plan(self.parsed, self.plan.year)
        return text

    def field_data(self) -> dict[str, Any]:
        data = super().field_data()
        if data.get("number") is None:
            data.pop("number", None)
        return data


class ActivityDeleteForm(ReasonMixin, forms.Form):
    """Carries the activity's id and version: its number in the address may have been
    given to another activity since the page was opened."""

    reason = reason_field()
    activity = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, activity: Activity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].initial = activity.pk
        self.fields["version"].initial = activity.version
        self.ask_reason(activity.plan)


class ProgressForm(forms.Form):
    date = forms.DateField(
        label=pgettext_lazy("day", "Date"), widget=DATE, initial=timezone.localdate
    )
    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)
    text = forms.CharField(
        label=_("Note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What happened, what is next. Postponing or dropping an activity of an adopted "
            "plan is a change to the plan: say why here."
        ),
    )
    activity = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, *args: Any, activity: Activity, may_change_plan: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].initial = activity.status
        self.fields["activity"].initial = activity.pk
        self.fields["version"].initial = activity.version
        if activity.plan.is_adopted and not may_change_plan:
            # Postponing or dropping changes an adopted plan: commissioner and staff.
            changes: set[str] = {Activity.Status.POSTPONED, Activity.Status.DROPPED}
            changes.discard(activity.status)
            self.fields["status"].choices = [  # type: ignore[attr-defined]
                (value, label) for value, label in Activity.Status.choices if value not in changes
            ]

    def clean_date(self) -> datetime.date:
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise ValidationError(_("A progress note cannot be dated in the future."))
        return day
