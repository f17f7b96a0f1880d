"""Forms of the casework: statement requests, the AGG referral, the assessment.

Choices of district records come from the district; the services check everything
again. Each form's `arguments()` are the keyword arguments of its service (besides the
record and the actor), so the views only connect the two.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.documents.model import LANGUAGE_TAGS
from teilhabe.core.versioning import VersionedModelForm, lf_line_ends
from teilhabe.core.widgets import DateInput
from teilhabe.directory.models import Organisation
from teilhabe.directory.selectors import organisations_referable

from . import bodies
from .models import (
    Assessment,
    Complaint,
    ComplaintEvent,
    Referral,
    StatementRequest,
    language_name,
)
from .services.casework import redacted_text, sent_methods

DATE = DateInput()
DEADLINE = datetime.timedelta(days=14)
COMPLAINANT = Assessment.Recipient.COMPLAINANT


class CaseworkFormMixin(forms.BaseForm):
    """A service's error on a field the form names differently (or not at all) lands on
    the form's own field, or above the form, instead of failing."""

    field_aliases: dict[str, str] = {}

    def clean(self) -> dict[str, Any]:
        return lf_line_ends(super().clean() or {})

    def add_error(self, field: str | None, error: Any) -> None:
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            mapped: dict[str, list[ValidationError]] = {}
            for name, errors in error.error_dict.items():
                target = self.field_aliases.get(name, name)
                if target not in self.fields:
                    target = NON_FIELD_ERRORS
                mapped.setdefault(target, []).extend(errors)
            error = ValidationError(mapped)
        super().add_error(field, error)

    def all_errors(self) -> list[str]:
        """Every message of the form, for a refusal shown next to a button."""
        return [str(message) for errors in self.errors.values() for message in errors]


class ActionForm(CaseworkFormMixin, forms.Form):
    """A button on the case page (remind, refer); the prefix names the item."""

    def arguments(self) -> dict[str, Any]:
        return {}


class ApproveForm(ActionForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def arguments(self) -> dict[str, Any]:
        return {"expected_version": self.cleaned_data["version"]}


class SentForm(ActionForm):
    method = forms.ChoiceField(label=_("Sent by"), choices=ComplaintEvent.Method.choices)

    def __init__(
        self, *args: Any, assessment: Assessment, complaint: Complaint, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        allowed = sent_methods(assessment, complaint)
        field: Any = self.fields["method"]
        # Any method validates here, so one that does not fit gets the service's answer.
        field.widget.choices = [(value, ComplaintEvent.Method(value).label) for value in allowed]

    def arguments(self) -> dict[str, Any]:
        return {"method": self.cleaned_data["method"]}


# ----------------------------------------------------------------------------- statements


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        label = f"{obj.name} ({obj.district.name})"
        if getattr(obj, "concerned", 1) == 0:
            return f"{label} – {_('concerned')}"
        return label


class StatementRequestForm(bodies.BodySearchMixin, CaseworkFormMixin, forms.Form):
    """A statement request: the bodies concerned come first, the one not yet asked is
    chosen, other bodies are found by a search of the directory, and the text is the
    complaint without who made it, to edit before sending."""

    organisation = BodyChoiceField(
        label=_("Body asked"),
        queryset=Organisation.public.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    stellen_suche = bodies.search_field()
    text_sent = forms.CharField(
        label=_("Text sent"),
        help_text=_(
            "What the body learns of the complaint. Name, e-mail, phone and address are "
            "replaced by […]; check that nothing else identifies the person."
        ),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    deadline = forms.DateField(label=_("Answer due by"), widget=DATE)
    complainant_agreed = forms.BooleanField(
        label=_("The complainant agreed that the body may learn who they are"),
        required=False,
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        concerned = list(complaint.concernedbody_set.values_list("organisation_id", flat=True))
        asked = set(complaint.statements.values_list("organisation_id", flat=True))
        field: Any = self.fields["organisation"]
        field.queryset = _concerned_first(complaint, concerned)
        not_asked = [pk for pk in concerned if pk not in asked]
        field.initial = next(iter(not_asked or concerned), None)
        chosen = bodies.posted_ids(self.data, self.add_prefix("organisation"))
        self.bodies_offered = bodies.offer(
            field,
            district=complaint.district,
            chosen=chosen,
            query=self.search_query(),
            first=concerned,
        )
        self.fields["text_sent"].initial = redacted_text(complaint)
        self.fields["deadline"].initial = timezone.localdate() + DEADLINE

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "text": data["text_sent"],
            "deadline": data["deadline"],
            "complainant_agreed": data["complainant_agreed"],
        }


def _concerned_first(complaint: Complaint, concerned: Iterable[int]) -> QuerySet:
    rank = Case(
        When(pk__in=list(concerned), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        organisations_referable(district=complaint.district)
        .select_related("district")
        .annotate(concerned=rank)
        .order_by("concerned", "name_key", "pk")
    )


class StatementReceiveForm(CaseworkFormMixin, VersionedModelForm):
    class Meta:
        model = StatementRequest
        fields = ["received_on", "statement"]
        widgets = {"received_on": DATE, "statement": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statement"].required = True
        if self.instance.received_on is None:  # the instance's empty value would win
            self.initial["received_on"] = timezone.localdate()

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "statement": data["statement"],
            "received_on": data["received_on"],
            "expected_version": data["version"],
        }


# ----------------------------------------------------------------------------- referral


class ShareWidget(forms.CheckboxSelectMultiple):
    """Checkboxes of which some are shown but cannot be ticked."""

    disabled_values: frozenset[str] = frozenset()

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        if option["value"] in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option


class ConsentForm(CaseworkFormMixin, VersionedModelForm):
    """The complainant's consent to the referral: when, how, and what may be passed on."""

    field_aliases = {"how": "consent_how"}
    shared = forms.MultipleChoiceField(
        label=_("The complainant agreed to pass on"),
        required=False,
        choices=Referral.Share.choices,
        widget=ShareWidget(attrs={"class": "choices"}),
    )

    class Meta:
        model = Referral
        fields = ["consent_on", "consent_how", "shared"]
        widgets = {"consent_on": DATE, "consent_how": forms.RadioSelect}

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A first recording has no version yet; a second one at the same time then
        # finds a recorded consent and is refused as a concurrent edit.
        self.fields["version"].required = False
        field: Any = self.fields["consent_how"]
        field.choices = Referral.How.choices  # radio buttons need no empty choice
        if self.instance.pk is None:
            self.initial["consent_on"] = timezone.localdate()
        if complaint.is_anonymous:
            widget: Any = self.fields["shared"].widget
            widget.disabled_values = frozenset({Referral.Share.NAME, Referral.Share.CONTACT})
            self.fields["shared"].help_text = _(
                "An anonymous complaint has no name or contact details to pass on."
            )

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "consent_on": data["consent_on"],
            "how": data["consent_how"],
            "shared": data["shared"],
            "expected_version": data["version"],
        }


class OutcomeForm(CaseworkFormMixin, VersionedModelForm):
    class Meta:
        model = Referral
        fields = ["outcome_on", "outcome"]
        widgets = {"outcome_on": DATE, "outcome": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome_on"].required = True
        if self.instance.outcome_on is None:
            self.initial["outcome_on"] = timezone.localdate()

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "on": data["outcome_on"],
            "expected_version": data["version"],
        }


# ----------------------------------------------------------------------------- assessment


def letter_languages() -> list[tuple[str, str]]:
    """The site's languages and those the letter templates are written for."""
    codes = dict.fromkeys([*(code for code, _name in settings.LANGUAGES), *LANGUAGE_TAGS])
    return [(code, language_name(code)) for code in codes]


class AssessmentForm(CaseworkFormMixin, forms.Form):
    """A letter to the complainant or to a body concerned, in the recipient's language
    unless another one is chosen."""

    field_aliases = {"organisation": "recipient"}
    recipient = forms.ChoiceField(label=_("To"))
    language = forms.ChoiceField(label=_("Language of the letter"), required=False)
    text = forms.CharField(
        label=_("Assessment"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("A letter to a body is redacted: leave out what identifies the complainant."),
    )
    complainant_agreed = forms.BooleanField(
        label=_("The complainant agreed that the body may learn who they are (letters to a body)"),
        required=False,
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.complaint = complaint
        self.bodies = {
            str(body.organisation_id): body.organisation
            for body in complaint.concernedbody_set.select_related("organisation")
        }
        choices: list[tuple[str, Any]] = [(COMPLAINANT, _("the complainant"))]
        choices += [(pk, organisation.name) for pk, organisation in self.bodies.items()]
        field: Any = self.fields["recipient"]
        field.choices = choices
        usual = _("As usual: the complainant's language (%(language)s), German for a body") % {
            "language": language_name(complaint.language)
        }
        language: Any = self.fields["language"]
        language.choices = [("", usual), *letter_languages()]

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        organisation = self.bodies.get(data["recipient"])
        language = data["language"] or ("de" if organisation else self.complaint.language)
        return {
            "recipient": Assessment.Recipient.BODY if organisation else COMPLAINANT,
            "organisation": organisation,
            "language": language,
            "text": data["text"],
            "complainant_agreed": data["complainant_agreed"],
        }
