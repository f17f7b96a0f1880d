"""Staff pages of the directory's bulk transfer: CSV import with preview, CSV/XLSX export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest

from . import transfer
from .models import DirectoryImport

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@district_permission("directory.import_directory")
@require_http_methods(["GET", "POST"])
def import_upload(request: DistrictRequest, district: str) -> HttpResponse:
    if request.method == "POST":
        form = transfer.ImportUploadForm(request.POST, request.FILES)
    else:
        form = transfer.ImportUploadForm()
    if form.is_bound and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            upload = transfer.directory_import_create(
                district=request.district,
                actor=request.user,
                filename=file.name,
                raw=file.read(transfer.MAX_BYTES + 1),
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("directory:import_preview", district=district, upload=upload.pk)
    context = {"form": form, "columns": transfer.column_help(), "headers": transfer.HEADERS}
    return render(request, "directory/import_upload.html", context)


@district_permission("directory.import_directory")
@require_http_methods(["GET", "POST"])
def import_preview(request: DistrictRequest, district: str, upload: int) -> HttpResponse:
    obj: DirectoryImport = get_object_or_404(
        DirectoryImport.objects.select_related("created_by"), pk=upload
    )
    if request.method == "POST":
        return _decide(request, obj)
    pending = obj.status == DirectoryImport.Status.PENDING
    context = {
        "upload": obj,
        "preview": transfer.import_analyse(district=request.district, text=obj.content)
        if pending
        else None,
        "form": transfer.ImportConfirmForm(),
    }
    return render(request, "directory/import_preview.html", context)


def _decide(request: DistrictRequest, upload: DirectoryImport) -> HttpResponse:
    """Apply or discard a pending upload; a refusal shows on the preview page."""
    form = transfer.ImportConfirmForm(request.POST)
    here = redirect("directory:import_preview", district=request.district.slug, upload=upload.pk)
    if not form.is_valid():
        return here
    try:
        if form.cleaned_data["action"] == "discard":
            transfer.directory_import_discard(upload=upload, actor=request.user)
            messages.success(request, _("The file was discarded; nothing was imported."))
            return redirect("directory:list", district=request.district.slug)
        upload = transfer.directory_import_confirm(
            upload=upload,
            actor=request.user,
            include_duplicates=form.cleaned_data["include_duplicates"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return here
    if upload.status == DirectoryImport.Status.RUNNING:
        return here  # a large file: the worker imports it, the preview page says so
    count = upload.created_count
    text = ngettext("%(count)s entry was created.", "%(count)s entries were created.", count)
    messages.success(request, text % {"count": count})
    return redirect("directory:list", district=request.district.slug)


def _export(request: DistrictRequest, file_format: str) -> HttpResponse:
    content = transfer.directory_export(
        district=request.district,
        actor=request.user,
        criteria=transfer.filter_from_params(request.GET),
        file_format=file_format,
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    filename = transfer.export_filename(request.district, file_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@district_permission("directory.view_directory")
@require_GET
def export_csv(request: DistrictRequest, district: str) -> HttpResponse:
    return _export(request, "csv")


@district_permission("directory.view_directory")
@require_GET
def export_xlsx(request: DistrictRequest, district: str) -> HttpResponse:
    return _export(request, "xlsx")
