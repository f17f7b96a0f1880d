"""Forms of committees. Choices of district records are set from the district in __init__."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.versioning import VersionedModelForm, https_formfield
from teilhabe.core.widgets import DateInput
from teilhabe.directory.models import Topic
from teilhabe.directory.selectors import organisations_referable
from teilhabe.districts.models import District, Position

from . import rhythm
from .models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    LegislativeTerm,
    Location,
    Meeting,
    MeetingFile,
    MeetingTask,
    Participation,
    Person,
)

DATE = DateInput()
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _positions(district: District):
    return Position.objects.filter(district=district, is_active=True).order_by("sort_order", "code")


class BodyForm(VersionedModelForm):
    """A body and its rhythm. The rhythm is chosen from simple fields or typed as a rule."""

    pattern = forms.ChoiceField(
        label=_("Meets"),
        required=False,
        choices=[
            ("", _("no regular rhythm")),
            ("weekly", _("every week or every few weeks")),
            ("monthly_weekday", _("on a weekday of the month (e.g. every first Wednesday)")),
            ("monthly_day", _("on a day of the month (e.g. on the 15th)")),
            ("custom", _("own rule (RFC 5545)")),
        ],
    )
    interval = forms.IntegerField(
        label=_("every … weeks or months"), min_value=1, max_value=12, initial=1, required=False
    )
    nth = forms.TypedChoiceField(
        label=_("Which weekday of the month"),
        coerce=int,
        required=False,
        choices=[
            (1, pgettext_lazy("nth weekday", "first")),
            (2, pgettext_lazy("nth weekday", "second")),
            (3, pgettext_lazy("nth weekday", "third")),
            (4, pgettext_lazy("nth weekday", "fourth")),
            (-1, pgettext_lazy("nth weekday", "last")),
        ],
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "–"), *WEEKDAYS.items()],
    )
    monthday = forms.IntegerField(
        label=_("Day of the month"), min_value=1, max_value=31, required=False
    )
    skip_months = forms.TypedMultipleChoiceField(
        label=_("Not in"),
        coerce=int,
        required=False,
        choices=list(MONTHS.items()),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices columns"}),
    )

    class Meta:
        model = Body
        fields = [
            "name", "short_name", "kind", "level", "parent", "status", "is_public",
            "host_organisation", "focus_topic", "description", "website", "seats",
            "rhythm_text", "rhythm_rule", "rhythm_start", "meeting_time", "meeting_minutes",
            "default_location",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "rhythm_start": DATE,
            "meeting_time": TIME,
        }
        formfield_callback = https_formfield

    RHYTHM_FIELDS = ("pattern", "interval", "nth", "weekday", "monthday", "skip_months")

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.district = district
        parents = Body.objects.alive().filter(district=district)
        if self.instance.pk is not None:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["default_location"].queryset = Location.objects.filter(district=district)  # type: ignore[attr-defined]
        self.fields["host_organisation"].queryset = (  # type: ignore[attr-defined]
            organisations_referable(district=district).order_by("name_key")
        )
        self.fields["focus_topic"].queryset = Topic.objects.all()  # type: ignore[attr-defined]
        self.fields["rhythm_rule"].required = False
        self.fields["rhythm_rule"].help_text = _(
            "Only for “own rule”, e.g. FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH for every two "
            "months on the second Thursday."
        )
        self.fields["rhythm_text"].help_text = _("As the office says it, e.g. “ca. alle 2 Monate”.")
        self.fields["rhythm_start"].help_text = _("The first date the rhythm counts from.")
        if not self.is_bound:
            for name, value in rhythm.decompose(self.instance.rhythm_rule).items():
                self.fields[name].initial = value

    def body_fields(self) -> list:
        """The fields about the body itself; the template puts the rhythm apart."""
        rhythm_part = {
            *self.RHYTHM_FIELDS, "rhythm_rule", "rhythm_text", "rhythm_start", "meeting_time",
            "meeting_minutes", "default_location", "version",
        }  # fmt: skip
        return [field for field in self.visible_fields() if field.name not in rhythm_part]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        pattern = cleaned.get("pattern") or ""
        if pattern == "custom":
            rule = cleaned.get("rhythm_rule") or ""
            if not rule:
                self.add_error("rhythm_rule", _("Type the rule, or choose a simple rhythm."))
        else:
            if pattern == "monthly_weekday" and cleaned.get("weekday") is None:
                self.add_error("weekday", _("Choose the weekday."))
            if pattern == "monthly_day" and not cleaned.get("monthday"):
                self.add_error("monthday", _("Choose the day of the month."))
            rule = rhythm.compose(
                pattern,
                interval=cleaned.get("interval") or 1,
                weekday=cleaned.get("weekday"),
                nth=cleaned.get("nth"),
                monthday=cleaned.get("monthday"),
                skip_months=tuple(cleaned.get("skip_months") or ()),
            )
        if rule:
            if not cleaned.get("rhythm_start"):
                cleaned["rhythm_start"] = timezone.localdate()
            try:
                rule = rhythm.validate_rule(rule, cleaned["rhythm_start"])
            except ValidationError as error:
                self.add_error("rhythm_rule" if pattern == "custom" else "pattern", error)
        cleaned["rhythm_rule"] = rule
        return cleaned


class ExceptionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class ParticipationForm(VersionedModelForm):
    class Meta:
        model = Participation
        fields = ["position", "role", "start", "end"]
        widgets = {"start": DATE, "end": DATE}
        formfield_callback = https_formfield

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.district = district
        self.fields["position"].queryset = _positions(district)  # type: ignore[attr-defined]
        if self.instance.pk is None:
            self.fields["version"].required = False


class LocationForm(VersionedModelForm):
    class Meta:
        model = Location
        fields = ["name", "room", "street", "postal_code", "city", "accessibility"]


class MeetingForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = [
            "name", "start", "end", "location", "online_url", "status", "status_note",
            "invitation", "invited_on",
        ]  # fmt: skip
        widgets = {
            "start": DATETIME,
            "end": DATETIME,
            "invited_on": DATE,
            "invitation": forms.Textarea(attrs={"rows": 6}),
        }
        formfield_callback = https_formfield

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.district = district
        self.fields["location"].queryset = Location.objects.filter(district=district)  # type: ignore[attr-defined]
        self.fields["name"].help_text = _("Leave empty to use the body's name.")
        if self.instance.pk is None:
            self.fields["version"].required = False
            status: Any = self.fields["status"]
            status.choices = [c for c in status.choices if c[0] not in {"cancelled", "moved"}]
        elif self.instance.status == Meeting.Status.MOVED:
            self.fields["status"].disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("A meeting cannot end before it starts."))
        return cleaned


class MinutesForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes", "minutes_public"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 24, "class": "monospace"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minutes"].help_text = _(
            "Markdown: ## for headings, **bold**, - for lists. Internal agenda items belong "
            "in an internal document, not in minutes that are published."
        )


class MoveForm(forms.Form):
    start = forms.DateTimeField(label=_("New start"), widget=DATETIME)
    end = forms.DateTimeField(label=_("New end"), widget=DATETIME, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("A meeting cannot end before it starts."))
        return cleaned


class CancelForm(forms.Form):
    note = forms.CharField(
        label=_("Reason, shown with the meeting"), max_length=300, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class AgendaItemForm(VersionedModelForm):
    class Meta:
        model = AgendaItem
        fields = ["number", "title", "is_public", "description", "decision"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Leave empty to number the items in order.")
        if self.instance.pk is None:
            self.fields["version"].required = False


class TaskForm(VersionedModelForm):
    class Meta:
        model = MeetingTask
        fields = ["title", "responsible", "due", "agenda_item", "done_on"]
        widgets = {"due": DATE, "done_on": DATE}
        formfield_callback = https_formfield

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.district = meeting.district
        self.fields["responsible"].queryset = _positions(meeting.district)  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = AgendaItem.objects.alive().filter(meeting=meeting)  # type: ignore[attr-defined]
        if self.instance.pk is None:
            self.fields["version"].required = False
            del self.fields["done_on"]


class FileForm(forms.Form):
    upload = forms.FileField(label=_("File"))
    role = forms.ChoiceField(label=_("Kind"), choices=MeetingFile.Role.choices)
    name = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Empty: the file name.")
    )
    is_public = forms.BooleanField(label=_("Publish on the portal"), required=False)


class AttendanceForm(forms.Form):
    """One choice per member and participating position of the body on the meeting's day."""

    def __init__(self, *args: Any, members, participations, recorded, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("not recorded")), *Attendance.Status.choices]
        for member in members:
            self.fields[f"member-{member.pk}"] = forms.ChoiceField(
                label=str(member), choices=choices, required=False,
                initial=recorded.get(("member", member.pk), ""),
            )  # fmt: skip
        for participation in participations:
            position = participation.position
            self.fields[f"position-{position.pk}"] = forms.ChoiceField(
                label=f"{position.code} – {position.title}", choices=choices, required=False,
                initial=recorded.get(("position", position.pk), ""),
            )  # fmt: skip

    def entries(self) -> tuple[dict[int, str], dict[int, str]]:
        members: dict[int, str] = {}
        positions: dict[int, str] = {}
        for name, value in self.cleaned_data.items():
            kind, pk = name.split("-")
            (members if kind == "member" else positions)[int(pk)] = value
        return members, positions


class PersonForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = ["name", "form_of_address", "affiliation", "email", "phone", "public_consent_on"]
        widgets = {"public_consent_on": DATE}


class MemberForm(VersionedModelForm):
    """A membership; a new person can be entered in the same form."""

    new_person = forms.CharField(
        label=_("or a new person"), max_length=200, required=False,
        help_text=_("Name of a person not yet recorded."),
    )  # fmt: skip
    new_person_consent = forms.DateField(
        label=_("New person agreed to publication on"), required=False, widget=DATE
    )

    class Meta:
        model = BodyMember
        fields = [
            "person", "organisation", "role", "voting_right", "seat", "term", "appointment",
            "deputy_of", "start", "end", "end_reason",
        ]  # fmt: skip
        widgets = {"start": DATE, "end": DATE}
        formfield_callback = https_formfield

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district = body.district
        self.instance.district = district
        self.instance.body = body
        self.fields["person"].queryset = Person.objects.alive().filter(district=district)  # type: ignore[attr-defined]
        self.fields["person"].required = False
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            organisations_referable(district=district).order_by("name_key")
        )
        self.fields["term"].queryset = LegislativeTerm.objects.filter(district=district)  # type: ignore[attr-defined]
        deputies = (
            BodyMember.objects.current().filter(body=body).select_related("person", "organisation")
        )
        if self.instance.pk is not None:
            deputies = deputies.exclude(pk=self.instance.pk)
        self.fields["deputy_of"].queryset = deputies  # type: ignore[attr-defined]
        if not body.seats:
            del self.fields["seat"]
        else:
            self.fields["seat"].widget.attrs.update(min=1, max=body.seats)
        if self.instance.pk is None:
            self.fields["version"].required = False
            del self.fields["end_reason"]
        else:
            del self.fields["new_person"]
            del self.fields["new_person_consent"]

    def _get_validation_exclusions(self) -> set[str]:
        # A person typed in is created by the service; the model's "person or
        # organisation" check then runs there, with the new person set.
        excluded = super()._get_validation_exclusions()  # type: ignore[misc]
        if "new_person" in self.fields and self.data.get(self.add_prefix("new_person")):
            excluded.add("person")
        return excluded

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        has_person = cleaned.get("person") or cleaned.get("new_person")
        if cleaned.get("person") and cleaned.get("new_person"):
            self.add_error(
                "new_person", _("Choose a recorded person or enter a new one, not both.")
            )
        elif not has_person and not cleaned.get("organisation"):
            self.add_error("person", _("Choose a person or an organisation."))
        return cleaned

    def field_data(self) -> dict[str, Any]:
        data = super().field_data()
        data.pop("new_person", None)
        data.pop("new_person_consent", None)
        return data


class SuccessorForm(forms.Form):
    successor: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Successor"), queryset=Person.objects.none(), required=False
    )
    new_person = forms.CharField(label=_("or a new person"), max_length=200, required=False)
    new_person_consent = forms.DateField(
        label=_("New person agreed to publication on"), required=False, widget=DATE
    )
    start = forms.DateField(label=_("Successor from"), widget=DATE)
    reason = forms.CharField(label=_("Why the member left"), max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = Person.objects.alive().filter(district=district)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("successor")) == bool(cleaned.get("new_person")):
            self.add_error("successor", _("Choose a recorded person or enter a new one."))
        return cleaned


class TermForm(VersionedModelForm):
    class Meta:
        model = LegislativeTerm
        fields = ["name", "start", "end", "election_date"]
        widgets = {"start": DATE, "end": DATE, "election_date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["version"].required = False


class BodyFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all")), *Body.Kind.choices]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("all")), *Body.Level.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("active and suspended")), *Body.Status.choices],
    )
    position: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Position"), required=False, queryset=Position.objects.none()
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = _positions(district)  # type: ignore[attr-defined]
