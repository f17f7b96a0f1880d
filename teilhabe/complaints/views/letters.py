"""Letters of a complaint as DOCX and PDF."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path

from teilhabe.core.audit import audit_log
from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest

from .. import letters
from ..models import Complaint


@district_permission("complaints.view_complaint")
def letter(
    request: DistrictRequest, district: str, complaint: int, kind: str, record: int, fmt: str
) -> HttpResponse:
    """A statement request, the AGG referral (exists only once consent is recorded) or an
    assessment of the case as a letter, built on request; an anonymised case has none."""
    spec = letters.KINDS.get(kind)
    if spec is None or fmt not in letters.CONTENT_TYPES:
        raise Http404
    case: Complaint = get_object_or_404(
        Complaint.objects.all(), pk=complaint, anonymised_at__isnull=True
    )
    records = spec.model._default_manager.select_related("complaint__district")
    obj = get_object_or_404(records, pk=record, complaint=case)
    document = spec.build(obj)
    audit_log(
        actor=request.user,
        obj=obj,
        action=f"{obj._meta.label_lower}.exported",
        changes={"format": (None, fmt), "language": (None, document.language)},
    )
    response = HttpResponse(letters.render(document, fmt), content_type=letters.CONTENT_TYPES[fmt])
    body = getattr(obj, "organisation", None)
    name = letters.filename(kind, case, fmt, recipient=body.name if body else "")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns: list[URLPattern] = [
    path(
        "beschwerden/<int:complaint>/schreiben/<slug:kind>/<int:record>.<slug:fmt>",
        letter,
        name="letter",
    )
]
