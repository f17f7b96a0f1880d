"""Forms of the Ombudsstelle's staff pages. Choices of district records come from the
district; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModelForm, https_formfield
from teilhabe.core.widgets import DateInput
from teilhabe.directory.models import Organisation
from teilhabe.directory.selectors import organisations_referable
from teilhabe.districts.models import District, Position

from . import bodies
from .models import Category, Complaint, ComplaintEvent, Ground, Tag
from .services import CONTACT_FIELDS, EDITABLE, TRANSITIONS

DATE = DateInput()
DUE_CHOICES = [
    ("", _("any")),
    ("overdue", _("feedback overdue")),
    ("soon", _("feedback due within 7 days")),
]


class ComplaintFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any")), *Complaint.Status.choices]
    )
    thema = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("any")), *Category.choices]
    )
    frist = forms.ChoiceField(label=_("Feedback"), required=False, choices=DUE_CHOICES)


class BodyField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.district.name})"


class ComplaintCreateForm(bodies.BodySearchMixin, forms.ModelForm):
    """Intake of a complaint from any channel, as staff take it down."""

    categories = forms.MultipleChoiceField(
        label=_("Topics"),
        required=False,
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
    )
    grounds = forms.MultipleChoiceField(
        label=_("AGG grounds"),
        required=False,
        choices=Ground.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
    )
    organisations = BodyField(
        label=_("Bodies concerned"),
        queryset=Organisation.public.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stellen_suche = bodies.search_field()

    class Meta:
        model = Complaint
        fields = [
            "channel", "received_on", "is_anonymous", "name", "email", "phone", "address",
            "language", "subject", "description", "responsible",
        ]  # fmt: skip
        widgets = {
            "received_on": DATE,
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.TextInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"autocomplete": "off"}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        formfield_callback = https_formfield
        help_texts = {
            "is_anonymous": _(
                "Anonymous: we store no name and no contact details; the complainant "
                "follows the case with the reference and the code alone."
            )
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        if "received_on" in fields:
            fields["received_on"].initial = timezone.localdate()
        fields["language"].widget = forms.Select(choices=_languages())
        fields["responsible"].queryset = Position.objects.filter(
            district=district, is_active=True
        ).order_by("sort_order", "code")
        fields["organisations"].queryset = organisations_referable(
            district=district
        ).select_related("district")
        self.instance.district = district
        self.bodies_offered = bodies.offer(
            fields["organisations"],
            district=district,
            chosen=self._chosen_bodies(),
            query=self.search_query(),
        )

    def _chosen_bodies(self) -> list[int]:
        """The bodies ticked in the sent form, else those the case already names."""
        if self.is_bound:
            return bodies.posted_ids(self.data, self.add_prefix("organisations"))
        if self.instance.pk is None:
            return []
        return [body.organisation_id for body in self.instance.concernedbody_set.all()]

    def clean_received_on(self) -> Any:
        received_on = self.cleaned_data["received_on"]
        if received_on and received_on > timezone.localdate():
            raise ValidationError(_("A complaint cannot arrive in the future."))
        return received_on

    def clean(self) -> dict[str, Any]:
        """An anonymous complaint keeps nothing of what was typed into the contact fields."""
        cleaned = super().clean() or {}
        if cleaned.get("is_anonymous"):
            for name in CONTACT_FIELDS:
                cleaned[name] = ""
        return cleaned

    def field_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class ComplaintEditForm(VersionedModelForm, ComplaintCreateForm):
    """Corrections after intake; the receipt date and the reference stay as recorded."""

    class Meta(ComplaintCreateForm.Meta):
        fields = [*EDITABLE, "organisations"]

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, district=district, **kwargs)
        complaint = self.instance
        tags = {(tag.kind, tag.value) for tag in complaint.tags.all()}
        self.fields["categories"].initial = [v for k, v in tags if k == Tag.Kind.CATEGORY]
        self.fields["grounds"].initial = [v for k, v in tags if k == Tag.Kind.GROUND]
        self.fields["organisations"].initial = self._chosen_bodies()


def _languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class StatusForm(forms.Form):
    """The next step of the workflow; the service refuses steps that do not follow."""

    status = forms.ChoiceField(label=_("New status"), choices=Complaint.Status.choices)
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    prefix = "status"

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"version": complaint.version})
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS.get(complaint.status, ())
        # Any status validates here, so a step that does not follow gets the service's answer.
        field: Any = self.fields["status"]
        field.widget.choices = [(v, Complaint.Status(v).label) for v in allowed]


class FeedbackForm(forms.Form):
    prefix = "feedback"
    method = forms.ChoiceField(
        label=_("How"), choices=ComplaintEvent.Method.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(label=_("Date"), widget=DATE)
    text = forms.CharField(
        label=_("What the complainant was told"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class TextForm(forms.Form):
    """A message to the complainant or an internal note."""

    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
