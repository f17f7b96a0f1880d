"""The public guide (Wegweiser): who helps with what, in which language, in which Ortsteil."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from teilhabe.core.http import DistrictRequest
from teilhabe.directory.models import Organisation
from teilhabe.directory.selectors import DirectoryFilter, public_organisation

from .guide_selectors import GuideChoices, guide_choices, guide_page

QUERY_MAX_LENGTH = 100
PAGE_PARAM = "seite"


class GuideFilterForm(forms.Form):
    """The guide's filters (GET); a value no option has is dropped and reported, not an error."""

    # Field names are the public URL parameters, German like the path /wegweiser/.
    thema = forms.ChoiceField(label=_("Topic"), required=False)
    sprache = forms.ChoiceField(label=_("Language"), required=False)
    ortsteil = forms.ChoiceField(label=_("Neighbourhood (Ortsteil)"), required=False)
    typ = forms.ChoiceField(label=_("Type of organisation"), required=False)
    q = forms.CharField(
        label=_("Search words"),
        required=False,
        help_text=_("For example a name, a street or an offer."),
        widget=forms.SearchInput(attrs={"maxlength": QUERY_MAX_LENGTH}),
    )

    def __init__(self, data: Any, *, choices: GuideChoices) -> None:
        super().__init__(data)
        self.languages = {language.code: language for language in choices.languages}
        options: dict[str, list[tuple[str, Any]]] = {
            "thema": [("", _("All topics"))]
            + [(topic.code, topic.name) for topic in choices.topics],
            "sprache": [("", _("All languages"))]
            + [(language.code, language.label) for language in choices.languages],
            "ortsteil": [("", _("All neighbourhoods"))]
            + [(locality.code, locality.name) for locality in choices.localities],
            "typ": [("", _("All types"))]
            + [(value, capfirst(label)) for value, label in Organisation.Kind.choices],
        }
        for name, items in options.items():
            cast(forms.ChoiceField, self.fields[name]).choices = items
        self.labels = {name: dict(items) for name, items in options.items()}
        self.ignored = self._drop_unknown_values()

    def _drop_unknown_values(self) -> list[str]:
        """Forget values no option has (old links, typos); return the labels of their fields."""
        unknown = [
            name
            for name, labels in self.labels.items()
            if self.data.get(name) and self.data.get(name) not in labels
        ]
        if unknown:
            self.data = {key: value for key, value in self.data.items() if key not in unknown}
        return [str(self.fields[name].label) for name in unknown]

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())[:QUERY_MAX_LENGTH]

    def criteria(self) -> DirectoryFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return DirectoryFilter(
            topic=data.get("thema", ""),
            language=data.get("sprache", ""),
            locality=data.get("ortsteil", ""),
            kind=data.get("typ", ""),
            query=data.get("q", ""),
        )

    def active_filters(self) -> list[dict[str, Any]]:
        """The filters in use, as shown above the results (and on a printout)."""
        if not self.is_valid():
            return []
        active = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if not value:
                continue
            shown = self.labels.get(name, {}).get(value, value)
            languages = [self.languages[value]] if name == "sprache" else []
            active.append({"label": field.label, "value": shown, "languages": languages})
        return active


def guide(request: DistrictRequest, district: str) -> HttpResponse:
    form = GuideFilterForm(request.GET, choices=guide_choices(district=request.district))
    page = guide_page(
        district=request.district, criteria=form.criteria(), number=request.GET.get(PAGE_PARAM)
    )
    context = {"form": form, "page": page, "filters": form.active_filters()}
    return render(request, "portal/guide.html", context)


def guide_detail(request: DistrictRequest, district: str, organisation: int) -> HttpResponse:
    try:
        entry = public_organisation(district=request.district, pk=organisation)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return render(request, "portal/guide_detail.html", {"organisation": entry})
