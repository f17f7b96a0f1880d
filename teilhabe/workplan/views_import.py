"""Staff page of the work plan import: paste the plan or upload it, check, import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest

from . import importer

TEMPLATE = "workplan/import.html"


class PlanImportForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year of the plan"), min_value=2000, max_value=2100
    )
    text = forms.CharField(
        label=gettext_lazy("Work plan as text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "The whole plan as in the BVV paper: running tasks as lines starting “- ”, the "
            "tables with their columns separated by tabs."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("or the work plan as a file: Word (DOCX) or text"),
        required=False,
        allow_empty_file=True,
        help_text=gettext_lazy(
            "A Word document's paragraphs and tables are read in order; a text file in the "
            "layout above (UTF-8). At most 2 MB."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1

    def clean(self) -> dict[str, Any]:
        """The text to analyse: the document's, else the pasted text."""
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            try:
                data["text"] = importer.file_text(upload.read(importer.MAX_BYTES + 1))
            except ValidationError as error:
                self.add_error("file", error)
        elif not (data.get("text") or "").strip():
            raise ValidationError(_("Paste the work plan or choose a file."), code="empty")
        return data


@district_permission("workplan.change_workplan")
@require_http_methods(["GET", "POST"])
def plan_import(request: DistrictRequest, district: str) -> HttpResponse:
    form = PlanImportForm(request.POST or None, request.FILES or None)
    if not (form.is_bound and form.is_valid()):
        return _render(request, form, None)
    year, text = form.cleaned_data["year"], form.cleaned_data["text"]
    try:
        preview = importer.analyse(district=request.district, year=year, text=text)
    except ValidationError as error:
        form.add_error("file" if form.cleaned_data.get("file") else "text", error)
        return _render(request, form, None)
    if request.POST.get("action") == "confirm" and preview.can_import:
        try:
            result = importer.plan_import(
                district=request.district, year=year, actor=request.user, text=text
            )
        except ValidationError as error:  # changed since the analysis a moment ago
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, result.message())
            return redirect("workplan:detail", district=request.district.slug, year=year)
    return _render(request, PlanImportForm(initial={"year": year, "text": text}), preview)


def _render(
    request: DistrictRequest, form: PlanImportForm, preview: importer.PlanPreview | None
) -> HttpResponse:
    context = {"form": form, "preview": preview, "text": form.initial.get("text", "")}
    return render(request, TEMPLATE, context)
