"""Staff page of the Gremien import: paste the table or upload the work plan, check, apply."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest

from . import importer

TEMPLATE = "committees/import.html"


class BodyImportForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Table as text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "One body per line: the body, a tab (or a semicolon) and the positions, "
            "e.g. “AG Mehrsprachigkeit (Integrationsbeirat) [Tab] IntB, Int1 (L)”. "
            "(L) marks the lead."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("or the work plan as a Word document (DOCX)"),
        required=False,
        allow_empty_file=True,
        help_text=gettext_lazy(
            "The table with the columns “Gremium” and “Leitung (L)/ Teilnahme” is read. "
            "At most 2 MB."
        ),
    )

    def clean(self) -> dict[str, Any]:
        """The text to analyse: a document's table, else the pasted text."""
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            try:
                data["text"] = importer.docx_to_text(upload.read(importer.MAX_BYTES + 1))
            except ValidationError as error:
                self.add_error("file", error)
        elif not (data.get("text") or "").strip():
            raise ValidationError(_("Paste the table or choose a Word document."), code="empty")
        return data


@district_permission("committees.import_bodies")
@require_http_methods(["GET", "POST"])
def body_import(request: DistrictRequest, district: str) -> HttpResponse:
    if request.method == "POST" and request.POST.get("action") == "apply":
        return _apply(request)
    form = BodyImportForm(request.POST or None, request.FILES or None)
    preview = None
    if form.is_bound and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            preview = importer.import_analyse(district=request.district, text=text)
        except ValidationError as error:
            form.add_error("text" if not form.cleaned_data.get("file") else "file", error)
        else:
            form = BodyImportForm(initial={"text": text})
    return _render(request, form, preview)


def _apply(request: DistrictRequest) -> HttpResponse:
    text = request.POST.get("text", "")
    try:
        result = importer.bodies_import(district=request.district, actor=request.user, text=text)
    except ValidationError as error:
        form = BodyImportForm(initial={"text": text})
        messages.error(request, " ".join(error.messages))
        return _render(request, form, None)
    created = ngettext(
        "%(count)s body was created.", "%(count)s bodies were created.", result.bodies
    ) % {"count": result.bodies}
    recorded = ngettext(
        "%(count)s participation was recorded.",
        "%(count)s participations were recorded.",
        result.participations,
    ) % {"count": result.participations}
    messages.success(request, f"{created} {recorded}")
    if result.rejected:
        skipped = ngettext(
            "Line %(lines)s was not imported.",
            "Lines %(lines)s were not imported.",
            len(result.rejected),
        ) % {"lines": ", ".join(str(line) for line in result.rejected)}
        messages.warning(request, skipped)
    return redirect("committees:list", district=request.district.slug)


def _render(
    request: DistrictRequest, form: BodyImportForm, preview: importer.ImportPreview | None
) -> HttpResponse:
    context = {
        "form": form,
        "preview": preview,
        "text": form.initial.get("text", ""),
        "max_rows": importer.MAX_ROWS,
    }
    return render(request, TEMPLATE, context)
