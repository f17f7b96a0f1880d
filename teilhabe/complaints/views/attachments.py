"""Attachments of a complaint: upload, download, delete.

An upload larger than the limit is refused before it is stored: a request that says it
is too large is not read at all, and one that turns out too large while it is read stops
being kept at the limit (`UploadLimit`). The upload handler has to be in place before
anything reads the request's body, and the CSRF check reads it, so the upload view is
exempt from the middleware's check and runs the same check itself once the handler is
in place (as Django's documentation on upload handlers describes).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from teilhabe.core.audit import audit_log
from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest
from teilhabe.core.versioning import save_form

from .. import attachments
from ..models import Attachment, Complaint
from ..selectors import complaint_or_404

VIEW = "complaints.view_complaint"
CHANGE = "complaints.change_complaint"
# Room for the form's other fields and the multipart framing around the file.
FORM_ALLOWANCE = 64 * 1024
# Downloads never run as a page of this site, whatever they contain.
SANDBOX = "sandbox; default-src 'none'"


class AttachmentForm(forms.Form):
    upload = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.FileInput(attrs={"accept": attachments.ACCEPT}),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Optional, e.g. “Letter of the Jobcenter of 3 March”."),
    )

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "attachment")
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        upload = self.fields["upload"]
        upload.help_text = _("Allowed: %(types)s. At most %(limit)s MB.") % {
            "types": attachments.ALLOWED,
            "limit": attachments.limit_mb(),
        }
        # The file of a refused upload never arrived: say why rather than "required".
        upload.required = not too_large

    def clean_upload(self) -> Any:
        if self.too_large:
            raise attachments.too_large()
        return self.cleaned_data["upload"]


class UploadLimit(FileUploadHandler):
    """Drops a file once more than `limit` bytes of it arrived; the handlers after it
    (memory, temporary file) then discard what they had."""

    def __init__(self, request: DistrictRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def detail_context(request: DistrictRequest, complaint: Complaint) -> dict[str, Any]:
    """What the case page shows of the attachments: the list and the upload form."""
    rows = complaint.attachments.select_related("uploaded_by")
    return {
        "attachments": [(a, attachments.type_label(a.content_type)) for a in rows],
        "attachment_form": AttachmentForm(),
    }


def _attachment(complaint: int, pk: int) -> Attachment:
    queryset = Attachment.objects.select_related("complaint")
    return get_object_or_404(queryset, complaint_id=complaint, pk=pk)


def _to_case(request: DistrictRequest, complaint: int) -> HttpResponse:
    kwargs = {"district": request.district.slug, "complaint": complaint}
    return redirect(reverse("complaints:detail", kwargs=kwargs) + "#attachments")


def _declared_length(request: DistrictRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _refused(request: DistrictRequest, complaint: Complaint, form: AttachmentForm) -> HttpResponse:
    from .case import _detail_page  # case.py imports this module

    status = 413 if form.too_large else 400
    return _detail_page(request, complaint.pk, status=status, attachment_form=form)


@csrf_exempt  # checked by `_add` once the upload handler is in place
@district_permission(CHANGE)
def attachment_add(request: DistrictRequest, district: str, complaint: int) -> HttpResponse:
    obj = complaint_or_404(complaint)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    limit = settings.COMPLAINTS_MAX_ATTACHMENT_BYTES
    if _declared_length(request) > limit + FORM_ALLOWANCE:
        # Not read at all, so its token is not checked either: the answer shows nothing
        # of the case and changes nothing (not even the log of reads).
        context = {"complaint": obj, "form": AttachmentForm({}, {}, too_large=True)}
        return render(request, "complaints/attachment_too_large.html", context, status=413)
    guard = UploadLimit(request, limit)
    request.upload_handlers = [guard, *request.upload_handlers]  # raises once read
    return _add(request, obj, guard)


@csrf_protect
def _add(request: DistrictRequest, obj: Complaint, guard: UploadLimit) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES, too_large=guard.exceeded)
    if form.is_valid():
        save = partial(
            attachments.attachment_add,
            complaint=obj,
            actor=request.user,
            upload=form.cleaned_data["upload"],
            description=form.cleaned_data["description"],
        )
        if save_form(request, form, save, _("The document was attached.")) is not None:
            return _to_case(request, obj.pk)
    return _refused(request, obj, form)


@district_permission(VIEW)
def attachment_download(
    request: DistrictRequest, district: str, complaint: int, attachment: int
) -> HttpResponse | FileResponse:
    """The document as a download under its stored name and type, never shown as a page."""
    record = _attachment(complaint, attachment)  # first: another district's id is a 404
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    try:
        content = record.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    # The complaint, not the attachment, is the logged record: its name may identify.
    changes = {"attachments": (None, record.pk)}
    audit_log(
        actor=request.user,
        obj=record.complaint,
        action="complaints.attachment.viewed",
        changes=changes,
    )
    response = FileResponse(
        content, as_attachment=True, filename=record.name, content_type=record.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    response["Cache-Control"] = "private, no-store"
    return response


@district_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def attachment_delete(
    request: DistrictRequest, district: str, complaint: int, attachment: int
) -> HttpResponse:
    record = _attachment(complaint, attachment)
    if request.method == "POST":
        attachments.attachment_delete(attachment=record, actor=request.user)
        messages.success(request, _("The document was deleted."))
        return _to_case(request, record.complaint_id)
    context = {"attachment": record, "complaint": record.complaint}
    return render(request, "complaints/attachment_delete.html", context)


urlpatterns: list[URLPattern] = [
    path("beschwerden/<int:complaint>/anhaenge/", attachment_add, name="attachment_add"),
    path(
        "beschwerden/<int:complaint>/anhaenge/<int:attachment>/",
        attachment_download,
        name="attachment",
    ),
    path(
        "beschwerden/<int:complaint>/anhaenge/<int:attachment>/loeschen/",
        attachment_delete,
        name="attachment_delete",
    ),
]
