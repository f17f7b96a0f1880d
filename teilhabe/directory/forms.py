from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModelForm, https_formfield
from teilhabe.core.widgets import DateInput
from teilhabe.districts.models import District, Locality

from .models import ContactPerson, Language, Organisation, Topic


class LanguageChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Language) -> str:
        return obj.label


class LocalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Locality) -> str:
        return f"{obj.name} ({obj.district.name})"


def _checkboxes(columns: str = "") -> forms.CheckboxSelectMultiple:
    return forms.CheckboxSelectMultiple(attrs={"class": f"choices {columns}".strip()})


class OrganisationForm(VersionedModelForm):
    """An organisation; operator, places and LAF region only matter for accommodations."""

    languages = LanguageChoiceField(
        label=_("Languages help is offered in"),
        queryset=Language.objects.all(),
        required=False,
        widget=_checkboxes("columns"),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=_checkboxes("columns"),
    )
    locality = LocalityChoiceField(
        label=_("Ortsteil"),
        queryset=Locality.objects.select_related("district").order_by("district__number", "name"),
        required=False,
    )
    served_districts = forms.ModelMultipleChoiceField(
        label=_("Also serves the districts"),
        queryset=District.objects.all(),
        required=False,
        widget=_checkboxes("columns"),
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "kind", "description", "street", "postal_code", "city", "locality",
            "phone", "email", "website", "opening_hours", "step_free", "accessibility_note",
            "languages", "topics", "is_public", "serves_all_berlin", "served_districts",
            "operator", "capacity", "laf_region", "is_active", "internal_note",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "internal_note": forms.Textarea(attrs={"rows": 3}),
        }
        formfield_callback = https_formfield

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        operators = Organisation.objects.filter(district=district, is_active=True).exclude(
            kind=Organisation.Kind.ACCOMMODATION
        )
        if self.instance.pk is not None:
            operators = operators.exclude(pk=self.instance.pk)
        self.fields["operator"].queryset = operators.order_by("name_key")  # type: ignore[attr-defined]
        self.fields["operator"].help_text = _("Refugee accommodations only.")
        self.fields["capacity"].help_text = _("Refugee accommodations only.")
        self.instance.district = district  # the model's checks compare districts
        if self.instance.pk is None:
            self.initial.setdefault("served_districts", [])
            self.initial.setdefault("locality", None)

    def validate_unique(self) -> None:
        """The service checks the record as a whole, with its district set."""


class OrganisationCreateForm(OrganisationForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_duplicate = forms.BooleanField(
        label=_("Yes, this is a different organisation: add it anyway"), required=False
    )

    class Meta(OrganisationForm.Meta):
        pass


class ContactPersonForm(VersionedModelForm):
    languages = LanguageChoiceField(
        label=_("Languages"),
        queryset=Language.objects.all(),
        required=False,
        widget=_checkboxes("columns"),
    )

    class Meta:
        model = ContactPerson
        fields = ["name", "role", "phone", "email", "languages", "public_consent_on"]
        widgets = {"public_consent_on": DateInput()}
        formfield_callback = https_formfield


class ContactPersonCreateForm(ContactPersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta(ContactPersonForm.Meta):
        pass


class DeleteForm(forms.Form):
    """A confirmation; the POST itself is the decision."""


SCOPE_CHOICES = [
    ("own", _("this district's entries")),
    ("berlin", _("plus public entries of all districts")),
]


class DirectoryFilterForm(forms.Form):
    """The directory's search form (GET); invalid values are dropped, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    typ = forms.ChoiceField(label=_("Type"), required=False)
    thema = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False, to_field_name="code"
    )
    sprache = forms.ModelChoiceField(
        label=_("Language"), queryset=Language.objects.all(), required=False, to_field_name="code"
    )
    ortsteil = forms.ModelChoiceField(
        label=_("Ortsteil"), queryset=Locality.objects.none(), required=False, to_field_name="code"
    )
    bereich = forms.ChoiceField(label=_("Entries"), choices=SCOPE_CHOICES, required=False)
    inaktiv = forms.BooleanField(label=_("include closed organisations"), required=False)

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields  # typed loosely: the concrete classes are known
        fields["typ"].choices = [("", _("all types")), *Organisation.Kind.choices]
        fields["thema"].empty_label = _("all topics")
        fields["sprache"].empty_label = _("all languages")
        fields["ortsteil"].queryset = Locality.objects.filter(district=district).order_by("name")
        fields["ortsteil"].empty_label = _("all Ortsteile")

    def criteria(self) -> Any:
        from .selectors import DirectoryFilter

        self.is_valid()
        data = self.cleaned_data
        return DirectoryFilter(
            query=data.get("q") or "",
            kind=data.get("typ") or "",
            topic=data["thema"].code if data.get("thema") else "",
            language=data["sprache"].code if data.get("sprache") else "",
            locality=data["ortsteil"].code if data.get("ortsteil") else "",
            scope=data.get("bereich") or "own",
            include_inactive=bool(data.get("inaktiv")),
        )

    @property
    def dropped(self) -> list[str]:
        """Labels of parameters that were given but not understood."""
        return [str(self.fields[name].label) for name in self.errors]
