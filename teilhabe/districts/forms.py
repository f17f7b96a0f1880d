from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModelForm, https_formfield
from teilhabe.core.widgets import DateInput

from .models import District, Office, OfficeText, Position
from .selectors import assignable_users


class OfficeForm(VersionedModelForm):
    class Meta:
        model = Office
        fields = [
            "name", "street", "postal_code", "city", "room", "phone", "email", "website",
            "office_hours", "accessibility", "is_published",
        ]  # fmt: skip
        widgets = {"office_hours": forms.Textarea(attrs={"rows": 4})}
        formfield_callback = https_formfield


class OfficeTextForm(VersionedModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = OfficeText
        fields = ["mission", "tasks"]
        widgets = {
            "mission": forms.Textarea(attrs={"rows": 8}),
            "tasks": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "mission": _(
                "Markdown: *italic*, **bold**, lists with “- ”, links as [text](https://…)."
            ),
            "tasks": _("Markdown, as above. One task per list item."),
        }


class PositionForm(VersionedModelForm):
    class Meta:
        model = Position
        fields = ["code", "title", "description", "is_head", "sort_order", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PositionCreateForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["code", "title", "description", "is_head", "sort_order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self) -> None:
        """Uniqueness per district is checked by the service, which knows the district."""


class HoldingForm(forms.Form):
    user: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Person"), queryset=None)
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(
        label=_("Until (optional)"),
        required=False,
        widget=DateInput(),
    )

    def __init__(self, *args, district: District, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = assignable_users(district=district)  # type: ignore[attr-defined]
        self.fields["start"].initial = timezone.localdate()

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end date must not be before the start date."))
        return data


class HoldingEndForm(forms.Form):
    end = forms.DateField(label=_("Last day"), widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end"].initial = timezone.localdate()
