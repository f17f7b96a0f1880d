from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModelForm, https_formfield
from teilhabe.core.widgets import DateInput
from teilhabe.directory.models import Language, Organisation, Topic
from teilhabe.directory.selectors import organisations_referable
from teilhabe.districts.models import District, Position, PositionHolding

from .models import Consultation


class SingleLanguageField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Language) -> str:
        return obj.label


class ReferralField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        where = obj.locality.name if obj.locality else obj.district.name
        return f"{obj.name} ({obj.get_kind_display()}, {where})"


class ConsultationForm(VersionedModelForm):
    """A consultation, in the order a routine one is typed: most fields come prefilled."""

    language = SingleLanguageField(
        label=_("Language used"),
        queryset=Language.objects.all(),
        error_messages={"invalid_choice": _("This language code is not in the list of languages.")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
        error_messages={"required": _("Choose at least one topic.")},
    )
    referrals = ReferralField(
        label=_("Referred to"),
        queryset=Organisation.public.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "A chosen organisation belongs to another district and is not public."
            ),
            "invalid_pk_value": _("This is not an organisation of the directory."),
        },
    )
    follows: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Consultation.objects.none(), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Consultation
        fields = [
            "date", "position", "channel", "language", "interpreter", "topics", "note",
            "outcome", "follow_up_on", "referrals", "wants_follow_up", "pseudonym", "contact",
            "age_group", "gender", "nationality", "follows",
        ]  # fmt: skip
        widgets = {
            "date": DateInput(),
            "follow_up_on": DateInput(),
            "channel": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
            "pseudonym": forms.TextInput(attrs={"autocomplete": "off"}),
            "contact": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        formfield_callback = https_formfield

    def __init__(
        self, *args: Any, district: District, user: Any, suggestions: list | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields  # typed loosely: the concrete classes are known
        fields["position"].queryset = Position.objects.filter(district=district, is_active=True)
        fields["position"].empty_label = None
        fields["follows"].queryset = Consultation.objects.filter(district=district)
        referrals = fields["referrals"]
        referrals.queryset = organisations_referable(district=district).select_related(
            "locality", "district"
        )
        # The model's checks compare related records' district with the instance's.
        self.instance.district = district
        self.district = district
        if self.instance.pk is None:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("language", "de")
            mine = PositionHolding.objects.current().filter(district=district, user=user).first()
            if mine is not None:
                self.initial.setdefault("position", mine.position_id)
        self.show_referral_choices(suggestions or [])

    def show_referral_choices(self, suggestions: list[Organisation]) -> None:
        """Offer the suggestions plus whatever is chosen already, not the whole directory."""
        chosen_ids = self._chosen_referral_ids()
        shown = {org.pk: org for org in suggestions}
        missing = [pk for pk in chosen_ids if pk not in shown]
        field: Any = self.fields["referrals"]
        if missing:
            for org in field.queryset.filter(pk__in=missing):
                shown[org.pk] = org
        field.widget.choices = [(pk, field.label_from_instance(org)) for pk, org in shown.items()]
        self.referral_choices_count = len(shown)

    def _chosen_referral_ids(self) -> list[int]:
        if self.is_bound:
            values = self.data.getlist(self.add_prefix("referrals"))  # type: ignore[attr-defined]
        elif self.instance.pk is not None:
            values = [org.pk for org in self.instance.referrals.all()]
        else:
            values = []
        return [int(v) for v in values if str(v).isdigit()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("wants_follow_up"):
            for name in ("pseudonym", "contact"):
                if cleaned.get(name):
                    self.add_error(
                        name,
                        _(
                            "Only kept if the person wants a follow-up: tick the box above "
                            "or leave this empty."
                        ),
                    )
        return cleaned


class ConsultationCreateForm(ConsultationForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta(ConsultationForm.Meta):
        pass
